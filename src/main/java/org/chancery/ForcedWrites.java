package org.chancery;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Bytes written to a file and forced to the device before returning: the one loop the durable files share. */
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
