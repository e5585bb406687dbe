package io.drainboard.ui.common;

import javafx.css.PseudoClass;
import javafx.scene.Node;

/**
 * How loud a value is. Applied as a CSS pseudo-class (never an inline style), and always paired with
 * words and an icon: state is never shown by colour alone.
 */
public enum Tone {
    NORMAL, GOOD, WARN, DANGER, MUTED;

    private final PseudoClass pseudoClass = PseudoClass.getPseudoClass(name().toLowerCase());

    /** Sets this tone on the node and clears the others. */
    public void applyTo(Node node) {
        for (Tone t : values()) node.pseudoClassStateChanged(t.pseudoClass, t == this && t != NORMAL);
    }

    public static void clear(Node node) {
        NORMAL.applyTo(node);
    }
}
