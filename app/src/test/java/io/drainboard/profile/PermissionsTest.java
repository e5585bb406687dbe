package io.drainboard.profile;

import io.drainboard.profile.Permissions.Action;
import io.drainboard.profile.Permissions.Confirmation;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PermissionsTest {
    private static Permissions of(boolean readOnly, boolean production) throws ProfileException {
        return Permissions.of(ProfileLoader.parse(Path.of("p.yaml"), "name: p\nregion: us-east-1\nsimulator: {}\n"
                + "readOnly: " + readOnly + "\nproduction: " + production + "\n"));
    }

    @Test
    void aReadOnlyProfileRefusesEveryMutatingAction() throws Exception {
        Permissions p = of(true, false);
        for (Action a : Action.values()) {
            assertEquals(!a.mutating(), p.allows(a), a.name());
            if (a.mutating()) {
                assertEquals(Confirmation.REFUSED, p.confirmation(a));
                assertFalse(p.confirmed(a, "agent", true, "agent"), a.name());
                assertTrue(p.refusal(a).orElseThrow().contains("profile p is read-only"), a.name());
            }
        }
        assertTrue(p.allows(Action.EXPORT_REPORT));
    }

    @Test
    void productionAsksForTheServiceNameBeforeStoppingOrReplacingTasks() throws Exception {
        Permissions p = of(false, true);
        for (Action a : new Action[] {Action.DRAIN, Action.CORDON, Action.FORCE_STOP, Action.ROLLOUT, Action.ROLLBACK}) {
            assertEquals(Confirmation.TYPE_SERVICE_NAME, p.confirmation(a), a.name());
            assertFalse(p.confirmed(a, "support-agent", true, ""), a.name());
            assertFalse(p.confirmed(a, "support-agent", true, "sales-agent"), a.name());
            assertFalse(p.confirmed(a, "support-agent", false, "support-agent"), "typing without confirming");
            assertTrue(p.confirmed(a, "support-agent", true, " support-agent "), a.name());
        }
        assertEquals("Production profile p: type the service name 'support-agent' to drain tasks.",
                p.prompt(Action.DRAIN, "support-agent"));
        assertEquals(Confirmation.NONE, p.confirmation(Action.PROTECT), "protecting never cuts a call");
    }

    @Test
    void outsideProductionAClickIsEnough() throws Exception {
        Permissions p = of(false, false);
        assertEquals(Confirmation.CONFIRM, p.confirmation(Action.DRAIN));
        assertTrue(p.confirmed(Action.DRAIN, "agent", true, null));
        assertFalse(p.confirmed(Action.DRAIN, "agent", false, null));
        assertTrue(p.confirmed(Action.EXTEND, "agent", false, null));
        assertTrue(p.refusal(Action.ROLLOUT).isEmpty());
    }
}
