package io.drainboard.ui.model;

import io.drainboard.fleet.ServiceSnapshot;
import io.drainboard.fleet.TaskSnapshot;

/**
 * A task's revision and, while its service runs more than one deployment, whether it is on the new
 * (primary) task definition or an old one, so a rollout reads at a glance.
 */
public record Revision(String label, int number, Generation generation) {
    public enum Generation { ONLY, NEW, OLD }

    public static Revision of(TaskSnapshot t, ServiceSnapshot service) {
        Generation g = Generation.ONLY;
        if (service != null && service.deploying()) {
            g = t.taskDefinitionArn().equals(service.taskDefinitionArn()) ? Generation.NEW : Generation.OLD;
        }
        // "rev 41" where the family is the service's own name (the usual case, and the table shows the service);
        // the whole "family:41" where it is not.
        String label = t.family().equals(t.serviceName()) ? "rev " + t.revision() : t.revisionLabel();
        return new Revision(label, t.revision(), g);
    }

    public String text() {
        return switch (generation) {
            case ONLY -> label;
            case NEW -> label + " · new";
            case OLD -> label + " · old";
        };
    }
}
