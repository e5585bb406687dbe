package io.drainboard.ui.common;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;

/**
 * Dark (the default, easy on the eyes at 3 a.m.) or light (a bright room, a projector). AtlantaFX's
 * Primer themes; the console's own CSS uses only their looked-up colours, so it follows either.
 */
public final class Theme {
    public enum Mode { DARK, LIGHT }

    private static Mode mode = Mode.DARK;

    private Theme() {
    }

    public static void apply(Mode m) {
        mode = m;
        Application.setUserAgentStylesheet(m == Mode.DARK ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
    }

    public static Mode toggle() {
        apply(mode == Mode.DARK ? Mode.LIGHT : Mode.DARK);
        return mode;
    }

    public static Mode current() {
        return mode;
    }
}
