package io.drainboard.ui.common;

import javafx.scene.control.Label;

import java.util.function.DoubleUnaryOperator;

/**
 * A label that wraps its text and remembers its height for the last two widths asked. JavaFX caches a
 * control's preferred height only for "any width"; a wrapped label is always asked for a given width, so
 * every layout of a pane re-measured every wrapped line in it. Two widths, because a scroll pane fitted to
 * its width whose content is taller than it asks every layout pass first at its full width and then at that
 * width less its scroll bar (ScrollPaneSkin.layoutChildren): one remembered width was replaced at each ask,
 * so the service pane at fleet scope (20 services' warnings) re-measured all its lines twice on every
 * refresh (docs/benchmarks.md, "UI: 50,000 live rows"). The memory is dropped whenever the label asks for
 * layout: new text, font, padding or graphic all do.
 */
public class WrappedLabel extends Label {
    private final Heights pref = new Heights();
    private final Heights min = new Heights();

    public WrappedLabel() {
        this(null);
    }

    public WrappedLabel(String text) {
        super(text);
        setWrapText(true);
    }

    @Override
    public void requestLayout() {
        pref.forget();
        min.forget();
        super.requestLayout();
    }

    @Override
    protected double computePrefHeight(double width) {
        return pref.at(width, super::computePrefHeight);
    }

    /** One line's height: without a graphic it does not depend on the width (LabeledSkinBase), so it is measured once. */
    @Override
    protected double computeMinHeight(double width) {
        return min.at(getGraphic() == null ? -1 : width, super::computeMinHeight);
    }

    /** Heights measured for the two widths asked last (NaN: nothing remembered; NaN never equals a width). */
    private static final class Heights {
        private final double[] widths = {Double.NaN, Double.NaN};
        private final double[] heights = new double[2];
        private int older;

        double at(double width, DoubleUnaryOperator measure) {
            for (int i = 0; i < 2; i++) {
                if (widths[i] == width) {
                    older = 1 - i;
                    return heights[i];
                }
            }
            int slot = older;
            heights[slot] = measure.applyAsDouble(width);
            widths[slot] = width;
            older = 1 - slot;
            return heights[slot];
        }

        void forget() {
            widths[0] = Double.NaN;
            widths[1] = Double.NaN;
        }
    }
}
