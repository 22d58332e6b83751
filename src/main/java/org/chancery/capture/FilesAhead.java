package org.chancery.capture;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import org.chancery.record.Capture;

/**
 * Reads several files of an import at once, each on a daemon thread of its own, and hands what each reading
 * produced to the caller's sink in the order the readings were added: file 1's captures and rejections, then file
 * 2's, and so on. Parsing is most of an import's work; the files after the one being archived are parsed meanwhile
 * on the other cores, and the sink sees exactly the sequence one thread reading the files one after another would
 * have given it.
 *
 * <p>Memory is bounded: at most {@code files} readings are started and not yet replayed, and each holds at most
 * {@code capacity} events the caller has not taken; a reading that is that far ahead waits, so a file of any size
 * is never buffered whole. Events are handed over in small chunks, so the threads meet once per chunk, not once
 * per tweet.
 *
 * <p>When the caller's sink throws during a replay, or the caller {@link #close closes} this early, every reading
 * is stopped at its next capture or rejection (its sink throws a {@link CancellationException}) and its thread has
 * ended before the call returns. Threads are never interrupted: an interrupt during a
 * {@link java.nio.channels.FileChannel} read would close the channel under the importer.
 *
 * <p>Not thread-safe: one caller adds and replays.
 */
public final class FilesAhead implements AutoCloseable {
    /** One file's reading, typically an importer reading the file into the sink given. */
    @FunctionalInterface
    public interface Reading {
        /** Reads into {@code sink}; an {@link IOException} means the file could not be read at all. */
        void read(CaptureSink sink) throws IOException;
    }

    /** The last element of a reading's queue: how the reading ended. */
    private record End(Throwable failure) {}

    private static final int MAX_CHUNK = 256;

    private final String threadName;
    private final int files;
    private final int capacity;
    private final int chunkSize;
    private final Deque<Events> started = new ArrayDeque<>();
    private final Deque<Events> waiting = new ArrayDeque<>();
    private volatile boolean stopped;
    private int added;

    /**
     * @param threadName the readers' threads are named this, a dash and the reading's number from 1
     * @param files      at most this many readings run (or wait to be replayed) at once
     * @param capacity   events (captures and rejections) a reading may hold before the caller takes them; at least 2
     */
    public FilesAhead(String threadName, int files, int capacity) {
        if (files < 1) {
            throw new IllegalArgumentException("files read at once must be at least 1, got " + files);
        }
        if (capacity < 2) {
            throw new IllegalArgumentException("events held per file must be at least 2, got " + capacity);
        }
        this.threadName = Objects.requireNonNull(threadName, "threadName");
        this.files = files;
        this.capacity = capacity;
        this.chunkSize = Math.clamp(capacity / 16, 1, MAX_CHUNK);
    }

    /** True while fewer than {@code files} readings are added and not yet replayed: one more would start at once. */
    public boolean wantsMore() {
        return started.size() + waiting.size() < files;
    }

    /**
     * Adds a reading after the ones added before; it starts at once when {@link #wantsMore} said so, otherwise as
     * soon as the readings before it are replayed.
     *
     * @return its events, to replay after those of every reading added before it
     */
    public Events add(Reading reading) {
        Objects.requireNonNull(reading, "reading");
        if (stopped) {
            throw new IllegalStateException("The files read ahead were stopped; no more can be added.");
        }
        Events events = new Events(reading, ++added);
        if (started.size() < files) {
            events.start();
            started.add(events);
        } else {
            waiting.add(events);
        }
        return events;
    }

    /** Stops every reading at its next event and waits until their threads have ended. */
    @Override
    public void close() {
        stopped = true;
        waiting.clear();
        boolean interrupted = false;
        for (Events e : started) {
            interrupted |= e.awaitEnd();
        }
        started.clear();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** What one reading produced, replayed into the caller's sink once. */
    public final class Events {
        private final Reading reading;
        private final int number;
        /** Chunks of captures and rejections, then one {@link End}. */
        private final BlockingQueue<Object> queue;
        private Thread thread;
        private boolean replayed;

        private Events(Reading reading, int number) {
            this.reading = reading;
            this.number = number;
            // The queued chunks and the one being filled (or waiting to be queued) hold at most capacity events.
            this.queue = new ArrayBlockingQueue<>(Math.max(1, capacity / chunkSize - 1));
        }

        /**
         * Passes this reading's captures and rejections to {@code sink} in the order it produced them, waiting for
         * them as needed, then ends as the reading ended. Call it after every reading added before this one has been
         * replayed.
         *
         * @throws IOException      the reading's, after the events it produced before it
         * @throws RuntimeException the reading's unchecked exception or error as it was thrown, or the sink's (which
         *                          stops every reading first)
         */
        public void replayInto(CaptureSink sink) throws IOException {
            Objects.requireNonNull(sink, "sink");
            if (replayed) {
                throw new IllegalStateException("The events of reading " + number + " were replayed already.");
            }
            if (stopped) {
                throw new IllegalStateException("The files read ahead were stopped; reading " + number
                        + " cannot be replayed.");
            }
            if (started.peekFirst() != this) {
                throw new IllegalStateException("Reading " + number + " is replayed before the readings added before"
                        + " it; replay them in the order they were added.");
            }
            replayed = true;
            End end;
            try {
                end = pass(sink);
            } catch (RuntimeException | Error e) {
                close();
                throw e;
            }
            started.removeFirst();
            join();
            Events next = waiting.pollFirst();
            if (next != null) {
                next.start();
                started.add(next);
            }
            switch (end.failure()) {
                case null -> { }
                case IOException io -> throw io;
                case RuntimeException r -> throw r;
                case Error e -> throw e;
                case Throwable t -> throw new IllegalStateException("Reading " + number + " failed: " + t, t);
            }
        }

        private End pass(CaptureSink sink) {
            while (true) {
                Object o = take();
                if (o instanceof End end) {
                    return end;
                }
                for (Object event : (List<?>) o) {
                    if (event instanceof Capture c) {
                        sink.accept(c);
                    } else {
                        sink.reject((Rejection) event);
                    }
                }
            }
        }

        private Object take() {
            try {
                return queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("Interrupted while waiting for reading " + number + " to go on.");
            }
        }

        private void start() {
            thread = new Thread(this::run, threadName + "-" + number);
            thread.setDaemon(true);
            thread.start();
        }

        private void run() {
            Chunks out = new Chunks();
            Throwable failure = null;
            try {
                reading.read(out);
                out.handOver();
            } catch (CancellationException e) {
                if (!stopped) {
                    failure = e;
                }
            } catch (Throwable t) {
                failure = t;
            }
            if (!stopped) {
                try {
                    queue.put(new End(failure));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        /** Waits until the reading's thread has ended, emptying its queue so that it is not stuck on a full one. */
        private boolean awaitEnd() {
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
            return interrupted;
        }

        private void join() {
            boolean interrupted = false;
            while (true) {
                try {
                    thread.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        /** The reading's sink: collects events into chunks and queues each full one, waiting while the queue is full. */
        private final class Chunks implements CaptureSink {
            private List<Object> chunk = new ArrayList<>(chunkSize);

            @Override
            public void accept(Capture capture) {
                add(Objects.requireNonNull(capture, "capture"));
            }

            @Override
            public void reject(Rejection rejection) {
                add(Objects.requireNonNull(rejection, "rejection"));
            }

            private void add(Object event) {
                if (stopped) {
                    throw new CancellationException("Reading " + number + " was stopped.");
                }
                chunk.add(event);
                if (chunk.size() >= chunkSize) {
                    handOver();
                }
            }

            void handOver() {
                if (chunk.isEmpty() || stopped) {
                    return;
                }
                try {
                    queue.put(chunk);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CancellationException("Reading " + number + " was interrupted.");
                }
                chunk = new ArrayList<>(chunkSize);
            }
        }
    }
}
