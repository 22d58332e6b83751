package org.chancery.archive;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.chancery.ForcedWrites;
import org.chancery.StorageException;

/** Whole-file writes that survive a crash: written to a sibling, fsynced, moved into place, folder fsynced. */
final class DurableFiles {
    private DurableFiles() {}

    static void write(Path file, byte[] bytes) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.createDirectories(file.getParent());
            ForcedWrites.write(tmp, bytes);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncDirectory(file.getParent());
        } catch (IOException e) {
            throw new StorageException("Could not write " + file + ": " + e.getMessage(), e);
        }
    }

    static void delete(Path file) {
        try {
            if (Files.deleteIfExists(file)) {
                syncDirectory(file.getParent());
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

    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Some platforms cannot open folders for fsync; the file's own fsync still holds its content.
        }
    }
}
