package io.drainboard.ui.common;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FormatsTest {
    @Test
    void spansReadLikeAnOperatorSaysThem() {
        assertEquals("45 s", Formats.span(Duration.ofSeconds(45)));
        assertEquals("14 m 03 s", Formats.span(Duration.ofSeconds(843)));
        assertEquals("2 h 05 m", Formats.span(Duration.ofMinutes(125)));
        assertEquals("0 s", Formats.span(Duration.ofSeconds(-5)), "a passed deadline reads 0, not negative");
        assertEquals("25 min", Formats.setting(Duration.ofMinutes(25)));
        assertEquals("120 s", Formats.setting(Duration.ofSeconds(120)));
        assertEquals("1 call", Formats.count(1, "call"));
        assertEquals("3 calls", Formats.count(3, "call"));
    }
}
