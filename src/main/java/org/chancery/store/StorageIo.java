package org.chancery.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/**
 * The file operations through which the archive writes and syncs its own files (journal, id map, staged
 * content, and the fsync of committed OCFL versions).
 *
 * <p>It exists as a seam: tests wrap {@link #standard()} in an implementation that fails like a full disk or
 * a broken device, to prove that a failure at any write leaves the store valid and loses nothing acknowledged.
 */
public interface StorageIo {

    /** Opens a file channel, as {@link FileChannel#open(Path, Set, java.nio.file.attribute.FileAttribute[])}. */
    FileChannel open(Path file, Set<? extends OpenOption> options) throws IOException;

    /** Forces a file's content and metadata to the device. */
    void syncFile(Path file) throws IOException;

    /** Forces a directory's entries (created, renamed or deleted names) to the device. */
    void syncDirectory(Path directory) throws IOException;

    /** Forces an open channel's content and metadata to the device. */
    default void force(FileChannel channel, Path file) throws IOException {
        channel.force(true);
    }

    /** The real file system. */
    static StorageIo standard() {
        return new StorageIo() {
            @Override
            public FileChannel open(Path file, Set<? extends OpenOption> options) throws IOException {
                return FileChannel.open(file, options);
            }

            @Override
            public void syncFile(Path file) throws IOException {
                try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                    ch.force(true);
                }
            }

            @Override
            public void syncDirectory(Path directory) throws IOException {
                // Linux allows opening a directory read-only and fsyncing it; that makes new names durable.
                try (FileChannel ch = FileChannel.open(directory, StandardOpenOption.READ)) {
                    ch.force(true);
                }
            }
        };
    }
}
