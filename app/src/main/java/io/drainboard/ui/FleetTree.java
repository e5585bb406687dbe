package io.drainboard.ui;

import io.drainboard.fleet.ClusterSnapshot;
import io.drainboard.fleet.FleetSnapshot;
import io.drainboard.fleet.ServiceSnapshot;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.scene.Node;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Profile → clusters → services. Rebuilt only when clusters or services come or go; otherwise only
 * the labels (task and call counts) change, so selection and expansion are never disturbed.
 */
final class FleetTree {
    /** What the operator selected; a null service means the whole cluster, a null cluster the whole fleet. */
    record Selection(String cluster, String service) {
        static final Selection ALL = new Selection(null, null);

        boolean matches(String taskCluster, String taskService) {
            return (cluster == null || cluster.equals(taskCluster)) && (service == null || service.equals(taskService));
        }
    }

    /** A tree node: its selection key, a live label and an icon kind. */
    static final class Nav {
        final Selection selection;
        final String icon;
        final StringProperty label = new SimpleStringProperty();
        final StringProperty detail = new SimpleStringProperty("");

        Nav(Selection selection, String icon, String label) {
            this.selection = selection;
            this.icon = icon;
            this.label.set(label);
        }
    }

    private final TreeView<Nav> view = new TreeView<>();
    private final ReadOnlyObjectWrapper<Selection> selection = new ReadOnlyObjectWrapper<>(Selection.ALL);
    private final Map<Selection, TreeItem<Nav>> items = new HashMap<>();
    private List<Selection> structure = List.of();

    FleetTree() {
        view.setId("fleetTree");
        view.setShowRoot(true);
        view.setCellFactory(v -> new NavCell());
        TreeItem<Nav> root = new TreeItem<>(new Nav(Selection.ALL, "mdi2e-earth", "Fleet"));
        root.setExpanded(true);
        view.setRoot(root);
        items.put(Selection.ALL, root);
        view.getSelectionModel().selectedItemProperty().addListener((obs, old, item) ->
                selection.set(item == null ? Selection.ALL : item.getValue().selection));
    }

    Node node() {
        return view;
    }

    ReadOnlyObjectProperty<Selection> selectionProperty() {
        return selection.getReadOnlyProperty();
    }

    void apply(FleetSnapshot s) {
        List<Selection> keys = new ArrayList<>();
        for (ClusterSnapshot c : s.clusters()) {
            keys.add(new Selection(c.name(), null));
            for (ServiceSnapshot svc : c.services()) keys.add(new Selection(c.name(), svc.name()));
        }
        if (!keys.equals(structure)) rebuild(s);
        structure = keys;
        TreeItem<Nav> root = items.get(Selection.ALL);
        root.getValue().label.set(s.profile() + " · " + s.region());
        root.getValue().detail.set(s.tasks().count() + " tasks");
        for (ClusterSnapshot c : s.clusters()) {
            Nav n = items.get(new Selection(c.name(), null)).getValue();
            n.detail.set(c.error().isPresent() ? "failing" : c.taskCount() + " tasks");
            for (ServiceSnapshot svc : c.services()) {
                Nav sn = items.get(new Selection(c.name(), svc.name())).getValue();
                sn.detail.set(svc.runningCount() + "/" + svc.desiredCount() + " · " + svc.calls() + " calls");
            }
        }
    }

    private void rebuild(FleetSnapshot s) {
        Selection keep = selection.get();
        TreeItem<Nav> root = items.get(Selection.ALL);
        root.getChildren().clear();
        items.keySet().retainAll(List.of(Selection.ALL));
        for (ClusterSnapshot c : s.clusters()) {
            Selection cs = new Selection(c.name(), null);
            TreeItem<Nav> ci = new TreeItem<>(new Nav(cs, "mdi2s-server-network", c.name()));
            ci.setExpanded(true);
            items.put(cs, ci);
            for (ServiceSnapshot svc : c.services()) {
                Selection ss = new Selection(c.name(), svc.name());
                TreeItem<Nav> si = new TreeItem<>(new Nav(ss, "mdi2p-phone-in-talk", svc.name()));
                items.put(ss, si);
                ci.getChildren().add(si);
            }
            root.getChildren().add(ci);
        }
        TreeItem<Nav> again = items.getOrDefault(keep, root);
        view.getSelectionModel().select(again);
    }

    /** Looks a node up by its label path, for tests and the command palette. */
    TreeItem<Nav> item(String cluster, String service) {
        return items.get(new Selection(cluster, service));
    }

    private static final class NavCell extends TreeCell<Nav> {
        private final FontIcon icon = new FontIcon();

        NavCell() {
            icon.getStyleClass().add("nav-icon");
        }

        @Override
        protected void updateItem(Nav item, boolean empty) {
            super.updateItem(item, empty);
            textProperty().unbind();
            if (empty || item == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            icon.setIconLiteral(item.icon);
            setGraphic(icon);
            textProperty().bind(item.label.concat("   ").concat(item.detail));
        }
    }
}
