package io.drainboard.ui;

import javafx.scene.Scene;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The window's keyboard map. Chords (Ctrl+K, F5) work anywhere, even while typing; single characters
 * (k9s-style {@code / : ? j k c o [ ]} and Shift+letter sorts) work only when the operator is not typing
 * in a field and no overlay holds the keyboard. Characters are matched on KEY_TYPED, so {@code ?} and
 * {@code :} work on any keyboard layout.
 */
final class Keys {
    private final Map<KeyCombination, Runnable> chords = new LinkedHashMap<>();
    private final Map<String, Runnable> characters = new HashMap<>();
    private final Map<KeyCode, Runnable> plainKeys = new HashMap<>();
    private final BooleanSupplier overlayOpen;

    Keys(BooleanSupplier overlayOpen) {
        this.overlayOpen = overlayOpen;
    }

    Keys chord(String combination, Runnable r) {
        chords.put(KeyCombination.keyCombination(combination), r);
        return this;
    }

    Keys character(String c, Runnable r) {
        characters.put(c, r);
        return this;
    }

    Keys key(KeyCode code, Runnable r) {
        plainKeys.put(code, r);
        return this;
    }

    void install(Scene scene) {
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            for (var c : chords.entrySet()) {
                if (c.getKey().match(e)) {
                    c.getValue().run();
                    e.consume();
                    return;
                }
            }
            if (typing(scene) || overlayOpen.getAsBoolean() || e.isShortcutDown() || e.isAltDown()) return;
            Runnable r = plainKeys.get(e.getCode());
            if (r != null) {
                r.run();
                e.consume();
            }
        });
        scene.addEventFilter(KeyEvent.KEY_TYPED, e -> {
            if (e.isControlDown() || e.isMetaDown() || e.isAltDown() || typing(scene)) return;
            Runnable r = characters.get(e.getCharacter());
            if (r == null) return;
            if (overlayOpen.getAsBoolean() && !e.getCharacter().equals("?")) return;
            r.run();
            e.consume();
        });
    }

    private static boolean typing(Scene scene) {
        return scene.getFocusOwner() instanceof TextInputControl;
    }
}
