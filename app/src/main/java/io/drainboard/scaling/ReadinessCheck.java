package io.drainboard.scaling;

import io.drainboard.aws.AwsClients;
import io.drainboard.fleet.ServiceSnapshot;
import io.drainboard.history.History;
import io.drainboard.profile.Profile;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Scaling readiness of services: reads each one's scaling through the real SDK clients of its region, joins the
 * live snapshot, history and the check's settings into facts, and runs {@link Readiness}. Reads only.
 */
public final class ReadinessCheck {
    private final Profile profile;
    private final List<AwsClients> aws;
    private final History history;
    private final Clock clock;
    private final CheckSettings settings;

    public ReadinessCheck(Profile profile, List<AwsClients> aws, History history, Clock clock, CheckSettings settings) {
        this.profile = profile;
        this.aws = List.copyOf(aws);
        this.history = history;
        this.clock = clock;
        this.settings = settings;
    }

    /** The metric namespace sessions are published under: the profile's CloudWatch calls metric's, else Drainboard/Agents. */
    public static String namespace(Profile p) {
        return p.calls().cloudWatch().map(Profile.CloudWatchCalls::namespace).filter(n -> !n.isEmpty())
                .orElse("Drainboard/Agents");
    }

    public Recommended recommended() {
        return Recommended.forNamespace(namespace(profile));
    }

    public ReadinessReport check(ServiceSnapshot s) {
        AwsClients clients = clientsFor(aws, s.arn());
        try (ScalingClients sc = new ScalingClients(clients.ecs())) {
            ScalingReader reader = new ScalingReader(sc.applicationAutoScaling(), sc.cloudWatch(), clients.autoScaling(),
                    clients.ecs());
            ScalingConfig config = reader.read(s.clusterName(), s.name(), s.launchType(), s.taskDefinitionArn());
            Optional<SessionHistory> h = SessionHistory.read(history, s.clusterName(), s.name(), clock.instant(),
                    settings.historySpan());
            Optional<Double> r = config.policies().stream().anyMatch(p -> p.measures() == ScalingConfig.Measures.CPU)
                    ? reader.cpuCorrelation(s.clusterName(), s.name(), namespace(profile), clock.instant()) : Optional.empty();
            ServiceFacts facts = FactsBuilder.build(s, profile.forService(s.clusterName(), s.name()).callLength(), settings,
                    h, reader.measuredStartup(s.clusterName(), s.name()), r, profile.guard().direct(), clock.instant());
            return Readiness.check(config, facts, recommended());
        }
    }

    /** The clients of the service's region (and account), by its ARN; the only ones when the ARN names none. */
    static AwsClients clientsFor(List<AwsClients> aws, String serviceArn) {
        String[] p = serviceArn == null ? new String[0] : serviceArn.split(":");
        if (p.length > 4) {
            for (AwsClients c : aws) {
                if (c.target().region().equals(p[3]) && c.target().account().map(a -> a.equals(p[4])).orElse(true)) return c;
            }
        }
        return aws.get(0);
    }
}
