package org.chancery;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Bytes written to a file and forced to the device before returning: the one loop the durable files share, and the
 * whole-file replacement built on it (temporary sibling, forced, moved into place, folder forced).
 */
public final class ForcedWrites {
    private ForcedWrites() {}

    /** Writes {@code bytes} to {@code file}, replacing its content (created when missing), and forces it. */
    public static void write(Path file, byte[] bytes) throws IOException {
        write(file, bytes, StandardOpenOption.TRUNCATE_EXISTING);
    }

    /**
     * Appends {@code bytes} (one or more whole lines) to {@code file}, creating it and its folder when missing, and
     * forces it.
     */
    public static void append(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        write(file, bytes, StandardOpenOption.APPEND);
    }

    /**
     * Replaces {@code file} with {@code bytes} so that a crash leaves either the old content or the new: written to a
     * temporary sibling and forced, moved over the file, and the folder forced.
     */
    public static void replace(Path file, byte[] bytes) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.createDirectories(file.toAbsolutePath().getParent());
        write(tmp, bytes);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceFolder(file.toAbsolutePath().getParent());
    }

    /** Forces a folder's entries (a file created, moved or deleted in it) to the device. */
    public static void forceFolder(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Some file systems refuse to open a folder for reading; the files themselves are already forced.
            if (!Files.isDirectory(dir)) {
                throw e;
            }
        }
    }

    private static void write(Path file, byte[] bytes, StandardOpenOption mode) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, mode)) {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        }
    }
}
