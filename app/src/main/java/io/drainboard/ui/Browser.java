package io.drainboard.ui;

/** Opens a URL in the operator's browser (HostServices.showDocument in the app; a recorder in tests). */
@FunctionalInterface
public interface Browser {
    void open(String url);
}
