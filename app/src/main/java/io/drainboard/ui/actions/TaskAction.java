package io.drainboard.ui.actions;

import io.drainboard.fleet.Protection;
import io.drainboard.ui.tasks.TaskRow;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The actions on tasks, with which of the selected tasks each applies to and why it cannot run. Shared
 * by the keys, the palette, the context menu and the details pane's buttons, so they always agree.
 */
enum TaskAction {
    PROTECT("Protect", "p", "protectButton", r -> live(r), "the selected tasks are stopped"),
    EXTEND("Extend protection", "e", "extendButton", r -> live(r) && isProtected(r), "none of the selected tasks is protected"),
    RELEASE("Release protection", "u", "releaseButton", r -> live(r) && isProtected(r), "none of the selected tasks is protected"),
    DRAIN("Safe drain", "d", "drainButton", r -> "RUNNING".equals(r.snapshot().lastStatus()) && !draining(r),
            "the selected tasks are not running, or already draining"),
    FORCE("Force the drain (cuts its calls)", "", "forceButton", TaskAction::drainingHere,
            "no drain of the selected tasks by this console's drains is under way"),
    CANCEL("Cancel the drain", "", "cancelDrainButton", TaskAction::drainingHere,
            "no drain of the selected tasks by this console's drains is under way");

    final String title;
    final String key;
    final String buttonId;
    private final Predicate<TaskRow> appliesTo;
    private final String noneApplies;

    TaskAction(String title, String key, String buttonId, Predicate<TaskRow> appliesTo, String noneApplies) {
        this.title = title;
        this.key = key;
        this.buttonId = buttonId;
        this.appliesTo = appliesTo;
        this.noneApplies = noneApplies;
    }

    /** The selected tasks this action would change. */
    List<TaskRow> targets(List<TaskRow> selected) {
        return selected.stream().filter(r -> r.snapshot() != null && appliesTo.test(r)).toList();
    }

    /** Why it cannot run on this selection, or empty. */
    Optional<String> whyNot(Rails rails, List<TaskRow> selected) {
        Optional<String> refused = rails.refusal();
        if (refused.isPresent()) return refused;
        if (selected.isEmpty()) return Optional.of("select a task first (Shift or Ctrl+click selects several)");
        if (!targets(selected).isEmpty()) return Optional.empty();
        if (this == DRAIN) {
            // Say who is draining it: a rollout or a scale-in decides when the task stops, not a second drain.
            Optional<String> other = selected.stream().flatMap(r -> r.activity().stream())
                    .flatMap(a -> a.refusesADrain().stream()).findFirst();
            if (other.isPresent()) return other;
        }
        return Optional.of(noneApplies);
    }

    /** Drains, forces and rollouts are the dangerous ones: a production profile wants the service name typed. */
    boolean dangerous() {
        return this == DRAIN || this == FORCE;
    }

    private static boolean live(TaskRow r) {
        return !"STOPPED".equals(r.snapshot().lastStatus());
    }

    private static boolean isProtected(TaskRow r) {
        return r.snapshot().protection().state() == Protection.State.ON;
    }

    /** A drain under way, whoever runs it. */
    private static boolean draining(TaskRow r) {
        return r.activity().map(io.drainboard.drain.TaskActivity::draining).orElse(false);
    }

    /** A drain under way that this console's drain commands reach (force, cancel): not a rollout's or a scale-in's. */
    private static boolean drainingHere(TaskRow r) {
        return r.activity().map(a -> a.draining() && a.commandable()).orElse(false);
    }
}
