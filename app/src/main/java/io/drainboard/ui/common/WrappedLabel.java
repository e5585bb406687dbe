package io.drainboard.ui.common;

import javafx.scene.control.Label;

/**
 * A label that wraps its text and remembers its height for the last width asked. JavaFX caches a
 * control's preferred height only for "any width"; a wrapped label is always asked for a given width, so
 * every layout of a pane re-measured every wrapped line in it — a scroll pane asks several times per pass.
 * The service pane at fleet scope (20 services' warnings) spent ~2 ms of each refresh on it
 * (docs/benchmarks.md, UI). The memory is dropped whenever the label asks for layout: new text, font,
 * padding or graphic all do.
 */
public class WrappedLabel extends Label {
    private double prefFor = Double.NaN;
    private double pref;
    private double minFor = Double.NaN;
    private double min;

    public WrappedLabel() {
        this(null);
    }

    public WrappedLabel(String text) {
        super(text);
        setWrapText(true);
    }

    @Override
    public void requestLayout() {
        prefFor = Double.NaN;
        minFor = Double.NaN;
        super.requestLayout();
    }

    @Override
    protected double computePrefHeight(double width) {
        if (width != prefFor) { // NaN never equals: first ask after a change measures
            pref = super.computePrefHeight(width);
            prefFor = width;
        }
        return pref;
    }

    @Override
    protected double computeMinHeight(double width) {
        if (width != minFor) {
            min = super.computeMinHeight(width);
            minFor = width;
        }
        return min;
    }
}
