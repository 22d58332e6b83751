package org.chancery.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.chancery.ChanceryException;
import org.chancery.StorageException;
import org.chancery.capture.CaptureSink;
import org.chancery.capture.Rejection;
import org.chancery.record.Capture;

/**
 * Collects what importers produce into batches for an {@link Archive}, so that importers stay free of
 * storage I/O and the archive sees batches big enough to write efficiently.
 *
 * <p>Batches are handed to the archive on a thread of their own, one at a time and in order, while the
 * importer parses the next one: parsing and archiving then use a core each. Nothing is acknowledged until
 * {@link #finish()} returns; a failure of the archive surfaces at the next {@link #flush()} or at
 * {@link #finish()}, and no batch after a failed one is written.
 *
 * <p>Not thread-safe: one importer feeds one sink.
 */
public final class ArchivingSink implements CaptureSink, AutoCloseable {
    private final Archive archive;
    private final int batchSize;
    private final Consumer<Rejection> rejections;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "chancery-archiver");
        t.setDaemon(true);
        return t;
    });
    private List<Capture> pending = new ArrayList<>();
    private Future<BatchResult> inFlight;
    private String producer = "import";
    private BatchResult result = BatchResult.EMPTY;
    private long accepted;
    private long rejected;

    /**
     * @param batchSize  captures per {@link Archive#put(Batch)}
     * @param rejections told of every rejection as it happens (report file, stderr)
     */
    public ArchivingSink(Archive archive, int batchSize, Consumer<Rejection> rejections) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        this.archive = Objects.requireNonNull(archive, "archive");
        this.batchSize = batchSize;
        this.rejections = Objects.requireNonNull(rejections, "rejections");
    }

    /** Names what produces the next captures, recorded with the OCFL version; flushes what came before. */
    public void producer(String name) {
        flush();
        producer = Objects.requireNonNull(name, "producer");
    }

    @Override
    public void accept(Capture capture) {
        pending.add(capture);
        accepted++;
        if (pending.size() >= batchSize) {
            flush();
        }
    }

    @Override
    public void reject(Rejection rejection) {
        rejected++;
        rejections.accept(rejection);
    }

    /** Hands the pending captures to the archive once the batch before them is archived. */
    public void flush() {
        if (pending.isEmpty()) {
            return;
        }
        awaitInFlight();
        Batch batch = new Batch(producer, pending);
        pending = new ArrayList<>();
        inFlight = writer.submit(() -> archive.put(batch));
    }

    /** Archives everything accepted so far and returns once the archive has acknowledged all of it. */
    public BatchResult finish() {
        flush();
        awaitInFlight();
        return result;
    }

    private void awaitInFlight() {
        if (inFlight == null) {
            return;
        }
        try {
            result = result.plus(inFlight.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("Interrupted while waiting for the archive to acknowledge a batch.", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof ChanceryException ce ? ce
                    : new StorageException("Archiving a batch failed: " + cause, cause);
        } finally {
            inFlight = null;
        }
    }

    /** Totals over every acknowledged batch. */
    public BatchResult result() {
        return result;
    }

    public long accepted() {
        return accepted;
    }

    public long rejected() {
        return rejected;
    }

    /** Stops the archiving thread; call {@link #finish()} first to archive what is pending. */
    @Override
    public void close() {
        writer.shutdownNow();
    }
}
