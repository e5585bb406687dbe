package io.drainboard.ui.nav;

import io.drainboard.fleet.ClusterSnapshot;
import io.drainboard.fleet.FleetSnapshot;
import io.drainboard.fleet.ServiceSnapshot;
import io.drainboard.ui.common.Icons;
import io.drainboard.ui.common.Tone;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.StringProperty;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import org.kordamp.ikonli.javafx.FontIcon;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;

/**
 * Profiles → clusters → services. The open profile holds its clusters; other profiles found next to it
 * are listed so the operator can switch (Enter or double-click). Rebuilt only when clusters or services
 * come or go; otherwise only labels change, so selection and expansion are never disturbed.
 */
public final class FleetTree {
    /** A tree node: what it opens or shows, a live label and detail, an icon and a tone. */
    public static final class Nav {
        public final Place place;
        public final Path profile;
        public final StringProperty label = new SimpleStringProperty();
        public final StringProperty detail = new SimpleStringProperty("");
        final ObjectProperty<Tone> tone = new SimpleObjectProperty<>(Tone.NORMAL);
        final String icon;
        int warnings;

        Nav(Place place, Path profile, String icon, String label) {
            this.place = place;
            this.profile = profile;
            this.icon = icon;
            this.label.set(label);
        }

        /** A node for a profile that is not open: selecting it offers to open it. */
        public boolean opensProfile() {
            return place == null;
        }
    }

    private final TreeView<Nav> view = new TreeView<>();
    private final TreeItem<Nav> hiddenRoot = new TreeItem<>();
    private final ReadOnlyObjectWrapper<Place> place = new ReadOnlyObjectWrapper<>(Place.FLEET);
    private final Map<Place, TreeItem<Nav>> items = new HashMap<>();
    private TreeItem<Nav> open;
    private List<Place> structure = List.of();

    public FleetTree(Consumer<Path> openProfile) {
        view.setId("fleetTree");
        view.setShowRoot(false);
        view.setRoot(hiddenRoot);
        view.setCellFactory(v -> new NavCell());
        view.getSelectionModel().selectedItemProperty().addListener((obs, old, item) -> {
            if (item != null && item.getValue().place != null) place.set(item.getValue().place);
        });
        view.setOnKeyPressed(e -> {
            TreeItem<Nav> sel = view.getSelectionModel().getSelectedItem();
            if (e.getCode() == KeyCode.ENTER && sel != null && sel.getValue().opensProfile()) {
                openProfile.accept(sel.getValue().profile);
                e.consume();
            }
        });
        view.setOnMouseClicked(e -> {
            TreeItem<Nav> sel = view.getSelectionModel().getSelectedItem();
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && sel != null
                    && sel.getValue().opensProfile()) {
                openProfile.accept(sel.getValue().profile);
            }
        });
    }

    public TreeView<Nav> view() {
        return view;
    }

    public ReadOnlyObjectProperty<Place> place() {
        return place.getReadOnlyProperty();
    }

    /** Lists the profiles: the open one (it will hold the clusters) and the others, which open on Enter. */
    public void showProfiles(Path current, String currentName, List<Path> others) {
        hiddenRoot.getChildren().clear();
        items.clear();
        structure = List.of();
        open = new TreeItem<>(new Nav(Place.FLEET, current, Icons.PROFILE, currentName));
        open.setExpanded(true);
        items.put(Place.FLEET, open);
        hiddenRoot.getChildren().add(open);
        for (Path p : others) {
            String name = p.getFileName().toString().replaceFirst("\\.ya?ml$", "");
            TreeItem<Nav> other = new TreeItem<>(new Nav(null, p, Icons.PROFILE_OTHER, name));
            other.getValue().detail.set("Enter to open");
            other.getValue().tone.set(Tone.MUTED);
            hiddenRoot.getChildren().add(other);
        }
        view.getSelectionModel().select(open);
        place.set(Place.FLEET);
    }

    /** Names the open profile as the profile file itself says (not its file name). */
    public void named(String profileName) {
        if (open != null) open.getValue().label.set(profileName);
    }

    /**
     * Updates labels, and the structure when clusters or services came or went. {@code warnings} counts a service's
     * warnings that need a look; {@code cutting} says whether calls are being cut on it now (red, not amber).
     */
    public void apply(FleetSnapshot s, ToIntFunction<ServiceSnapshot> warnings, java.util.function.Predicate<ServiceSnapshot> cutting) {
        if (open == null) return;
        List<Place> keys = new ArrayList<>();
        for (ClusterSnapshot c : s.clusters()) {
            keys.add(Place.cluster(c.name(), c.arn()));
            for (ServiceSnapshot svc : c.services()) keys.add(Place.service(c.name(), svc.name(), c.arn()));
        }
        if (!keys.equals(structure)) rebuild(s);
        structure = keys;
        open.getValue().detail.set(s.region() + " · " + s.tasks().count() + " tasks");
        // Account and region on each cluster once the fleet spans several ("prod · eu-west-1 · 300 tasks").
        boolean places = s.clusters().stream().map(ClusterSnapshot::where).distinct().count() > 1;
        for (ClusterSnapshot c : s.clusters()) {
            Nav n = items.get(Place.cluster(c.name(), c.arn())).getValue();
            n.detail.set((places ? c.where() + " · " : "") + (c.error().isPresent() ? "cannot read" : c.taskCount() + " tasks"));
            n.tone.set(c.error().isPresent() ? Tone.DANGER : Tone.NORMAL);
            for (ServiceSnapshot svc : c.services()) {
                Nav sn = items.get(Place.service(c.name(), svc.name(), c.arn())).getValue();
                int w = warnings.applyAsInt(svc);
                sn.detail.set(svc.runningCount() + "/" + svc.desiredCount() + " · " + svc.calls() + " calls");
                sn.warnings = w;
                sn.tone.set(cutting.test(svc) ? Tone.DANGER : w > 0 ? Tone.WARN : Tone.NORMAL);
            }
        }
    }

    private void rebuild(FleetSnapshot s) {
        Place keep = place.get();
        open.getChildren().clear();
        items.keySet().retainAll(List.of(Place.FLEET));
        for (ClusterSnapshot c : s.clusters()) {
            TreeItem<Nav> ci = new TreeItem<>(new Nav(Place.cluster(c.name(), c.arn()), null, Icons.CLUSTER, c.name()));
            ci.setExpanded(true);
            items.put(ci.getValue().place, ci);
            for (ServiceSnapshot svc : c.services()) {
                Place p = Place.service(c.name(), svc.name(), c.arn());
                TreeItem<Nav> si = new TreeItem<>(new Nav(p, null, Icons.SERVICE, svc.name()));
                items.put(p, si);
                ci.getChildren().add(si);
            }
            open.getChildren().add(ci);
        }
        go(items.containsKey(keep) ? keep : Place.FLEET);
    }

    /** Selects a place (palette, [ and ], Backspace); unknown places fall back to the fleet. */
    public void go(Place p) {
        TreeItem<Nav> item = items.get(p);
        if (item == null && p.where() == null) { // named by hand: the first place of those names
            item = items.entrySet().stream().filter(e -> e.getKey().named().equals(p)).map(Map.Entry::getValue)
                    .findFirst().orElse(null);
        }
        if (item == null) item = items.get(Place.FLEET);
        if (item == null) return;
        view.getSelectionModel().select(item);
        int row = view.getRow(item);
        if (row >= 0) view.scrollTo(Math.max(0, row - 2));
        place.set(item.getValue().place);
    }

    /** The services in tree order, for [ and ] and the palette. */
    public List<Place> services() {
        return structure.stream().filter(Place::isService).toList();
    }

    public List<Place> places() {
        return structure;
    }

    /** Other profiles offered for switching. */
    public List<Path> otherProfiles() {
        return hiddenRoot.getChildren().stream().map(TreeItem::getValue).filter(Nav::opensProfile).map(n -> n.profile).toList();
    }

    private static final class NavCell extends TreeCell<Nav> {
        private final FontIcon icon = new FontIcon();
        private final javafx.beans.value.ChangeListener<Tone> toneChanged = (obs, o, t) -> look();
        private final javafx.scene.control.Tooltip tip = new javafx.scene.control.Tooltip();
        private Nav shown;

        NavCell() {
            icon.getStyleClass().add("nav-icon");
        }

        @Override
        protected void updateItem(Nav item, boolean empty) {
            super.updateItem(item, empty);
            textProperty().unbind();
            if (shown != null) shown.tone.removeListener(toneChanged);
            shown = empty ? null : item;
            if (shown == null) {
                setText(null);
                setGraphic(null);
                Tone.clear(this);
                return;
            }
            setGraphic(icon);
            textProperty().bind(item.label.concat("   ").concat(item.detail));
            item.tone.addListener(toneChanged);
            look();
        }

        /** A service with readiness warnings shows an alert icon instead of its own: shape, not only colour. */
        private void look() {
            boolean warn = shown.warnings > 0;
            icon.setIconLiteral(warn ? Icons.WARN : shown.icon);
            shown.tone.get().applyTo(this);
            tip.setText(warn ? shown.warnings + " readiness warning" + (shown.warnings == 1 ? "" : "s") + ": see the service pane"
                    : shown.label.get() + "  " + shown.detail.get());
            setTooltip(tip);
        }
    }
}
