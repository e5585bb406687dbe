package io.drainboard.profile;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The least-privilege IAM policy for a profile, from {@link IamActions}: read-only (what the console
 * reads) or operator (plus every action it can take), with resources scoped to the profile's regions
 * and clusters (and service filter) wherever IAM supports it. The account is left as "*": the profile
 * does not know it, and the policy is attached inside the account anyway.
 * <p>Command line: {@code drainboard --iam-policy PROFILE.yaml [--operator|--read-only|--guard]} (read-only by default),
 * or {@code drainboard --iam-policy --task-role}; the JSON policy goes to standard output.
 */
public final class IamPolicyGenerator {
    /** The usage of {@code --iam-policy}; {@code drainboard --help} prints it with the other modes'. */
    public static final String USAGE = "usage: drainboard --iam-policy PROFILE.yaml [--operator|--read-only|--guard]   (read-only by default;"
            + " --guard: the guard service's task role)\n"
            + "       drainboard --iam-policy --task-role   (what the worker task role needs for ECS Exec)";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private IamPolicyGenerator() {
    }

    /** The operator's policy: read-only, or with the mutating actions when {@code operator}. */
    public static ObjectNode operatorPolicy(Profile profile, boolean operator) {
        boolean write = operator && !profile.readOnly();
        Map<String, Statement> statements = new LinkedHashMap<>();
        for (IamActions.Action a : IamActions.ALL) {
            if (a.audience() != IamActions.Audience.OPERATOR || (a.mutating() && !write)) continue;
            String sid = (a.mutating() ? "Operate" : "Read") + sidOf(a.scope());
            statements.computeIfAbsent(sid, s -> new Statement(s, resources(profile, a.scope(), a.mutating())))
                    .actions.add(a.name());
        }
        List<Statement> list = new ArrayList<>(statements.values());
        if (write) {
            // ExecuteCommand needs the cluster as well as the task (Service Authorization Reference).
            list.stream().filter(s -> s.actions.contains("ecs:ExecuteCommand")).findFirst().ifPresent(s -> {
                s.actions.remove("ecs:ExecuteCommand");
                Statement exec = new Statement("OperateExec",
                        new ArrayList<>(resources(profile, IamActions.Scope.CLUSTER, true)));
                exec.resources.addAll(resources(profile, IamActions.Scope.TASK, true));
                exec.actions.add("ecs:ExecuteCommand");
                list.add(exec);
            });
            list.stream().filter(s -> s.actions.contains("iam:PassRole")).findFirst().ifPresent(s -> {
                s.actions.remove("iam:PassRole");
                Statement pass = new Statement("PassTaskRolesToEcs", List.of("*"));
                pass.actions.add("iam:PassRole");
                pass.condition = Map.of("StringEquals", Map.of("iam:PassedToService", "ecs-tasks.amazonaws.com"));
                list.add(pass);
            });
        }
        return document(list.stream().filter(s -> !s.actions.isEmpty()).toList());
    }

    /**
     * The guard service's task role ({@code drainboard guard}): the reads it makes, protection, its own two tags and
     * PutMetricData in its namespace ({@link IamActions#GUARD_FROM_OPERATOR}), scoped like the operator's; with
     * {@code guard.scaling.direct} also UpdateService and DescribeScalableTargets. No StopTask: the guard never stops a
     * task.
     */
    public static ObjectNode guardPolicy(Profile profile) {
        Map<String, Statement> statements = new LinkedHashMap<>();
        for (IamActions.Action a : IamActions.ALL) {
            boolean direct = profile.guard().direct().isPresent() && IamActions.GUARD_DIRECT_SCALING.contains(a.name());
            if (!IamActions.GUARD_FROM_OPERATOR.contains(a.name()) && !direct) continue;
            // The guard reads only what its profile makes it read: the clusters it names, calls from CloudWatch only
            // where a service takes them from there (it runs no history backfill).
            if (a.name().equals("ecs:ListClusters") && !profile.clusters().isEmpty()) continue;
            if (a.name().equals("cloudwatch:GetMetricData") && !readsCloudWatchCalls(profile)) continue;
            boolean tagging = a.name().equals("ecs:TagResource") || a.name().equals("ecs:UntagResource");
            String sid = (tagging ? "GuardTags" : a.mutating() ? "Guard" : "Read") + sidOf(a.scope());
            statements.computeIfAbsent(sid, x -> {
                Statement st = new Statement(x, resources(profile, a.scope(), a.mutating()));
                // Only the lease on the service and the mark on the tasks it protects.
                if (tagging) st.condition = Map.of("ForAllValues:StringEquals",
                        Map.of("aws:TagKeys", List.of("drainboard:guard", "drainboard:protected-by")));
                return st;
            }).actions.add(a.name());
        }
        Statement put = new Statement("GuardSessionMetrics", List.of("*"));
        put.actions.add(IamActions.PUT_METRIC_DATA.name());
        put.condition = Map.of("StringEquals", Map.of("cloudwatch:namespace", "Drainboard/Sessions"));
        List<Statement> list = new ArrayList<>(statements.values());
        list.add(put);
        return document(list);
    }

    private static boolean readsCloudWatchCalls(Profile p) {
        if (p.calls().source() == Profile.CallSource.CLOUDWATCH) return true;
        return p.services().values().stream().anyMatch(x -> x.calls().map(c -> c.source() == Profile.CallSource.CLOUDWATCH)
                .orElse(false));
    }

    /** What the worker task's role needs for ECS Exec (cordon by exec-signal). */
    public static ObjectNode taskRolePolicy() {
        Statement s = new Statement("EcsExecSessionChannels", List.of("*"));
        IamActions.ALL.stream().filter(a -> a.audience() == IamActions.Audience.TASK_ROLE)
                .forEach(a -> s.actions.add(a.name()));
        return document(List.of(s));
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        Path file = null;
        boolean operator = false;
        boolean taskRole = false;
        boolean guard = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                // drainboard --iam-policy FILE [--operator|--read-only] (Launcher), or --profile FILE
                case "--iam-policy" -> {
                    if (i + 1 < args.length && !args[i + 1].startsWith("--")) file = Path.of(args[++i]);
                }
                case "--profile" -> file = i + 1 < args.length ? Path.of(args[++i]) : null;
                case "--operator" -> operator = true;
                case "--read-only" -> operator = false;
                case "--task-role" -> taskRole = true;
                case "--guard" -> guard = true;
                case "--help", "-h" -> {
                    out.println(USAGE);
                    return ExitCode.OK.code();
                }
                default -> {
                    err.println("error: unknown argument '" + args[i] + "'");
                    err.println(USAGE);
                    return ExitCode.USAGE.code();
                }
            }
        }
        if (file == null && !taskRole) {
            err.println(USAGE);
            return ExitCode.USAGE.code();
        }
        try {
            if (taskRole) {
                out.println(JSON.writeValueAsString(taskRolePolicy()));
                return 0;
            }
            Profile profile = ProfileLoader.load(file);
            if (guard) {
                out.println(JSON.writeValueAsString(guardPolicy(profile)));
                return 0;
            }
            if (operator && profile.readOnly()) {
                err.println("profile " + profile.name() + " is read-only: it never acts, so this is the read-only policy");
            }
            out.println(JSON.writeValueAsString(operatorPolicy(profile, operator)));
            return 0;
        } catch (ProfileException e) {
            e.problems().forEach(err::println);
            return ExitCode.CONFIG.code();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            err.println("cannot write the policy: " + e.getOriginalMessage());
            return ExitCode.CANNOT_WRITE.code();
        }
    }

    /**
     * The ARNs for a scope in every region × cluster of the profile ("*" clusters when none are named).
     * Only actions narrow services to the service filter: reads cover the whole cluster, because one
     * denied service would fail a whole DescribeServices batch.
     */
    static List<String> resources(Profile profile, IamActions.Scope scope, boolean action) {
        if (scope == IamActions.Scope.ANY) return List.of("*");
        List<String> clusters = profile.clusters().isEmpty() ? List.of("*") : profile.clusters();
        List<String> services = !action || profile.serviceFilter().isEmpty() ? List.of("*") : profile.serviceFilter();
        List<String> out = new ArrayList<>();
        for (String region : profile.regions()) {
            String prefix = "arn:" + partition(region) + ":ecs:" + region + ":*:";
            for (String c : clusters) {
                switch (scope) {
                    case CLUSTER -> out.add(prefix + "cluster/" + c);
                    case SERVICE -> services.forEach(s -> out.add(prefix + "service/" + c + "/" + s));
                    case TASK -> out.add(prefix + "task/" + c + "/*");
                    case CONTAINER_INSTANCE -> out.add(prefix + "container-instance/" + c + "/*");
                    case ECS_RESOURCES -> {
                        out.add(prefix + "cluster/" + c);
                        services.forEach(s -> out.add(prefix + "service/" + c + "/" + s));
                        out.add(prefix + "task/" + c + "/*");
                        out.add(prefix + "container-instance/" + c + "/*");
                    }
                    default -> throw new IllegalArgumentException(scope.name());
                }
            }
            if (scope == IamActions.Scope.ECS_RESOURCES) out.add(prefix + "task-definition/*");
        }
        return out;
    }

    /** AWS partitions by region prefix: China and GovCloud ARNs differ. */
    static String partition(String region) {
        if (region.startsWith("cn-")) return "aws-cn";
        if (region.startsWith("us-gov-")) return "aws-us-gov";
        return "aws";
    }

    private static String sidOf(IamActions.Scope scope) {
        return switch (scope) {
            case ANY -> "Unscoped";
            case CLUSTER -> "Clusters";
            case SERVICE -> "Services";
            case TASK -> "Tasks";
            case CONTAINER_INSTANCE -> "ContainerInstances";
            case ECS_RESOURCES -> "Tags";
        };
    }

    private static ObjectNode document(List<Statement> statements) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("Version", "2012-10-17");
        ArrayNode list = doc.putArray("Statement");
        for (Statement s : statements) {
            ObjectNode n = list.addObject();
            n.put("Sid", s.sid);
            n.put("Effect", "Allow");
            ArrayNode actions = n.putArray("Action");
            s.actions.forEach(actions::add);
            ArrayNode res = n.putArray("Resource");
            s.resources.forEach(res::add);
            if (s.condition != null) n.set("Condition", JSON.valueToTree(s.condition));
        }
        return doc;
    }

    private static final class Statement {
        final String sid;
        final List<String> resources;
        final List<String> actions = new ArrayList<>();
        Map<String, Object> condition;

        Statement(String sid, List<String> resources) {
            this.sid = sid;
            this.resources = resources;
        }
    }
}
