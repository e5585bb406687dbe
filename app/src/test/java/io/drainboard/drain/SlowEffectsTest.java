package io.drainboard.drain;

import io.drainboard.Console;
import io.drainboard.fleet.FleetListener;
import io.drainboard.fleet.FleetSnapshot;
import io.drainboard.fleet.TaskSnapshot;
import io.drainboard.profile.ProfileLoader;
import io.drainboard.sim.Simulator;
import io.drainboard.sim.http.Faults;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A worker whose drain route answers after 20 s delays no refresh: the drain decides on the snapshot and the
 * cordon goes out on the effects executor, holding no engine lock; meanwhile the drain shows the cordon as sent
 * and unanswered, and it goes on once the answer is in. The simulator runs at wall-clock speed here (the route's
 * 20 s are wall time), so the refresher runs on its own schedule, every second.
 */
class SlowEffectsTest {
    private static final String SCENARIO = Path.of("..", "simulator", "src", "test", "resources", "scenarios",
            "small-fleet.yaml").toString();
    private static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final Duration SLOW_ROUTE = Duration.ofSeconds(20);

    /**
     * Each snapshot as it arrives (after the engines had it), with the wall time, the drain's status and whether
     * the drain route had been called by then.
     */
    private record Arrival(long nanos, Optional<DrainStatus> drain, boolean routeCalled) {
    }

    /** The first arrival that matches, waiting at most {@code within} in all; null when none came. */
    private static Arrival await(BlockingQueue<Arrival> arrivals, java.util.function.Predicate<Arrival> matches,
                                 Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        for (long left = within.toNanos(); left > 0; left = deadline - System.nanoTime()) {
            Arrival a = arrivals.poll(left, TimeUnit.NANOSECONDS);
            if (a != null && matches.test(a)) return a;
        }
        return null;
    }

    @Test
    void aCordonRouteThatAnswersAfter20sDoesNotDelayTheNextRefresh() throws Exception {
        Simulator sim = Simulator.start(new Simulator.Options(SCENARIO, 0, false, 1.0, false, false));
        try (Console console = Console.onSimulator(ProfileLoader.parse(Path.of("slow.yaml"), "name: slow\n"
                + "region: us-east-1\nsimulator: {scenario: '" + SCENARIO + "'}\nrefresh: 1s\ncordon: {method: http}\n"), sim)) {
            sim.faults().set("worker:Drain", new Faults.Rule(0, 0, 0, SLOW_ROUTE));
            FleetSnapshot first = console.refresher().readOnce();
            TaskSnapshot busy = first.service("voice", "agent").orElseThrow().tasks().stream()
                    .max(Comparator.comparingInt(t -> t.calls().count())).orElseThrow();
            BlockingQueue<Arrival> arrivals = new LinkedBlockingQueue<>();
            console.refresher().addListener(new FleetListener() {
                @Override
                public void snapshot(FleetSnapshot s) {
                    arrivals.add(new Arrival(System.nanoTime(), console.actions().drains().stream()
                            .filter(d -> d.taskArn().equals(busy.arn())).findFirst(),
                            sim.requests().count("worker", "Drain") > 0));
                }
            });
            arrivals.clear();
            console.actions().drain("voice", "agent", busy.arn(), "test: slow drain route");
            console.refresher().start();

            // The refresh on which the drain sent its cordon (protect answered, route called) came on time, and
            // shows the cordon as sent and unanswered.
            Arrival[] before = new Arrival[1];
            Arrival sent = await(arrivals, a -> {
                if (a.routeCalled()) return true;
                before[0] = a;
                return false;
            }, Duration.ofSeconds(60));
            assertNotNull(sent, "the drain sent its cordon");
            assertNotNull(before[0]);
            Duration onTime = Duration.ofNanos(sent.nanos() - before[0].nanos());
            assertTrue(onTime.compareTo(INTERVAL.plusSeconds(5)) < 0, "the refresh that sent the cordon took " + onTime);
            assertEquals(DrainPhase.CORDONING, sent.drain().orElseThrow().phase());
            assertTrue(sent.drain().orElseThrow().reason().startsWith("sent the cordon (http), no answer yet"),
                    sent.drain().orElseThrow().reason());

            // While the route sleeps its 20 s, refreshes keep coming every interval (plus the read itself).
            long previous = sent.nanos();
            for (int i = 0; i < 5; i++) {
                Arrival next = arrivals.poll(10, TimeUnit.SECONDS);
                assertNotNull(next, "refresh " + i + " after the cordon was sent never came");
                Duration gap = Duration.ofNanos(next.nanos() - previous);
                assertTrue(gap.compareTo(INTERVAL.plusSeconds(5)) < 0, "a refresh waited " + gap + " for the cordon");
                assertTrue(next.drain().orElseThrow().sending().isPresent(), "the cordon shows as in flight");
                previous = next.nanos();
            }

            // The console gives the route 10 s (HttpCordon): its answer, a timeout, is taken on the next step, and the
            // drain goes on from it (a cordon it cannot confirm fails the drain; the protection stays).
            Arrival after = await(arrivals, a -> a.drain().map(x -> x.sending().isEmpty()).orElse(false),
                    Duration.ofSeconds(40));
            assertNotNull(after, "the drain took the cordon's answer");
            DrainStatus d = after.drain().orElseThrow();
            assertEquals(DrainPhase.FAILED, d.phase(), d.reason());
            assertTrue(d.reason().contains("drain route"), d.reason());
            assertEquals(1, sim.requests().count("worker", "Drain"), "the drain route was called once, never again");
        }
    }
}
