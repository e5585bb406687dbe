package io.drainboard.ui.common;

/** Every Ikonli (Material Design 2) icon the console uses, named for what it means here. */
public final class Icons {
    public static final String FLEET = "mdi2e-earth";
    public static final String PROFILE = "mdi2a-account-key";
    public static final String PROFILE_OTHER = "mdi2f-file-document-outline";
    public static final String CLUSTER = "mdi2s-server-network";
    public static final String SERVICE = "mdi2p-phone-in-talk";
    public static final String REGION = "mdi2m-map-marker";
    public static final String READ_ONLY = "mdi2l-lock-outline";

    public static final String OK = "mdi2c-check-circle";
    public static final String INFO = "mdi2i-information-outline";
    public static final String WARN = "mdi2a-alert";
    public static final String DANGER = "mdi2a-alert-octagon";
    public static final String UNKNOWN = "mdi2h-help-circle-outline";

    public static final String PROTECTED = "mdi2s-shield-check";
    public static final String UNPROTECTED = "mdi2s-shield-off-outline";
    public static final String PROTECTION_EXPIRING = "mdi2s-shield-alert";
    public static final String CALLS = "mdi2p-phone-in-talk";
    public static final String NO_CALLS = "mdi2p-phone-off";
    public static final String KILL = "mdi2s-skull-outline";
    public static final String WAITING = "mdi2t-timer-sand";
    public static final String CLOCK = "mdi2t-timer-outline";
    public static final String HEALTHY = "mdi2h-heart-pulse";
    public static final String UNHEALTHY = "mdi2h-heart-broken";
    public static final String NEW_REVISION = "mdi2a-arrow-up-bold-circle-outline";
    public static final String OLD_REVISION = "mdi2h-history";
    public static final String STOPPED = "mdi2c-close-octagon";

    public static final String COPY = "mdi2c-content-copy";
    public static final String OPEN_EXTERNAL = "mdi2o-open-in-new";
    public static final String SEARCH = "mdi2m-magnify";
    public static final String PALETTE = "mdi2c-console-line";
    public static final String KEYBOARD = "mdi2k-keyboard-outline";
    public static final String THEME = "mdi2t-theme-light-dark";
    public static final String REFRESH = "mdi2r-refresh";
    public static final String CHART = "mdi2c-chart-line";
    public static final String ACTIVITY = "mdi2b-bell-outline";
    public static final String DISCONNECTED = "mdi2l-lan-disconnect";

    private Icons() {
    }
}
