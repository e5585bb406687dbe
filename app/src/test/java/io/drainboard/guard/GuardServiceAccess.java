package io.drainboard.guard;

import io.drainboard.Console;
import io.drainboard.audit.AuditLog;
import io.drainboard.aws.AwsClients;
import io.drainboard.aws.ServiceTagGateway;
import io.drainboard.aws.TaskProtectionGateway;
import io.drainboard.drain.GuardPolicy;
import io.drainboard.drain.ProtectionActions;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** A guard service wired on a console's clients, as {@code GuardCommand} wires it, for tests in other packages. */
public final class GuardServiceAccess {
    private GuardServiceAccess() {
    }

    public static GuardService of(Console console, Path dataDir) {
        return of(console, dataDir, "guard-iam", "test-host", Set.of());
    }

    public static GuardService of(Console console, Path dataDir, String id, String host, Set<String> services) {
        return new GuardService(new GuardService.Settings(id, host, Duration.ofSeconds(60), services,
                GuardPolicy.Settings.DEFAULT), console.clock(),
                new ProtectionActions(new TaskProtectionGateway(AwsClients.byRegion(console.aws(), AwsClients::ecs)),
                        new AuditLog(dataDir, console.clock(), "iam"), false),
                new ServiceTagGateway(AwsClients.byRegion(console.aws(), AwsClients::ecs)),
                Optional.of(new SessionMetrics(AwsClients.byRegion(console.aws(), AwsClients::cloudWatch))), line -> { });
    }

    public static long releases(GuardService g) {
        return g.stats.releases.get();
    }
}
