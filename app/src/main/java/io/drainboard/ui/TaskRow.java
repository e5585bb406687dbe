package io.drainboard.ui;

import io.drainboard.fleet.Protection;
import io.drainboard.fleet.StopTimeout;
import io.drainboard.fleet.TaskCalls;
import io.drainboard.fleet.TaskSnapshot;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * One row per task, kept for the task's whole life so selection, focus and scroll survive refreshes.
 * Properties are written only on the FX thread, and only when the value really changed.
 */
final class TaskRow {
    final String arn;
    final String id;
    final String cluster;
    final String service;
    final StringProperty revision = new SimpleStringProperty();
    final StringProperty launchType = new SimpleStringProperty();
    final StringProperty availabilityZone = new SimpleStringProperty();
    final StringProperty lastStatus = new SimpleStringProperty();
    final StringProperty health = new SimpleStringProperty();
    final ObjectProperty<Protection> protection = new SimpleObjectProperty<>();
    final ObjectProperty<TaskCalls> calls = new SimpleObjectProperty<>();
    final ObjectProperty<StopTimeout> stopTimeout = new SimpleObjectProperty<>();

    TaskRow(TaskSnapshot t) {
        this.arn = t.arn();
        this.id = t.id();
        this.cluster = t.clusterName();
        this.service = t.serviceName();
        update(t);
    }

    void update(TaskSnapshot t) {
        set(revision, t.revisionLabel());
        set(launchType, t.launchType());
        set(availabilityZone, t.availabilityZone());
        set(lastStatus, t.lastStatus());
        set(health, t.healthStatus());
        set(protection, t.protection());
        set(calls, t.calls());
        set(stopTimeout, t.stopTimeout());
    }

    int callCount() {
        TaskCalls c = calls.get();
        return c == null || !c.known() ? -1 : c.count();
    }

    private static <T> void set(ObjectProperty<T> p, T v) {
        if (!v.equals(p.get())) p.set(v);
    }

    private static void set(StringProperty p, String v) {
        if (v == null ? p.get() != null : !v.equals(p.get())) p.set(v);
    }
}
