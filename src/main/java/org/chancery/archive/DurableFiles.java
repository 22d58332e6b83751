package org.chancery.archive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.chancery.ForcedWrites;
import org.chancery.StorageException;

/** Whole-file writes that survive a crash: written to a sibling, fsynced, moved into place, folder fsynced. */
final class DurableFiles {
    private DurableFiles() {}

    static void write(Path file, byte[] bytes) {
        try {
            ForcedWrites.replace(file, bytes);
        } catch (IOException e) {
            throw new StorageException("Could not write " + file + ": " + e.getMessage(), e);
        }
    }

    static void delete(Path file) {
        try {
            if (Files.deleteIfExists(file)) {
                ForcedWrites.forceFolder(file.getParent());
            }
        } catch (IOException e) {
            throw new StorageException("Could not remove " + file + ": " + e.getMessage(), e);
        }
    }

    static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new StorageException("Could not read " + file + ": " + e.getMessage(), e);
        }
    }
}
