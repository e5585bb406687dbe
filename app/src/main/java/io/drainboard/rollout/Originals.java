package io.drainboard.rollout;

import io.drainboard.aws.ScalableTargetGateway;
import io.drainboard.aws.ServiceDeployGateway;

/**
 * What the service looked like before the rollout changed it, to be put back at the end.
 *
 * @param scaling the scalable target's state; null when the service has none
 */
record Originals(ServiceDeployGateway.DeploymentSettings deployment, ScalableTargetGateway.Scaling scaling) {
}
