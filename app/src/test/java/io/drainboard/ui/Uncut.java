package io.drainboard.ui;

import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import javafx.scene.text.Text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Words an operator cannot read in full: a label drawn shorter than its text ("…"), or one that lies partly beyond the
 * right edge of the scroll pane it is in. Call on the FX thread, after a pulse.
 */
final class Uncut {
    private Uncut() {
    }

    /** Every visible label under {@code root} that is cut, as "shown / whole" or "text: beyond by N px"; empty if none. */
    static List<String> cut(Parent root) {
        List<String> out = new ArrayList<>();
        for (Node n : root.lookupAll(".label")) {
            if (n instanceof Labeled l && shown(l)) ellipsised(l, l.getText(), out);
        }
        for (Node n : root.lookupAll(".text")) { // labels inside buttons, cells and titles
            if (n instanceof Text t && n.getParent() instanceof Labeled l && !(l instanceof javafx.scene.control.Label)
                    && shown(l)) ellipsised(l, l.getText(), out);
        }
        if (root instanceof ScrollPane sp) beyond(sp, out);
        for (Node n : root.lookupAll(".scroll-pane")) if (n instanceof ScrollPane sp && shown(sp)) beyond(sp, out);
        return out;
    }

    /** Adds the label's shown text if it is not the whole of {@code whole}. */
    static void ellipsised(Labeled l, String whole, List<String> out) {
        Node t = l.lookup(".text");
        if (whole != null && !whole.isEmpty() && t instanceof Text drawn && !drawn.getText().equals(whole)) {
            out.add(drawn.getText() + " / " + whole);
        }
    }

    /** Labels whose right edge lies beyond the scroll pane's viewport (a sideways scroll, or a clip). */
    private static void beyond(ScrollPane sp, List<String> out) {
        Node viewport = sp.lookup(".viewport");
        if (viewport == null || sp.getContent() == null) return;
        double right = viewport.localToScene(viewport.getLayoutBounds()).getMaxX();
        for (Node n : sp.getContent().lookupAll(".label")) {
            if (!(n instanceof Labeled l) || !shown(l) || l.getText() == null || l.getText().isEmpty()) continue;
            Bounds b = l.localToScene(l.getLayoutBounds());
            if (b.getMaxX() > right + 0.5) out.add(String.format(Locale.ROOT, "%s: beyond the pane by %.0f px", l.getText(), b.getMaxX() - right));
        }
    }

    /** Visible, with every ancestor visible. */
    private static boolean shown(Node n) {
        for (Node p = n; p != null; p = p.getParent()) if (!p.isVisible()) return false;
        return true;
    }
}
