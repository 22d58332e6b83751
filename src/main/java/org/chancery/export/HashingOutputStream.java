package org.chancery.export;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * Writes a file through a buffer of its own while computing its SHA-256 and SHA-512 and counting its bytes, so a
 * manifest line can be made without reading the file again; the digests are handed over when the stream is closed.
 *
 * <p>Hashing every byte twice is the largest part of writing a bag, so a file that outgrows one buffer is written
 * and hashed on a thread of its own, a buffer at a time and in order, while the caller fills the next buffer: the
 * caller, which formats the records, is the export's busiest thread. The digests are the same as hashing inline;
 * a small file (a tag file) is written and hashed on the caller's thread when it is closed. A failure of the file's
 * thread is thrown from the next write or from {@link #close}. Memory is bounded: {@value #BUFFERS} buffers of
 * {@value #CHUNK} bytes per file.
 */
final class HashingOutputStream extends OutputStream {
    /** The digests and size of what was written. */
    record Digests(String sha256, String sha512, long bytes) {}

    /** Bytes written and hashed at once; also the file's write size. */
    static final int CHUNK = 1 << 16;
    /** Buffers per file: one the caller fills, the others queued for or in the file's thread. */
    private static final int BUFFERS = 4;
    /** Hands the file's thread its last buffer. */
    private static final Chunk END = new Chunk(new byte[0], 0);

    /** A buffer and how many of its bytes are to be written. */
    private record Chunk(byte[] bytes, int length) {}

    private final OutputStream out;
    private final String name;
    private final MessageDigest sha256 = digest("SHA-256");
    private final MessageDigest sha512 = digest("SHA-512");
    private final Consumer<Digests> onClose;
    private byte[] buffer = new byte[CHUNK];
    private int filled;
    private long count;
    private boolean closed;
    /** Started when the first buffer is full; null while the file fits in one buffer. */
    private Thread worker;
    private BlockingQueue<Chunk> full;
    private BlockingQueue<byte[]> free;
    private volatile Throwable failure;

    /**
     * @param out     the file, unbuffered (this stream buffers); closed with this stream
     * @param name    the file, for the hashing thread's name
     * @param onClose told the digests once everything was written
     */
    HashingOutputStream(OutputStream out, String name, Consumer<Digests> onClose) {
        this.out = out;
        this.name = name;
        this.onClose = onClose;
    }

    static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JDK lacks " + algorithm + ".", e);
        }
    }

    @Override
    public void write(int b) throws IOException {
        ensureOpen();
        if (filled == buffer.length) {
            handOver();
        }
        buffer[filled++] = (byte) b;
        count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        ensureOpen();
        while (len > 0) {
            if (filled == buffer.length) {
                handOver();
            }
            int n = Math.min(len, buffer.length - filled);
            System.arraycopy(b, off, buffer, filled, n);
            filled += n;
            off += n;
            len -= n;
            count += n;
        }
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("The bag file " + name + " is already closed.");
        }
    }

    /** Queues the full buffer for the file's thread (starting it the first time) and takes a free one. */
    private void handOver() throws IOException {
        if (worker == null) {
            full = new LinkedBlockingQueue<>();
            free = new ArrayBlockingQueue<>(BUFFERS);
            for (int i = 1; i < BUFFERS; i++) {
                free.add(new byte[CHUNK]);
            }
            worker = new Thread(this::run, "chancery-export-hash " + name);
            worker.setDaemon(true);
            worker.start();
        }
        rethrow();
        full.add(new Chunk(buffer, filled));
        try {
            buffer = free.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            buffer = new byte[CHUNK]; // the stream stays usable for close, which ends the thread
            filled = 0;
            throw new InterruptedIOException("Interrupted while writing the bag file " + name + ".");
        }
        filled = 0;
        rethrow();
    }

    /** The file's thread: writes and hashes the buffers in order until {@link #END}; after a failure only drains. */
    private void run() {
        while (true) {
            Chunk c;
            try {
                c = full.take();
            } catch (InterruptedException e) {
                // Never interrupted by this class; an interrupt from elsewhere must not lose the file's bytes.
                continue;
            }
            if (c == END) {
                return;
            }
            if (failure == null) {
                try {
                    writeAndHash(c.bytes(), c.length());
                } catch (Throwable e) {
                    // Errors too (an OutOfMemoryError for a direct buffer): a thread that died here would leave the
                    // caller waiting for a free buffer, or closing a file shorter than its digests say.
                    failure = e;
                }
            }
            free.offer(c.bytes()); // never full: there are no more buffers than it holds
        }
    }

    private void writeAndHash(byte[] b, int len) throws IOException {
        out.write(b, 0, len);
        sha256.update(b, 0, len);
        sha512.update(b, 0, len);
    }

    private void rethrow() throws IOException {
        Throwable f = failure;
        if (f != null) {
            throw new IOException("Writing the bag file " + name + " failed: " + f.getMessage(), f);
        }
    }

    /** Writes what is buffered, waits for the file's thread, closes the file, then reports the digests. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (worker == null) {
                writeAndHash(buffer, filled);
            } else {
                full.add(new Chunk(buffer, filled));
                full.add(END);
                joinWorker();
                rethrow();
            }
        } finally {
            out.close();
        }
        HexFormat hex = HexFormat.of();
        onClose.accept(new Digests(hex.formatHex(sha256.digest()), hex.formatHex(sha512.digest()), count));
    }

    /** Waits for the file's thread to end, even if interrupted meanwhile (the interrupt is kept). */
    private void joinWorker() {
        boolean interrupted = false;
        while (worker.isAlive()) {
            try {
                worker.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
