package io.drainboard.rollout;

import io.drainboard.aws.AwsRetry;
import io.drainboard.aws.Regional;
import io.drainboard.aws.RequestScheduler;
import io.drainboard.fleet.AwsErrors;
import io.drainboard.profile.ExitCode;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.DescribeServicesResponse;

import java.util.Optional;

/**
 * Does the service a command names exist? Asked of ECS directly (DescribeServices), transient errors retried
 * ({@link TransientRetry}), so that "not found" is said only when ECS says so, and a throttled, failing or
 * unreachable endpoint or a denied call is told apart, each with its own exit code ({@link ExitCode}).
 */
final class ServiceLookup {
    /** Why the command cannot go on, and the code it exits with. */
    record Problem(ExitCode code, String message) {
    }

    private final Regional<EcsClient> ecs;

    /** @param ecs every region the profile reads: the service is looked for in each (a rollout names no region) */
    ServiceLookup(Regional<EcsClient> ecs) {
        this.ecs = ecs;
    }

    Optional<Problem> check(String cluster, String service, RolloutRunner.Pacer pacer) {
        Problem first = null;
        for (Regional.Entry<EcsClient> e : ecs.entries()) {
            Optional<Problem> p = check(e.client(), cluster, service, pacer);
            if (p.isEmpty()) return p;
            // "not found" in one region says nothing while another could not be read: report what could not be read
            if (first == null || first.code() == ExitCode.NOT_FOUND) first = p.get();
        }
        return Optional.ofNullable(first);
    }

    private static Optional<Problem> check(EcsClient ecs, String cluster, String service, RolloutRunner.Pacer pacer) {
        DescribeServicesResponse r;
        try {
            r = TransientRetry.read(() -> ecs.describeServices(b -> b.cluster(cluster).services(service)), pacer);
        } catch (ClusterNotFoundException e) {
            return Optional.of(new Problem(ExitCode.NOT_FOUND, "no cluster " + cluster + " in this account and region"));
        } catch (SdkException e) {
            return Optional.of(failed("cannot read service " + cluster + "/" + service, e));
        }
        boolean active = r.services().stream().anyMatch(s -> service.equals(s.serviceName()) && "ACTIVE".equals(s.status()));
        if (active) return Optional.empty();
        return Optional.of(new Problem(ExitCode.NOT_FOUND, "no service " + service + " in cluster " + cluster
                + r.failures().stream().findFirst().map(f -> " (" + f.reason() + ")").orElse(
                r.services().isEmpty() ? "" : " (" + r.services().get(0).status() + ")")));
    }

    /** A failed AWS call after its retries, with the exit code that says what a pipeline should do. */
    static Problem failed(String what, SdkException e) {
        return new Problem(exitCode(e), what + ": " + AwsErrors.explain(e));
    }

    static ExitCode exitCode(SdkException e) {
        RequestScheduler.Verdict v = AwsRetry.classify(e);
        if (v == RequestScheduler.Verdict.THROTTLED) return ExitCode.TRY_AGAIN;
        if (v == RequestScheduler.Verdict.TRANSIENT) return ExitCode.UNAVAILABLE;
        if (e instanceof AwsServiceException s) {
            String code = s.awsErrorDetails() == null ? "" : s.awsErrorDetails().errorCode();
            if (s.statusCode() == 403 || code.contains("AccessDenied") || code.contains("Expired")
                    || code.contains("UnrecognizedClient") || code.contains("InvalidClientToken")) {
                return ExitCode.NOT_PERMITTED;
            }
            if (code.endsWith("NotFoundException")) return ExitCode.NOT_FOUND;
            // DescribeTaskDefinition of a revision that does not exist: "ClientException: Unable to describe task definition."
            String msg = s.awsErrorDetails() == null || s.awsErrorDetails().errorMessage() == null ? ""
                    : s.awsErrorDetails().errorMessage();
            if ("ClientException".equals(code) && msg.contains("Unable to describe")) return ExitCode.NOT_FOUND;
            return ExitCode.USAGE;
        }
        return ExitCode.UNAVAILABLE; // the SDK gave up without an answer from AWS: credentials chain, endpoint, network
    }
}
