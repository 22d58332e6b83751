package org.chancery.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import org.chancery.StorageException;
import org.chancery.record.RawPayload;

/**
 * The audit trail, {@code DATA/audit/audit.jsonl}: one JSON line per audited request. Each line carries
 * {@code prev}, the SHA-256 (hex) of the previous line's bytes (64 zeros for the first), so removing or changing a
 * line breaks the chain from there on.
 *
 * <p>Each caller chains its line and writes it to the file under one lock, in chain order: one write call, with no
 * hand-over to another thread (on this kind of machine waking a waiting thread costs more than the write itself). A
 * sync thread forces the file to disk: at once when a caller waits for it, otherwise at most every
 * {@link #SYNC_INTERVAL}. A caller waits for what its {@link Ack} asks: {@link Ack#WRITTEN} returns once the line is
 * in the file (reads), {@link Ack#FORCED} once a sync covering the line succeeded (changes, exports). Either fails
 * when its line could not be written (or forced) or not within the wait bound: a request is never answered
 * unaudited. A failed write leaves the file as it was (a partly written line is cut off again) and makes the next
 * line read the chain position again from the file. The file is reopened whenever the path no longer names the file
 * being written (moved aside, replaced). A failed sync cannot be retried safely (the kernel may have dropped the
 * unwritten pages), so it closes the trail: every later append fails until the trail is opened again. The window
 * this leaves: lines of reads answered within one sync interval before a power loss or kernel crash may be lost; a
 * crash of the server process alone loses nothing written. A caller that gives up waiting for a sync (bound
 * reached, interrupted) fails its request, though its line is written: the trail may then hold a line for a request
 * that was answered with an error, never the reverse.
 */
public final class AuditLog implements AutoCloseable {
    /** The audit file name under the audit folder. */
    public static final String FILE_NAME = "audit.jsonl";
    static final String GENESIS = "0".repeat(64);
    /** How long a caller waits for the write (or sync) covering its line before its request fails. */
    static final Duration DEFAULT_WAIT = Duration.ofSeconds(10);
    /**
     * How long lines of reads may wait for a sync when no change waits for one: under load a sync per request would
     * cost more than the request (measured: ~45 µs of CPU per line with a sync after every batch).
     */
    static final Duration SYNC_INTERVAL = Duration.ofMillis(50);

    /** What {@link #append} waits for before it returns. */
    public enum Ack {
        /** The line is written to the audit file; the sync thread forces it to disk within {@link #SYNC_INTERVAL}. */
        WRITTEN,
        /** The line is forced to disk. */
        FORCED
    }

    /**
     * One audited request.
     *
     * @param query  the raw query string, or null
     * @param count  how many results the request returned (records, hits, lines); -1 when not a listing
     * @param client the client's address
     */
    public record Line(Instant at, String who, String role, String method, String path, String query, int status,
            long count, String client) {
        public Line {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(who, "who");
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(path, "path");
        }
    }

    /** Forces an open file to disk; tests put a failing or blocking one in to show what a failed or slow sync does. */
    @FunctionalInterface
    interface Forcer {
        void force(RandomAccessFile file) throws IOException;
    }

    private final Path file;
    private final long waitNanos;
    private final Forcer forcer;
    private final ObjectMapper json = new ObjectMapper();
    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled when a sync ends (or fails). */
    private final Condition synced = lock.newCondition();
    /** Signalled when a caller waits for a sync, and on close. */
    private final Condition syncWanted = lock.newCondition();
    /** Hash of the last written line; null when unknown (at start, after a failed write). */
    private String prev;
    /** Length of the file's complete, written lines: what {@link #read} may read. */
    private long readable;
    /** The file being written and its identity; null until the first line or after a failed write. */
    private RandomAccessFile out;
    private Object outKey;
    /** Lines written since this trail opened, and how many of them a sync covered. */
    private long written;
    private long forced;
    private int forcedWaiters;
    /** The file the sync thread is forcing now, and files given up meanwhile, closed once that sync ends. */
    private RandomAccessFile syncing;
    private final List<RandomAccessFile> retired = new ArrayList<>();
    /** Why a sync failed; once set, the trail takes no more lines. */
    private String syncFailure;
    private Thread syncer;
    private boolean closed;
    /** Whether the audit folder was forced since this trail opened. */
    private boolean folderSynced;

    public AuditLog(Path folder) {
        this(folder, DEFAULT_WAIT);
    }

    /** @param wait how long {@link #append} waits for the sync covering its line */
    AuditLog(Path folder, Duration wait) {
        this(folder, wait, AuditLog::force);
    }

    AuditLog(Path folder, Duration wait, Forcer forcer) {
        this.file = folder.resolve(FILE_NAME);
        this.waitNanos = wait.toNanos();
        this.forcer = forcer;
    }

    public Path file() {
        return file;
    }

    /**
     * Appends one line and returns once it is written ({@link Ack#WRITTEN}) or forced to disk ({@link Ack#FORCED}).
     *
     * @throws StorageException when the line could not be written (or forced), or not within the wait bound, or an
     *                          earlier sync failed
     */
    public void append(Line line, Ack ack) {
        lock.lock();
        try {
            if (closed) {
                throw new StorageException("The audit trail " + file + " is closed.");
            }
            if (syncFailure != null) {
                throw new StorageException("Cannot write the audit trail " + file + ": an earlier sync to disk failed ("
                        + syncFailure + "); no request is answered until the trail is opened again.");
            }
            write(line);
            long mine = written;
            if (syncer == null) {
                syncer = Thread.ofPlatform().daemon().name("chancery-audit-sync").start(this::syncLoop);
            }
            if (mine == forced + 1) {
                // The first line since the last sync: an idle sync thread starts its interval.
                syncWanted.signal();
            }
            if (ack == Ack.FORCED) {
                awaitSync(mine);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Chains {@code line} on the last written one and appends it to the file; under the lock. */
    private void write(Line line) {
        long start = -1;
        try {
            RandomAccessFile f = output();
            if (prev == null) {
                prev = lastHash();
            }
            byte[] bytes = encode(line, prev);
            start = readable;
            f.write(bytes);
            readable = start + bytes.length;
            prev = RawPayload.sha256Hex(bytes, 0, bytes.length - 1);
            written++;
        } catch (IOException | RuntimeException e) {
            if (start >= 0) {
                // A half-written line would fuse with the next one and break the chain for every later reader.
                try {
                    out.setLength(start);
                } catch (IOException cleanup) {
                    e.addSuppressed(cleanup);
                }
            }
            retire();
            prev = null;
            throw new StorageException("Cannot write the audit trail " + file + ": " + describe(e), e);
        }
    }

    /** The line's bytes with its newline: written field by field, a fraction of the cost of a tree per request. */
    private byte[] encode(Line line, String previous) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (JsonGenerator g = json.getFactory().createGenerator(bytes)) {
            g.writeStartObject();
            g.writeStringField("prev", previous);
            g.writeStringField("at", line.at().toString());
            g.writeStringField("who", line.who());
            g.writeStringField("role", line.role());
            g.writeStringField("method", line.method());
            g.writeStringField("path", line.path());
            g.writeStringField("query", line.query());
            g.writeNumberField("status", line.status());
            g.writeNumberField("count", line.count());
            g.writeStringField("client", line.client());
            g.writeEndObject();
        }
        bytes.write('\n');
        return bytes.toByteArray();
    }

    /**
     * The open audit file, positioned at its end; opened again when the path no longer names it. Through a
     * {@link RandomAccessFile}, which an interrupt does not close midway (an interruptible channel would close under
     * the write of a thread being interrupted, e.g. an export job being stopped).
     */
    private RandomAccessFile output() throws IOException {
        Object key = keyAtPath();
        if (out != null && key != null && key.equals(outKey)) {
            return out;
        }
        boolean rotated = out != null;
        retire();
        Files.createDirectories(file.getParent());
        RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw");
        try {
            readable = f.length();
            f.seek(readable);
            if (key == null || !folderSynced) {
                // Until the folder is forced, a new file's own entry may not survive a power loss.
                try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
                    dir.force(true);
                }
                folderSynced = true;
            }
            outKey = keyAtPath();
            if (rotated && readable > 0) {
                // Another file with lines of its own was put at the path: the next line chains on its last one.
                prev = lastHash();
            }
        } catch (IOException | RuntimeException e) {
            f.close();
            throw e;
        }
        out = f;
        return f;
    }

    /** The identity (device and inode) of the file the path names now, or null when it names none. */
    private Object keyAtPath() throws IOException {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /**
     * Stops writing to the open file: forces the lines it holds that no sync covered yet (they would otherwise wait
     * for a sync of another file), then closes it, or leaves closing it to the sync thread if that is forcing it now.
     * A failed force closes the trail, as a failed sync does. Under the lock.
     */
    private void retire() {
        RandomAccessFile f = out;
        if (f == null) {
            return;
        }
        out = null;
        outKey = null;
        if (forced < written && syncFailure == null) {
            try {
                forcer.force(f);
                forced = written;
            } catch (IOException | RuntimeException e) {
                syncFailure = describe(e);
            }
            synced.signalAll();
        }
        if (f == syncing) {
            retired.add(f);
        } else {
            closeQuietly(f);
        }
    }

    private static void closeQuietly(RandomAccessFile f) {
        try {
            f.close();
        } catch (IOException e) {
            // Nothing is lost: every line in it was written and forced before it is closed.
        }
    }

    private static String describe(Throwable e) {
        // A file system error's message is often just the path: its class says what went wrong.
        return e instanceof FileSystemException || e.getMessage() == null ? e.toString() : e.getMessage();
    }

    /** Waits until a sync covers the {@code line}-th line written; under the lock. */
    private void awaitSync(long line) {
        forcedWaiters++;
        try {
            syncWanted.signal();
            long deadline = System.nanoTime() + waitNanos;
            while (forced < line && syncFailure == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new StorageException("Cannot write the audit trail " + file + ": no sync covered the line"
                            + " within " + TimeUnit.NANOSECONDS.toMillis(waitNanos) + " ms.");
                }
                synced.awaitNanos(left);
            }
            if (forced < line) {
                throw new StorageException("Cannot write the audit trail " + file + ": the sync to disk failed: "
                        + syncFailure);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("Interrupted while writing the audit trail " + file + ".", e);
        } finally {
            forcedWaiters--;
        }
    }

    /**
     * Forces the open file whenever lines are written and not yet synced: at once for a waiting caller, otherwise
     * after at most {@link #SYNC_INTERVAL}; after a failure, closes the trail. On close, forces what is left and ends.
     * Interrupts are ignored: a sync thread that ended early would leave every change waiting for a sync in vain.
     */
    private void syncLoop() {
        lock.lock();
        try {
            while (true) {
                try {
                    while (forced == written && !closed) {
                        syncWanted.await();
                    }
                    if (forced == written) {
                        return;
                    }
                    long deadline = System.nanoTime() + SYNC_INTERVAL.toNanos();
                    for (long left = SYNC_INTERVAL.toNanos(); forcedWaiters == 0 && !closed && left > 0;
                            left = deadline - System.nanoTime()) {
                        syncWanted.awaitNanos(left);
                    }
                } catch (InterruptedException e) {
                    continue;
                }
                if (!syncOnce()) {
                    return;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Forces the open file outside the lock, covering every line written before; false when it failed. */
    private boolean syncOnce() {
        if (syncFailure != null) {
            // Forcing a file given up failed (see retire): the trail is closed.
            return false;
        }
        long target = written;
        RandomAccessFile f = out;
        if (f == null) {
            // Given up, and forced, since the last line was written.
            return true;
        }
        syncing = f;
        String failure = null;
        lock.unlock();
        try {
            forcer.force(f);
        } catch (IOException | RuntimeException | Error e) {
            failure = describe(e);
        } finally {
            lock.lock();
            syncing = null;
            retired.forEach(AuditLog::closeQuietly);
            retired.clear();
        }
        if (failure != null) {
            // A sync is not retried after a failure: it may report success for pages the kernel dropped.
            if (syncFailure == null) {
                syncFailure = failure;
            }
            synced.signalAll();
            return false;
        }
        forced = Math.max(forced, target);
        synced.signalAll();
        return true;
    }

    private static void force(RandomAccessFile file) throws IOException {
        // The descriptor that was written: the path may name another file by now (rotated).
        file.getFD().sync();
    }

    /** Forces what is written (waiting at most the wait bound) and stops the sync thread; later appends fail. */
    @Override
    public void close() {
        Thread t;
        lock.lock();
        try {
            closed = true;
            syncWanted.signal();
            t = syncer;
        } finally {
            lock.unlock();
        }
        if (t != null) {
            try {
                t.join(waitNanos / 1_000_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        lock.lock();
        try {
            retire();
        } finally {
            lock.unlock();
        }
    }

    /** The lines that pass {@code filter}, oldest first, at most {@code limit}, each as its JSON object. */
    public List<JsonNode> read(Predicate<JsonNode> filter, int limit) {
        long upTo;
        lock.lock();
        try {
            if (prev == null) {
                prev = lastHash();
            }
            upTo = readable;
        } catch (IOException | RuntimeException e) {
            prev = null;
            throw new StorageException("Cannot read the audit trail " + file + ": " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
        List<JsonNode> out = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return out;
        }
        // Only up to the last forced batch: a batch being written may end in half a line.
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            long seen = 0;
            for (String s = r.readLine(); s != null && out.size() < limit; s = r.readLine()) {
                seen += s.getBytes(StandardCharsets.UTF_8).length + 1;
                if (seen > upTo) {
                    break;
                }
                JsonNode n = json.readTree(s);
                if (filter.test(n)) {
                    out.add(n);
                }
            }
            return out;
        } catch (IOException e) {
            throw new StorageException("Cannot read the audit trail " + file + ": " + e.getMessage(), e);
        }
    }

    /** The hash of the file's last line (genesis for none), noting the file's length as readable. */
    private String lastHash() throws IOException {
        if (!Files.isRegularFile(file)) {
            readable = 0;
            return GENESIS;
        }
        String last = null;
        long length = 0;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String s = r.readLine(); s != null; s = r.readLine()) {
                length += s.getBytes(StandardCharsets.UTF_8).length + 1;
                if (!s.isEmpty()) {
                    last = s;
                }
            }
        }
        readable = length;
        return last == null ? GENESIS : RawPayload.sha256Hex(last.getBytes(StandardCharsets.UTF_8));
    }
}
