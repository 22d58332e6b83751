package org.chancery.capture.xapi;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.chancery.ForcedWrites;
import org.chancery.StorageException;

/** Small files written whole and forced to disk, with their folder, before anyone relies on them. */
final class DurableFile {
    private DurableFile() {}

    /** Writes {@code bytes} to a temporary sibling, forces it, moves it over {@code file} and forces the folder. */
    static void replace(Path file, byte[] bytes) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.createDirectories(file.getParent());
            ForcedWrites.write(tmp, bytes);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncDirectory(file.getParent());
        } catch (IOException e) {
            throw new StorageException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void syncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Some file systems refuse to open a folder for reading; the file itself is already forced.
            if (!Files.isDirectory(dir)) {
                throw e;
            }
        }
    }
}
