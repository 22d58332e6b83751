package org.chancery.export;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Runs a producer on a thread of its own and hands what it makes to the consumer in the order it was made, through
 * a queue of at most {@code capacity} items: an export reads and proves page n + 1 while page n is written, so the
 * two halves of the work use both cores and the output is exactly what one thread would write. A failure of the
 * producer is thrown again from {@link #next}.
 *
 * <p>The producer is never interrupted: an interrupt during a {@link java.nio.channels.FileChannel} read closes the
 * channel, and the store's and the log's channels outlive the export. {@link #close} asks it to stop and empties the
 * queue until it has.
 *
 * @param <T> what is handed over
 */
final class ReadAhead<T> implements AutoCloseable {
    /** Makes the items, handing each to {@code out}; returns when there are no more or {@code out} says stop. */
    interface Producer<T> {
        void produce(Handoff<T> out) throws Exception;
    }

    /** Where the producer puts its items. */
    interface Handoff<T> {
        /** Hands an item over, waiting while the queue is full; false when the consumer has stopped. */
        boolean put(T item) throws InterruptedException;
    }

    /** The end of the items, or the producer's failure. */
    private record End(Throwable failure) {}

    private final BlockingQueue<Object> queue;
    private final Thread thread;
    private volatile boolean stopped;
    private boolean ended;

    ReadAhead(String threadName, int capacity, Producer<T> producer) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.thread = new Thread(() -> run(producer), threadName);
        thread.setDaemon(true);
        thread.start();
    }

    private void run(Producer<T> producer) {
        Throwable failure = null;
        try {
            producer.produce(item -> {
                if (stopped) {
                    return false;
                }
                queue.put(item);
                return !stopped;
            });
        } catch (Throwable t) {
            failure = t;
        }
        try {
            if (!stopped) {
                queue.put(new End(failure));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The next item, waiting for it; null after the last one.
     *
     * @throws RuntimeException the producer's unchecked exception or error, as it was thrown; a checked one wrapped
     *                          in an {@link IllegalStateException}
     */
    @SuppressWarnings("unchecked")
    T next() {
        if (ended) {
            return null;
        }
        Object o;
        try {
            o = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("The export was interrupted while waiting for records to be read.", e);
        }
        if (o instanceof End end) {
            ended = true;
            switch (end.failure()) {
                case null -> {
                    return null;
                }
                case RuntimeException r -> throw r;
                case Error e -> throw e;
                case Throwable t -> throw new IllegalStateException("Reading the export's records failed: "
                        + t.getMessage(), t);
            }
        }
        return (T) o;
    }

    /** Stops the producer at its next hand-over and waits until its thread has ended. */
    @Override
    public void close() {
        stopped = true;
        boolean interrupted = false;
        while (thread.isAlive()) {
            queue.clear();
            try {
                thread.join(10);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        queue.clear();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
