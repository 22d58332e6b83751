package org.chancery.export;

/** Told by {@link Exporter} every 10,000 matches and at the end how far an export has got. */
@FunctionalInterface
public interface ExportProgress {
    /** Ignores progress. */
    ExportProgress NONE = (written, decided, matches) -> { };

    /**
     * @param written records written to the export so far
     * @param decided matches decided so far (written plus withheld)
     * @param matches how many records the query matches in all (the export writes at most this many)
     */
    void update(long written, long decided, long matches);
}
