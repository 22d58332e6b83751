package org.chancery.retention;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.chancery.StorageException;

/**
 * An append-only file of one JSON event per line. Each append is written and fsynced before it returns, so an
 * acknowledged event survives a crash. A crash in mid-append can leave a last line without its newline: that
 * event was never acknowledged, so opening the log cuts it off rather than refusing the whole history.
 */
final class EventLog {
    private final Path file;

    private EventLog(Path file) {
        this.file = file;
    }

    /** Opens (creating folder and file if needed) and returns the log; {@link #lines()} reads it. */
    static EventLog open(Path file) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                fsyncDirectory(dir.getParent());
            }
            if (!Files.exists(file)) {
                Files.createFile(file);
                fsyncDirectory(dir);
            }
            cutTornTail(file);
            return new EventLog(file);
        } catch (IOException e) {
            throw new StorageException("Could not open event log " + file + ": " + e.getMessage(), e);
        }
    }

    Path file() {
        return file;
    }

    /** Every complete line, without its newline, in file order (line n is index n-1). */
    List<byte[]> lines() {
        byte[] all;
        try {
            all = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new StorageException("Could not read event log " + file + ": " + e.getMessage(), e);
        }
        List<byte[]> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < all.length; i++) {
            if (all[i] == '\n') {
                out.add(Arrays.copyOfRange(all, start, i));
                start = i + 1;
            }
        }
        return out;
    }

    /** Appends one line (which must not contain a newline) and fsyncs before returning. */
    void append(byte[] line) {
        for (byte b : line) {
            if (b == '\n' || b == '\r') {
                throw new IllegalArgumentException("an event line must not contain a line break");
            }
        }
        ByteBuffer buf = ByteBuffer.allocate(line.length + 1).put(line).put((byte) '\n').flip();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        } catch (IOException e) {
            throw new StorageException("Could not append to event log " + file + "; the event was not recorded: "
                    + e.getMessage(), e);
        }
    }

    private static void cutTornTail(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size();
            if (size == 0) {
                return;
            }
            long pos = size;
            ByteBuffer one = ByteBuffer.allocate(1);
            while (pos > 0) {
                one.clear();
                ch.read(one, pos - 1);
                if (one.get(0) == '\n') {
                    break;
                }
                pos--;
            }
            if (pos < size) {
                ch.truncate(pos);
                ch.force(true);
            }
        }
    }

    private static void fsyncDirectory(Path dir) {
        if (dir == null) {
            return;
        }
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Some platforms cannot open directories for fsync; the file's own fsync still holds its content.
        }
    }
}
