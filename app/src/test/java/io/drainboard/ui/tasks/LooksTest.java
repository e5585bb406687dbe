package io.drainboard.ui.tasks;

import io.drainboard.ui.model.KillOutlook;
import io.drainboard.ui.model.Revision;
import io.drainboard.ui.model.StopStage;
import io.drainboard.drain.LognormalSurvival;
import io.drainboard.fleet.Protection;
import io.drainboard.fleet.TaskSnapshot;
import io.drainboard.ui.Fleets;
import io.drainboard.ui.common.Tone;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LooksTest {
    private static final Instant NOW = Instant.parse("2026-11-23T03:00:00Z");

    @Test
    void theKillCountdownRunsToSigtermPlusStopTimeoutAndCountsTheCallsItCuts() {
        TaskSnapshot t = Fleets.sigtermed("prod", "support-agent", "t9", 41, NOW, Duration.ofSeconds(30),
                Fleets.calls(Fleets.taskArn("prod", "t9"), NOW, Duration.ofMinutes(20), Duration.ofSeconds(10)));
        KillOutlook o = new KillOutlook(StopStage.of(t), t.kill(), 120, t.calls().calls().stream().map(c -> c.startedAt()).toList(),
                LognormalSurvival.ofMedianAndP99(240, 1500));
        var look = Looks.kill(o, NOW);
        assertEquals(StopStage.SIGTERM_SENT, o.stage());
        assertTrue(look.text().startsWith("1 m 30 s · 2 calls, ≈"), look.text());
        assertEquals(Tone.DANGER, look.tone());
        assertTrue(Looks.kill(o, NOW.plusSeconds(1)).text().startsWith("1 m 29 s"), "it ticks with the clock");
        assertTrue(Looks.kill(o, NOW.plusSeconds(200)).text().startsWith("SIGKILL due"));
        double cut = o.expectedCut(NOW);
        assertTrue(cut > 0.5 && cut < 2, "the 20-minute call likely outlives 90 s more, the fresh one too: " + cut);
    }

    @Test
    void protectionSaysOnOffUnknownAndWarnsBeforeExpiry() {
        assertEquals("on · 55 m 00 s", Looks.protection(Protection.until(NOW.plus(Duration.ofMinutes(55))), NOW).text());
        assertEquals(Tone.WARN, Looks.protection(Protection.until(NOW.plus(Duration.ofMinutes(5))), NOW).tone());
        assertEquals("expired", Looks.protection(Protection.until(NOW.minusSeconds(1)), NOW).text());
        assertEquals("off", Looks.protection(Protection.OFF, NOW).text());
        assertEquals("unknown", Looks.protection(Protection.UNKNOWN, NOW).text(), "unknown is never shown as off");
    }

    @Test
    void duringARolloutOldAndNewRevisionsReadDifferently() {
        assertEquals("support-agent:41 · old", Looks.revision(new Revision("support-agent:41", 41, Revision.Generation.OLD)).text());
        assertEquals("support-agent:42 · new", Looks.revision(new Revision("support-agent:42", 42, Revision.Generation.NEW)).text());
        assertEquals("support-agent:42", Looks.revision(new Revision("support-agent:42", 42, Revision.Generation.ONLY)).text());
    }
}
