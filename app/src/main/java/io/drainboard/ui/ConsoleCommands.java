package io.drainboard.ui;

import io.drainboard.fleet.FleetSnapshot;
import io.drainboard.ui.command.Command;
import io.drainboard.ui.nav.Place;
import io.drainboard.ui.tasks.TaskRow;
import javafx.scene.input.KeyCode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Every action, once: the palette lists them, the help overlay shows their keys, {@link Keys} binds
 * them. Navigation targets (services, clusters, tasks, profiles) are added to the palette as they exist.
 * The operator's actions on the fleet (protect, drain, guard, rollout, audit, timeline) come from
 * {@link io.drainboard.ui.actions.OperatorActions}, disabled with the reason when they cannot run.
 */
final class ConsoleCommands {
    private static final String NAV = "Navigate";
    private static final String TASK = "Task";
    private static final String VIEW = "View";
    private static final String SORT = "Sort";
    private static final String FILTER = "Filter";
    /** Shift+letter sorts, k9s-style: key, column id, words. */
    private static final String[][] SORTS = {
            {"C", "col-calls", "calls"}, {"O", "col-oldest", "oldest call"}, {"K", "col-kill", "time to SIGKILL"},
            {"P", "col-protection", "protection"}, {"R", "col-revision", "revision"}, {"S", "col-status", "status"},
            {"H", "col-health", "health"}, {"Z", "col-az", "availability zone"}, {"I", "col-task", "task id"},
            {"D", "col-drain", "drain state"}};
    /** Ready-made filters: title and query. */
    private static final String[][] PRESETS = {
            {"Busy tasks (calls > 0)", "calls:>0"}, {"Busy and unprotected", "calls:>0 prot:off"},
            {"Old revision during a rollout", "rev:old"}, {"Being stopped", "kill:>=0"},
            {"Calls unknown", "calls:?"}, {"Oldest call over 10 minutes", "oldest:>10m"},
            {"Protection expiring within 15 minutes", "prot:<15m"}};

    private final ConsoleView v;

    ConsoleCommands(ConsoleView view) {
        this.v = view;
    }

    /** The commands that have keys (help overlay). */
    List<Command> keyed() {
        TaskRowSupplier sel = () -> v.table.selectedRow().get();
        List<Command> c = new ArrayList<>();
        c.add(Command.of(NAV, "Command palette", "Ctrl+K  or  :", v.palette::open));
        c.add(Command.of(NAV, "Filter tasks", "/", v::focusFilter));
        c.add(Command.of(NAV, "Keys and filter syntax", "?", v.help::toggle));
        c.add(Command.of(NAV, "Next task / previous task", "j / k", () -> v.table.moveSelection(1)));
        c.add(Command.of(NAV, "Next service", "]", () -> stepService(1)));
        c.add(Command.of(NAV, "Previous service", "[", () -> stepService(-1)));
        c.add(Command.of(NAV, "Up: service → cluster → fleet", "Backspace", () -> v.tree.go(v.tree.place().get().up())));
        c.add(Command.of(NAV, "Focus the navigation tree", "Ctrl+1", () -> v.tree.view().requestFocus()));
        c.add(Command.of(NAV, "Focus the task table", "Ctrl+2", v::focusTable));
        c.add(Command.of(TASK, "Copy the task's ARN", "c", () -> v.copyArn(sel.get()))
                .when(() -> sel.get() != null, "select a task first"));
        c.add(Command.of(TASK, "Open the task in the AWS console", "o", () -> v.openInConsole(sel.get()))
                .when(() -> sel.get() != null, "select a task first"));
        c.add(Command.of(TASK, "Open the service in the AWS console", "w", v::openServiceInConsole)
                .when(() -> v.tree.place().get().isService(), "select a service first"));
        c.add(Command.of(VIEW, "Instances of the cluster / tasks (EC2 capacity)", "i", v::toggleInstances));
        c.add(Command.of(VIEW, "Refresh now", "r  or  F5", v::refreshNow).when(() -> v.profile() != null, "no profile open yet"));
        c.add(Command.of(VIEW, "Light or dark theme", "Ctrl+T", v::toggleTheme));
        c.add(Command.of(VIEW, "Quit", "Ctrl+Q", v.actions::quit));
        for (String[] s : SORTS) {
            c.add(Command.of(SORT, "Sort by " + s[2] + " (again: reverse)", "Shift+" + s[0], () -> v.table.sortBy(s[1])));
        }
        c.add(Command.of(FILTER, "Clear the filter", "Esc in the filter", () -> v.header.filterField().clear()));
        c.addAll(v.operator.commands());
        c.addAll(v.scaling.commands());
        return c;
    }

    /** Everything the palette offers: keyed commands, places, profiles, tasks, filters. */
    List<Command> all() {
        List<Command> c = new ArrayList<>(keyed());
        c.add(Command.of(NAV, "Go to all clusters", "", () -> v.tree.go(Place.FLEET)));
        for (Place p : v.tree.places()) {
            c.add(Command.of(NAV, "Go to " + (p.isService() ? p.label() : "cluster " + p.cluster()), "", () -> {
                v.tree.go(p);
                v.focusTable();
            }));
        }
        for (Path p : v.tree.otherProfiles()) {
            c.add(Command.of(NAV, "Open profile " + p.getFileName(), "", () -> v.actions.openProfile(p)));
        }
        for (String[] f : PRESETS) {
            c.add(Command.of(FILTER, f[0] + "   " + f[1], "", () -> v.header.filterField().setText(f[1])));
        }
        FleetSnapshot s = v.latest();
        if (s != null && s.tasks().count() <= 2000) {
            s.tasks().forEach(t -> c.add(Command.of(TASK, "Select task " + t.id() + "  " + t.clusterName() + "/"
                    + t.serviceName(), "", () -> v.selectTask(t.arn()))));
        }
        return c;
    }

    Keys keys() {
        Keys k = new Keys(v.overlay::showing)
                .chord("Shortcut+K", v.palette::open)
                .chord("Shortcut+T", v::toggleTheme)
                .chord("Shortcut+Q", v.actions::quit)
                .chord("Shortcut+1", () -> v.tree.view().requestFocus())
                .chord("Shortcut+2", v::focusTable)
                .chord("F5", v::refreshNow)
                .chord("F1", v.help::toggle)
                .character(":", v.palette::open)
                .character("/", v::focusFilter)
                .character("?", v.help::toggle)
                .character("j", () -> v.table.moveSelection(1))
                .character("k", () -> v.table.moveSelection(-1))
                .character("]", () -> stepService(1))
                .character("[", () -> stepService(-1))
                .character("r", v::refreshNow)
                .character("i", v::toggleInstances)
                .character("c", () -> run("c"))
                .character("o", () -> run("o"))
                .character("w", () -> run("w"))
                .character("p", () -> run("p"))
                .character("e", () -> run("e"))
                .character("u", () -> run("u"))
                .character("d", () -> run("d"))
                .character("g", () -> run("g"))
                .character("s", () -> run("s"))
                .character("l", () -> run("l"))
                .character("t", () -> run("t"))
                .character("a", () -> run("a"))
                .character("m", () -> run("m"))
                .key(KeyCode.BACK_SPACE, () -> v.tree.go(v.tree.place().get().up()));
        for (String[] s : SORTS) k.character(s[0], () -> v.table.sortBy(s[1]));
        return k;
    }

    /** Runs the keyed command bound to a letter, or says why it cannot run. */
    private void run(String key) {
        for (Command c : keyed()) {
            if (c.keys().equals(key)) {
                c.run().ifPresent(why -> v.note(io.drainboard.ui.model.Activity.Level.WARN, c.title() + ": " + why));
                return;
            }
        }
    }

    private void stepService(int delta) {
        List<Place> services = v.tree.services();
        if (services.isEmpty()) return;
        int i = services.indexOf(v.tree.place().get());
        int next = i < 0 ? (delta > 0 ? 0 : services.size() - 1) : Math.floorMod(i + delta, services.size());
        v.tree.go(services.get(next));
    }

    @FunctionalInterface
    private interface TaskRowSupplier {
        TaskRow get();
    }
}
