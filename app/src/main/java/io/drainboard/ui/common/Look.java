package io.drainboard.ui.common;

/**
 * What a value looks like on screen: words, an icon (Ikonli literal, or null), a tone and an optional
 * tooltip that explains it.
 */
public record Look(String text, String icon, Tone tone, String tooltip) {
    public static final Look EMPTY = new Look("", null, Tone.NORMAL, null);

    public static Look of(String text, String icon, Tone tone) {
        return new Look(text, icon, tone, null);
    }

    public static Look plain(String text) {
        return new Look(text, null, Tone.NORMAL, null);
    }
}
