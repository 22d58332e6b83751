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
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
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
 * <p>Group commit: each caller chains its line and queues it under a lock, in chain order; whichever caller finds no
 * write in progress becomes the leader, takes every queued line, writes them in one append and wakes the others. A
 * sync thread then forces the file, covering every batch written before the force began. A caller waits for what
 * its {@link Ack} asks: {@link Ack#WRITTEN} returns once the line is in the file (a read does not wait for the disk
 * sync, ~1–2 ms here, that follows within moments), {@link Ack#FORCED} once a sync covering the line succeeded
 * (changes, exports). Either fails when its line could not be written (or forced) or not within the wait bound: a
 * request is never answered unaudited. A failed write also fails every line queued behind it (they chain on lines
 * that may not be in the file) and makes the next line read the chain position again from the file. A failed sync
 * cannot be retried safely (the kernel may have dropped the unwritten pages), so it closes the trail: every later
 * append fails until the trail is opened again. The window this leaves: lines of reads answered within one sync
 * before a power loss or kernel crash may be lost; a crash of the server process alone loses nothing written. A
 * caller that gives up waiting (bound reached, interrupted) fails its request, though its line, already chained, may
 * still be written: the trail may then hold a line for a request that was answered with an error, never the reverse.
 */
public final class AuditLog implements AutoCloseable {
    /** The audit file name under the audit folder. */
    public static final String FILE_NAME = "audit.jsonl";
    static final String GENESIS = "0".repeat(64);
    /** How long a caller waits for the write (or sync) covering its line before its request fails. */
    static final Duration DEFAULT_WAIT = Duration.ofSeconds(10);

    /** What {@link #append} waits for before it returns. */
    public enum Ack {
        /** The line is written to the audit file; the sync thread forces it to disk within moments. */
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

    /** A chained line waiting for its write and sync; its fields change only under the lock. */
    private static final class Pending {
        final byte[] bytes;
        boolean written;
        boolean durable;
        String failure;

        Pending(byte[] bytes) {
            this.bytes = bytes;
        }

        boolean settled(Ack ack) {
            return failure != null || (ack == Ack.WRITTEN ? written : durable);
        }
    }

    /** Forces a file to disk; tests put a failing or blocking one in to show what a failed or slow sync does. */
    @FunctionalInterface
    interface Forcer {
        void force(Path file) throws IOException;
    }

    private final Path file;
    private final long waitNanos;
    private final Forcer forcer;
    private final ObjectMapper json = new ObjectMapper();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition settled = lock.newCondition();
    private final Condition dirty = lock.newCondition();
    /** Hash of the last queued line; null when unknown (at start, after a failed write). */
    private String prev;
    /** Length of the file's complete, written lines: what {@link #read} may read without meeting a half line. */
    private long readable;
    private List<Pending> queue = new ArrayList<>();
    private boolean writing;
    /** Lines written and not yet covered by a sync. */
    private List<Pending> unsynced = new ArrayList<>();
    /** Why a sync failed; once set, the trail takes no more lines. */
    private String syncFailure;
    private Thread syncer;
    private boolean closed;
    /** Whether the audit folder was forced since this trail opened; touched by the leader only. */
    private boolean folderSynced;

    public AuditLog(Path folder) {
        this(folder, DEFAULT_WAIT);
    }

    /** @param wait how long {@link #append} waits for the write or sync covering its line */
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
     * Appends one line and returns once it is written ({@link Ack#WRITTEN}) or forced to disk ({@link Ack#FORCED}),
     * usually together with other callers' lines.
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
            Pending mine = chain(line);
            long deadline = System.nanoTime() + waitNanos;
            while (!mine.settled(ack)) {
                if (!writing && !queue.isEmpty()) {
                    lead();
                    continue;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new StorageException("Cannot write the audit trail " + file + ": no "
                            + (ack == Ack.WRITTEN ? "write" : "sync") + " covered the line within "
                            + TimeUnit.NANOSECONDS.toMillis(waitNanos) + " ms.");
                }
                settled.awaitNanos(left);
            }
            if (mine.failure != null) {
                throw new StorageException("Cannot write the audit trail " + file + ": " + mine.failure);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("Interrupted while writing the audit trail " + file + ".", e);
        } finally {
            lock.unlock();
        }
    }

    /** Chains {@code line} on the last queued one and queues it; under the lock. */
    private Pending chain(Line line) {
        try {
            if (prev == null) {
                prev = lastHash();
            }
            // Written field by field rather than through a tree: the same bytes, at a fraction of the cost per request.
            ByteArrayOutputStream out = new ByteArrayOutputStream(256);
            try (JsonGenerator g = json.getFactory().createGenerator(out)) {
                g.writeStartObject();
                g.writeStringField("prev", prev);
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
            byte[] bytes = out.toByteArray();
            byte[] withNewline = Arrays.copyOf(bytes, bytes.length + 1);
            withNewline[bytes.length] = '\n';
            String hash = RawPayload.sha256Hex(bytes);
            Pending p = new Pending(withNewline);
            queue.add(p);
            prev = hash;
            return p;
        } catch (IOException | RuntimeException e) {
            // Nothing was queued; prev is still the last queued line's hash (or null if reading it failed).
            throw new StorageException("Cannot write the audit trail " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes every queued line outside the lock, then hands them to the sync thread; called and returns under the lock. */
    private void lead() {
        writing = true;
        List<Pending> batch = queue;
        queue = new ArrayList<>();
        String failure = null;
        Error error = null;
        long length = -1;
        String failedSync = syncFailure;
        lock.unlock();
        try {
            if (failedSync != null) {
                // After a failed sync, pages written before it may be lost: nothing more may chain on them.
                throw new IOException("an earlier sync to disk failed (" + failedSync + ")");
            }
            length = write(batch);
        } catch (IOException | RuntimeException | Error e) {
            failure = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            error = e instanceof Error err ? err : null;
        } finally {
            lock.lock();
        }
        writing = false;
        if (failure == null) {
            readable = length;
            batch.forEach(p -> p.written = true);
            unsynced.addAll(batch);
            startSyncer();
            dirty.signal();
        } else {
            // Lines queued meanwhile chain on lines that may not be in the file: they fail too, and the chain position
            // is read again from the file.
            batch.addAll(queue);
            queue = new ArrayList<>();
            prev = null;
            for (Pending p : batch) {
                p.failure = failure;
            }
        }
        settled.signalAll();
        if (error != null) {
            throw error;
        }
    }

    /**
     * Appends the batch in one write and returns the file's length after it. Through a {@link RandomAccessFile},
     * which an interrupt does not close midway (an interruptible channel would fail every caller's line in the batch
     * when the leading thread, e.g. an export job being stopped, is interrupted).
     */
    private long write(List<Pending> batch) throws IOException {
        int size = 0;
        for (Pending p : batch) {
            size += p.bytes.length;
        }
        byte[] all = new byte[size];
        int at = 0;
        for (Pending p : batch) {
            System.arraycopy(p.bytes, 0, all, at, p.bytes.length);
            at += p.bytes.length;
        }
        if (!folderSynced) {
            Files.createDirectories(file.getParent());
        }
        long length;
        // Opened per batch, so that the file is always the one at this path.
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            long start = f.length();
            try {
                f.seek(start);
                f.write(all);
            } catch (IOException e) {
                // A half-written batch would fuse with the next line and break the chain for every later reader.
                try {
                    f.setLength(start);
                } catch (IOException cleanup) {
                    e.addSuppressed(cleanup);
                }
                throw e;
            }
            length = f.length();
        }
        if (!folderSynced) {
            // Until the folder is forced once, the file's own entry may not survive a power loss.
            try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
                dir.force(true);
            }
            folderSynced = true;
        }
        return length;
    }

    /** Starts the sync thread on the first written batch; under the lock. */
    private void startSyncer() {
        if (syncer == null) {
            syncer = Thread.ofPlatform().daemon().name("chancery-audit-sync").start(this::syncLoop);
        }
    }

    /** Forces the file whenever lines are written and not yet synced; after a failure, closes the trail. */
    private void syncLoop() {
        lock.lock();
        try {
            while (true) {
                while (unsynced.isEmpty() && !closed) {
                    dirty.awaitUninterruptibly();
                }
                if (unsynced.isEmpty()) {
                    return;
                }
                List<Pending> batch = unsynced;
                unsynced = new ArrayList<>();
                // A sync is not retried after a failure: it may report success for pages the kernel dropped.
                String failure = syncFailure == null ? null : "an earlier sync to disk failed (" + syncFailure + ")";
                if (failure == null) {
                    lock.unlock();
                    try {
                        forcer.force(file);
                    } catch (IOException | RuntimeException | Error e) {
                        failure = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                    } finally {
                        lock.lock();
                    }
                }
                if (failure != null && syncFailure == null) {
                    syncFailure = failure;
                }
                for (Pending p : batch) {
                    if (failure == null) {
                        p.durable = true;
                    } else {
                        p.failure = "the sync to disk failed: " + failure;
                    }
                }
                settled.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    private static void force(Path file) throws IOException {
        // fsync reaches the file's pages whichever descriptor wrote them.
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.force(false);
        }
    }

    /**
     * Writes what is queued, forces what is written (waiting at most the wait bound) and stops the sync thread;
     * later appends fail.
     */
    @Override
    public void close() {
        Thread t;
        lock.lock();
        try {
            // Lines being written or queued are written first, so that the sync thread forces them before it stops.
            while (writing) {
                settled.awaitUninterruptibly();
            }
            if (!queue.isEmpty()) {
                lead();
            }
            closed = true;
            dirty.signal();
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
