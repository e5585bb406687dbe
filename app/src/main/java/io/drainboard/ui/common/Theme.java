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
        Application.setUserAgentStylesheet(stylesheet(m == Mode.DARK ? new PrimerDark() : new PrimerLight()));
    }

    /**
     * The theme's stylesheet as AtlantaFX ships it compiled (.bss), the same rules without parsing 170 KB of CSS on
     * the FX thread before the first frame (docs/benchmarks.md, startup); the CSS where a theme has no compiled form.
     */
    static String stylesheet(atlantafx.base.theme.Theme theme) {
        String compiled = theme.getUserAgentStylesheetBSS();
        return compiled != null && Theme.class.getResource(compiled) != null ? compiled : theme.getUserAgentStylesheet();
    }

    public static Mode toggle() {
        apply(mode == Mode.DARK ? Mode.LIGHT : Mode.DARK);
        return mode;
    }

    public static Mode current() {
        return mode;
    }
}
