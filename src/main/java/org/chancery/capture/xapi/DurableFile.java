package org.chancery.capture.xapi;

import java.io.IOException;
import java.nio.file.Path;
import org.chancery.ForcedWrites;
import org.chancery.StorageException;

/** Small files written whole and forced to disk, with their folder, before anyone relies on them. */
final class DurableFile {
    private DurableFile() {}

    /** Writes {@code bytes} to a temporary sibling, forces it, moves it over {@code file} and forces the folder. */
    static void replace(Path file, byte[] bytes) {
        try {
            ForcedWrites.replace(file, bytes);
        } catch (IOException e) {
            throw new StorageException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
