package io.drainboard.ui.tasks;

import io.drainboard.ui.common.Look;
import io.drainboard.ui.common.Ticker;
import io.drainboard.ui.common.Tone;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.WeakChangeListener;
import org.kordamp.ikonli.javafx.FontIcon;

import java.time.Instant;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * A cell that shows a {@link Look}: text, icon and tone. Its nodes are built once; updateItem only sets
 * text, icon literal and a pseudo-class (the cheap path, docs/ui.md, How it stays live and fast). A ticking cell re-renders on
 * every {@link Ticker} second, so countdowns move without touching the row.
 */
final class LookCell<T> extends QuietCell<T> {
    private final BiFunction<T, Instant, Look> look;
    private final FontIcon icon = new FontIcon();
    private final ChangeListener<Instant> tick = (obs, old, now) -> render(now);
    private String iconLiteral;

    LookCell(BiFunction<T, Instant, Look> look, boolean ticks) {
        this.look = look;
        icon.getStyleClass().add("cell-icon");
        if (ticks) Ticker.now().addListener(new WeakChangeListener<>(tick));
    }

    @Override
    protected void updateItem(T item, boolean empty) {
        super.updateItem(item, empty);
        if (empty || item == null) {
            setText(null);
            setGraphic(null);
            setTip(null);
            Tone.clear(this);
            return;
        }
        render(Ticker.instant());
    }

    private void render(Instant now) {
        T item = getItem();
        if (item == null || isEmpty()) return;
        Look l = look.apply(item, now);
        setText(l.text());
        if (l.icon() == null) {
            setGraphic(null);
        } else {
            if (!Objects.equals(iconLiteral, l.icon())) icon.setIconLiteral(l.icon());
            iconLiteral = l.icon();
            setGraphic(icon);
        }
        l.tone().applyTo(this);
        setTip(l.tooltip());
    }
}
