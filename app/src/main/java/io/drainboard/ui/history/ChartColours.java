package io.drainboard.ui.history;

import io.drainboard.ui.common.Theme;
import javafx.scene.paint.Color;

/**
 * The chart's colours for the current theme. A Canvas cannot use the theme's looked-up colours, so these mirror
 * AtlantaFX Primer's (accent, success, warning, danger, fg-muted) for dark and light.
 */
record ChartColours(Color background, Color grid, Color text, Color live, Color backfilled, Color deploy, Color scale,
                    Color cut, Color clean, Color action, Color selection) {
    static ChartColours current() {
        return Theme.current() == Theme.Mode.DARK
                ? new ChartColours(Color.web("#0d1117"), Color.web("#30363d"), Color.web("#8b949e"), Color.web("#58a6ff"),
                Color.web("#bc8cff"), Color.web("#3fb950", 0.16), Color.web("#d29922", 0.45), Color.web("#f85149"),
                Color.web("#8b949e"), Color.web("#c9d1d9"), Color.web("#f0f6fc"))
                : new ChartColours(Color.web("#ffffff"), Color.web("#d0d7de"), Color.web("#57606a"), Color.web("#0969da"),
                Color.web("#8250df"), Color.web("#1a7f37", 0.14), Color.web("#9a6700", 0.40), Color.web("#cf222e"),
                Color.web("#57606a"), Color.web("#24292f"), Color.web("#24292f"));
    }
}
