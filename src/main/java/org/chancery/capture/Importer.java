package org.chancery.capture;

import java.io.IOException;
import java.nio.file.Path;
import org.chancery.record.SourceFormat;

/**
 * Reads every tweet of one file or folder of a given format.
 *
 * <p>Implementations take their dependencies (a {@link java.time.Clock} for the import instant) in their
 * constructor. An {@link IOException} means the input could not be read at all (missing, unreadable); every
 * problem with content is reported as a {@link Rejection} and reading goes on.
 *
 * <p>Implementations keep no state between reads: one instance may read several files at once on different threads
 * ({@link FilesAhead} reads an import's files so).
 */
public interface Importer {
    SourceFormat format();

    /**
     * @param path    the file or folder
     * @param display how to name it in provenance and errors (usually the path as the user typed it)
     */
    void read(Path path, String display, CaptureSink sink) throws IOException;
}
