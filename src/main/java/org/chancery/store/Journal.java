package org.chancery.store;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.EnumSet;
import java.util.List;
import java.util.zip.CRC32C;
import org.chancery.StorageException;

/**
 * The append-only journal {@code journal.log}: each acknowledged batch is one frame (magic {@code CHJ1}, body
 * length, CRC-32C, then the entry count and each entry prefixed by its length), forced to disk before
 * {@code put} returns. A torn last frame is cut off when the journal is opened; a frame is therefore either
 * wholly in the journal or not at all.
 */
final class Journal implements AutoCloseable {
    static final String FILE_NAME = "journal.log";
    private static final int MAGIC = 0x43484A31;

    /** Where an entry sits in the journal file. */
    record Ref(long offset, int length) {}

    /** Receives each entry of the journal on replay. */
    interface Visitor {
        void entry(Ref ref, JournalEntry entry);
    }

    private final Path dir;
    private final Path file;
    private final StorageIo io;
    private FileChannel channel;
    private long size;
    private boolean broken;

    Journal(Path dir, StorageIo io) {
        this.dir = dir;
        this.file = dir.resolve(FILE_NAME);
        this.io = io;
    }

    Path path() {
        return file;
    }

    long size() {
        return size;
    }

    boolean exists() {
        return Files.exists(file);
    }

    /** Reads every whole frame of an existing journal, cutting off a torn tail. */
    void replay(Visitor visitor) {
        if (!Files.exists(file)) {
            return;
        }
        long good = 0;
        try {
            long fileSize = Files.size(file);
            try (InputStream raw = Files.newInputStream(file);
                    DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
                while (fileSize - good >= 12) {
                    int magic = in.readInt();
                    int bodyLength = in.readInt();
                    int crc = in.readInt();
                    if (magic != MAGIC || bodyLength < 4 || good + 12 + bodyLength > fileSize) {
                        break;
                    }
                    byte[] body = new byte[bodyLength];
                    in.readFully(body);
                    CRC32C c = new CRC32C();
                    c.update(body);
                    if ((int) c.getValue() != crc) {
                        break;
                    }
                    ByteBuffer b = ByteBuffer.wrap(body);
                    int count = b.getInt();
                    for (int i = 0; i < count; i++) {
                        int len = b.getInt();
                        int at = b.position();
                        visitor.entry(new Ref(good + 12 + at, len), JournalEntry.decode(body, at, len));
                        b.position(at + len);
                    }
                    good += 12 + bodyLength;
                }
            }
            if (good < fileSize) {
                try (FileChannel ch = io.open(file, EnumSet.of(StandardOpenOption.WRITE))) {
                    ch.truncate(good);
                    io.force(ch, file);
                }
            }
            size = good;
        } catch (IOException | RuntimeException e) {
            throw new StorageException("The journal " + file + " could not be replayed at byte " + good + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Appends one frame holding these encoded entries and forces it to disk. Returns where each entry is. On
     * failure the file is cut back to its previous length, so the frame is absent.
     */
    Ref[] append(List<byte[]> entries) {
        int bodyLength = 4;
        for (byte[] e : entries) {
            bodyLength += 4 + e.length;
        }
        ByteBuffer buf = ByteBuffer.allocate(12 + bodyLength);
        buf.putInt(MAGIC).putInt(bodyLength).putInt(0).putInt(entries.size());
        Ref[] refs = new Ref[entries.size()];
        long start = size;
        for (int i = 0; i < entries.size(); i++) {
            byte[] e = entries.get(i);
            buf.putInt(e.length);
            refs[i] = new Ref(start + buf.position(), e.length);
            buf.put(e);
        }
        CRC32C c = new CRC32C();
        c.update(buf.array(), 12, bodyLength);
        buf.putInt(8, (int) c.getValue());
        buf.flip();
        try {
            ensureOpen();
            channel.position(start);
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
            io.force(channel, file);
        } catch (IOException e) {
            rollBack(start, e);
            throw new StorageException("Appending " + entries.size() + " captures to the journal " + file
                    + " failed: " + e.getMessage() + "; the batch was not archived.", e);
        }
        size = start + 12 + bodyLength;
        return refs;
    }

    /** True once a failed append could not be cut back: the journal must be replayed by reopening. */
    boolean broken() {
        return broken;
    }

    private void rollBack(long length, IOException cause) {
        try {
            if (channel != null) {
                channel.truncate(length);
                io.force(channel, file);
            }
        } catch (IOException e) {
            broken = true;
            cause.addSuppressed(e);
            throw new StorageException("The journal " + file + " could not be cut back to " + length
                    + " bytes after a failed append: " + e.getMessage() + "; reopen the archive to recover.", cause);
        }
    }

    private synchronized void ensureOpen() throws IOException {
        if (channel != null && channel.isOpen()) {
            return;
        }
        // A channel closes itself when a thread reading through it is interrupted (an export job being stopped):
        // that reader fails, the journal is opened again for everyone else. Everything in it was forced before.
        channel = null;
        boolean created = !Files.exists(file);
        Files.createDirectories(dir);
        channel = io.open(file, EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE));
        if (created) {
            io.syncDirectory(dir);
        }
    }

    /** Reads one entry back; safe to call from several threads at once. */
    JournalEntry read(Ref ref) {
        try {
            ensureOpen();
            ByteBuffer buf = ByteBuffer.allocate(ref.length());
            while (buf.hasRemaining()) {
                if (channel.read(buf, ref.offset() + buf.position()) < 0) {
                    throw new IOException("the journal ends before byte " + (ref.offset() + ref.length()));
                }
            }
            return JournalEntry.decode(buf.array(), 0, ref.length());
        } catch (IOException e) {
            throw new StorageException("Reading the journal " + file + " at byte " + ref.offset() + " failed: "
                    + e, e);
        }
    }

    /** Removes the journal once everything in it is committed; durable when this returns. */
    void delete() {
        try {
            close();
            if (Files.deleteIfExists(file)) {
                io.syncDirectory(dir);
            }
            size = 0;
        } catch (IOException e) {
            throw new StorageException("The committed journal " + file + " could not be removed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                throw new StorageException("The journal " + file + " could not be closed: " + e.getMessage(), e);
            } finally {
                channel = null;
            }
        }
    }
}
