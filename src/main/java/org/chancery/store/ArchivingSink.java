package org.chancery.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.chancery.capture.CaptureSink;
import org.chancery.capture.Rejection;
import org.chancery.record.Capture;

/**
 * Collects what importers produce into batches for an {@link Archive}, so that importers stay free of
 * storage I/O and the archive sees batches big enough to write efficiently.
 *
 * <p>Not thread-safe: one importer feeds one sink.
 */
public final class ArchivingSink implements CaptureSink {
    private final Archive archive;
    private final int batchSize;
    private final Consumer<Rejection> rejections;
    private final List<Capture> pending = new ArrayList<>();
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

    /** Hands the pending captures to the archive; returns once they are acknowledged. */
    public void flush() {
        if (!pending.isEmpty()) {
            result = result.plus(archive.put(new Batch(producer, pending)));
            pending.clear();
        }
    }

    /** Totals so far over every flushed batch. */
    public BatchResult result() {
        return result;
    }

    public long accepted() {
        return accepted;
    }

    public long rejected() {
        return rejected;
    }
}
