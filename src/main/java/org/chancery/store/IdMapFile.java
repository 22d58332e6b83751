package org.chancery.store;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.zip.CRC32C;
import org.chancery.StorageException;

/**
 * The id map's durable form: {@code idmap.bin}, an 8-byte header {@code CHIDMAP1} followed by one frame per
 * indexed object version, appended and fsynced after the version is committed to OCFL.
 *
 * <p>Frame: magic {@code CHIF}, body length, CRC-32C of the body, then the body: object id, version number,
 * entry count, and per payload its kind (0 records, 1 observations), tweet id (unsigned 64-bit), line offset
 * and length in that version's records or observations file, and the raw SHA-256 (32 bytes). A torn last frame
 * (a crash during append) is cut off on load; any other damage makes {@link #load} report the file damaged so
 * that the map is rebuilt from the OCFL root.
 */
final class IdMapFile implements AutoCloseable {
    static final String FILE_NAME = "idmap.bin";
    private static final byte[] HEADER = "CHIDMAP1".getBytes(StandardCharsets.US_ASCII);
    private static final int MAGIC = 0x43484946;

    /** One payload's entry. */
    record Entry(boolean observation, long tweetKey, long lineOffset, int lineLength, byte[] sha256) {}

    /** The payloads of one object version. */
    record Frame(String objectId, int version, List<Entry> entries) {
        String recordsPath() {
            return "records/v" + version + ".jsonl";
        }

        String observationsPath() {
            return "observations/v" + version + ".jsonl";
        }
    }

    /** Thrown by {@link #load} when the file cannot be trusted. */
    static final class DamagedException extends Exception {
        DamagedException(String message) {
            super(message);
        }
    }

    private final Path file;
    private final StorageIo io;
    private FileChannel channel;

    IdMapFile(Path dir, StorageIo io) {
        this.file = dir.resolve(FILE_NAME);
        this.io = io;
    }

    Path path() {
        return file;
    }

    boolean exists() {
        return Files.isRegularFile(file);
    }

    /** Adds a frame's payloads to the map. */
    static void apply(Frame frame, IdMap map) {
        int records = map.fileRef(frame.objectId(), frame.version(), frame.recordsPath());
        int observations = map.fileRef(frame.objectId(), frame.version(), frame.observationsPath());
        for (Entry e : frame.entries()) {
            map.add(e.tweetKey(), IdMap.digestHi(e.sha256()), IdMap.digestLo(e.sha256()),
                    e.observation() ? observations : records, e.lineOffset(), e.lineLength(), e.observation());
        }
        if (frame.entries().isEmpty()) {
            map.markFiles(frame.objectId());
        }
        map.setIndexedHead(frame.objectId(), frame.version());
    }

    /** Reads the file into {@code map}, cutting off a torn last frame. */
    void load(IdMap map) throws DamagedException, IOException {
        long size = Files.size(file);
        long good;
        try (InputStream raw = Files.newInputStream(file);
                DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
            byte[] header = new byte[HEADER.length];
            try {
                in.readFully(header);
            } catch (EOFException e) {
                throw new DamagedException("The id map " + file + " is shorter than its header.");
            }
            if (!java.util.Arrays.equals(header, HEADER)) {
                throw new DamagedException("The id map " + file + " does not start with CHIDMAP1.");
            }
            good = HEADER.length;
            while (good < size) {
                if (size - good < 12) {
                    break;
                }
                int magic = in.readInt();
                int bodyLength = in.readInt();
                int crc = in.readInt();
                if (magic != MAGIC || bodyLength < 0) {
                    throw new DamagedException("The id map " + file + " has no valid frame at byte " + good + ".");
                }
                if (good + 12 + bodyLength > size) {
                    break;
                }
                byte[] body = new byte[bodyLength];
                in.readFully(body);
                CRC32C c = new CRC32C();
                c.update(body);
                if ((int) c.getValue() != crc) {
                    if (good + 12 + bodyLength == size) {
                        break;
                    }
                    throw new DamagedException("The id map " + file + " has a frame at byte " + good
                            + " whose checksum does not match.");
                }
                apply(decode(body), map);
                good += 12 + bodyLength;
            }
        }
        if (good < size) {
            try (FileChannel ch = io.open(file, EnumSet.of(StandardOpenOption.WRITE))) {
                ch.truncate(good);
                io.force(ch, file);
            }
        }
    }

    /** Creates an empty map file (header only), durably. */
    void create() {
        try {
            Files.createDirectories(file.getParent());
            try (FileChannel ch = io.open(file, EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE))) {
                ch.write(ByteBuffer.wrap(HEADER));
                io.force(ch, file);
            }
            io.syncDirectory(file.getParent());
        } catch (IOException e) {
            throw new StorageException("The id map " + file + " could not be created: " + e.getMessage(), e);
        }
    }

    /** Receives frames while the file is being replaced. */
    interface FrameSink {
        void write(Frame frame) throws IOException;
    }

    /** Produces the frames of a replacement file. */
    interface FrameSource {
        void writeTo(FrameSink sink) throws IOException;
    }

    /** Replaces the file with one holding exactly the frames {@code source} writes, atomically. */
    void replace(FrameSource source) {
        close();
        Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(tmp);
            try (FileChannel ch = io.open(tmp, EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE))) {
                ch.write(ByteBuffer.wrap(HEADER));
                source.writeTo(frame -> writeFully(ch, encode(frame)));
                io.force(ch, tmp);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            io.syncDirectory(file.getParent());
        } catch (IOException e) {
            throw new StorageException("The id map " + file + " could not be rewritten: " + e.getMessage(), e);
        }
    }

    /** Appends frames and forces them to disk. */
    void append(List<Frame> frames) {
        if (frames.isEmpty()) {
            return;
        }
        try {
            if (channel == null) {
                channel = io.open(file, EnumSet.of(StandardOpenOption.WRITE));
                channel.position(channel.size());
            }
            for (Frame f : frames) {
                writeFully(channel, encode(f));
            }
            io.force(channel, file);
        } catch (IOException e) {
            throw new StorageException("Appending to the id map " + file + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                throw new StorageException("The id map " + file + " could not be closed: " + e.getMessage(), e);
            } finally {
                channel = null;
            }
        }
    }

    private static void writeFully(FileChannel ch, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }

    static ByteBuffer encode(Frame frame) {
        byte[] id = frame.objectId().getBytes(StandardCharsets.UTF_8);
        int bodyLength = 4 + id.length + 4 + 4 + frame.entries().size() * (1 + 8 + 8 + 4 + 32);
        ByteBuffer buf = ByteBuffer.allocate(12 + bodyLength);
        buf.putInt(MAGIC).putInt(bodyLength).putInt(0);
        buf.putInt(id.length).put(id).putInt(frame.version()).putInt(frame.entries().size());
        for (Entry e : frame.entries()) {
            buf.put((byte) (e.observation() ? 1 : 0)).putLong(e.tweetKey()).putLong(e.lineOffset())
                    .putInt(e.lineLength()).put(e.sha256());
        }
        CRC32C c = new CRC32C();
        c.update(buf.array(), 12, bodyLength);
        buf.putInt(8, (int) c.getValue());
        buf.flip();
        return buf;
    }

    private static Frame decode(byte[] body) throws DamagedException {
        ByteBuffer buf = ByteBuffer.wrap(body);
        try {
            byte[] id = new byte[buf.getInt()];
            buf.get(id);
            int version = buf.getInt();
            int count = buf.getInt();
            List<Entry> entries = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                boolean obs = buf.get() == 1;
                long key = buf.getLong();
                long off = buf.getLong();
                int len = buf.getInt();
                byte[] sha = new byte[32];
                buf.get(sha);
                entries.add(new Entry(obs, key, off, len, sha));
            }
            return new Frame(new String(id, StandardCharsets.UTF_8), version, entries);
        } catch (RuntimeException e) {
            throw new DamagedException("An id map frame is malformed: " + e);
        }
    }
}
