package io.drainboard.sim.model;

/** ARN formats of the "new" (long) ECS ARN style, which is the default for all accounts since 2021. */
public record Arns(String region, String account) {
    public String cluster(String name) {
        return "arn:aws:ecs:" + region + ":" + account + ":cluster/" + name;
    }

    public String service(String cluster, String name) {
        return "arn:aws:ecs:" + region + ":" + account + ":service/" + cluster + "/" + name;
    }

    public String task(String cluster, String id) {
        return "arn:aws:ecs:" + region + ":" + account + ":task/" + cluster + "/" + id;
    }

    public String taskDefinition(String family, int revision) {
        return "arn:aws:ecs:" + region + ":" + account + ":task-definition/" + family + ":" + revision;
    }

    public String containerInstance(String cluster, String id) {
        return "arn:aws:ecs:" + region + ":" + account + ":container-instance/" + cluster + "/" + id;
    }

    public String container(String cluster, String taskId, String containerId) {
        return "arn:aws:ecs:" + region + ":" + account + ":container/" + cluster + "/" + taskId + "/" + containerId;
    }

    /** The last path segment: the name of a cluster or service, or the id of a task. */
    public static String lastSegment(String nameOrArn) {
        int slash = nameOrArn.lastIndexOf('/');
        return slash < 0 ? nameOrArn : nameOrArn.substring(slash + 1);
    }
}
