package org.chancery.store;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the archive keeps its files and when it commits the journal to OCFL.
 *
 * @param storeRoot          the OCFL storage root (the CLI passes {@code DATA/store})
 * @param journalDir         the journal of acknowledged, not yet committed captures ({@code DATA/journal})
 * @param idMapDir           the id map ({@code DATA/idmap})
 * @param workDir            ocfl-java's staging area; must be on the same file system as {@code storeRoot} so
 *                           that versions are moved into place by rename
 * @param flushCaptures      commit the journal once it holds this many captures
 * @param flushBytes         commit the journal once it is this large
 */
public record StoreSettings(Path storeRoot, Path journalDir, Path idMapDir, Path workDir, int flushCaptures,
        long flushBytes) {
    public static final int DEFAULT_FLUSH_CAPTURES = 200_000;
    public static final long DEFAULT_FLUSH_BYTES = 256L * 1024 * 1024;

    public StoreSettings {
        Objects.requireNonNull(storeRoot, "storeRoot");
        Objects.requireNonNull(journalDir, "journalDir");
        Objects.requireNonNull(idMapDir, "idMapDir");
        Objects.requireNonNull(workDir, "workDir");
        if (flushCaptures < 1) {
            throw new IllegalArgumentException("flushCaptures must be at least 1, got " + flushCaptures);
        }
        if (flushBytes < 1) {
            throw new IllegalArgumentException("flushBytes must be at least 1, got " + flushBytes);
        }
    }

    /** The standard layout under one data directory: {@code store/}, {@code journal/}, {@code idmap/}, {@code work/}. */
    public static StoreSettings under(Path dataDir) {
        return new StoreSettings(dataDir.resolve("store"), dataDir.resolve("journal"), dataDir.resolve("idmap"),
                dataDir.resolve("work"), DEFAULT_FLUSH_CAPTURES, DEFAULT_FLUSH_BYTES);
    }

    public StoreSettings withFlushThresholds(int captures, long bytes) {
        return new StoreSettings(storeRoot, journalDir, idMapDir, workDir, captures, bytes);
    }
}
