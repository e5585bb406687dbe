package io.drainboard.fleet;

/**
 * How far a refresh has got. A snapshot handed out before the read ends ({@link FleetSnapshot#partial()}) holds the
 * clusters read so far, for the window to show while the rest loads; nothing may act on it, since a task missing
 * from it may be running (the refresher hands it only to {@link FleetListener#progress}).
 *
 * @param clustersRead  clusters read so far
 * @param clustersFound clusters the regions listed so far hold
 * @param regionsListed regions whose clusters are known
 * @param regions       regions being read
 */
public record ReadProgress(int clustersRead, int clustersFound, int regionsListed, int regions) {
    /** A snapshot of the whole read. */
    public static final ReadProgress COMPLETE = new ReadProgress(-1, -1, -1, -1);

    public boolean complete() {
        return this == COMPLETE || clustersRead < 0;
    }

    /** "reading 2 of 5 clusters", or "of 5+" while some regions are still being listed. */
    public String words() {
        if (complete()) return "read";
        return "reading " + clustersRead + " of " + clustersFound + (regionsListed < regions ? "+" : "") + " cluster"
                + (clustersFound == 1 && regionsListed == regions ? "" : "s");
    }
}
