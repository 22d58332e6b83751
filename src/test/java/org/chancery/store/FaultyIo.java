package org.chancery.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * The real file system, except that writes to chosen files fail like a full disk once a byte budget is spent,
 * and fsyncs of chosen paths fail like a broken device.
 */
final class FaultyIo implements StorageIo {
    private final StorageIo real = StorageIo.standard();
    private volatile Predicate<Path> budgeted = p -> false;
    private final AtomicLong budget = new AtomicLong(Long.MAX_VALUE);
    private volatile Predicate<Path> failingSync = p -> false;

    /** From now on, writes to matching files may together write only {@code bytes} more bytes. */
    void limitWrites(Predicate<Path> files, long bytes) {
        budget.set(bytes);
        budgeted = files;
    }

    /** From now on, fsyncs of matching paths fail. */
    void failSyncs(Predicate<Path> paths) {
        failingSync = paths;
    }

    void heal() {
        budgeted = p -> false;
        failingSync = p -> false;
        budget.set(Long.MAX_VALUE);
    }

    @Override
    public FileChannel open(Path file, Set<? extends OpenOption> options) throws IOException {
        return new Limited(real.open(file, options), file);
    }

    @Override
    public void syncFile(Path file) throws IOException {
        checkSync(file);
        real.syncFile(file);
    }

    @Override
    public void syncDirectory(Path directory) throws IOException {
        checkSync(directory);
        real.syncDirectory(directory);
    }

    @Override
    public void force(FileChannel channel, Path file) throws IOException {
        checkSync(file);
        real.force(channel, file);
    }

    private void checkSync(Path p) throws IOException {
        if (failingSync.test(p)) {
            throw new IOException("Input/output error");
        }
    }

    private int take(int wanted) throws IOException {
        while (true) {
            long left = budget.get();
            if (left <= 0) {
                throw new IOException("No space left on device");
            }
            int n = (int) Math.min(wanted, left);
            if (budget.compareAndSet(left, left - n)) {
                return n;
            }
        }
    }

    /** A channel whose writes draw on the budget while its file matches; a write larger than what is left is cut short, like ENOSPC. */
    private final class Limited extends FileChannel {
        private final FileChannel ch;
        private final Path file;

        Limited(FileChannel ch, Path file) {
            this.ch = ch;
            this.file = file;
        }

        private int allowance(int wanted) throws IOException {
            return budgeted.test(file) ? take(wanted) : wanted;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            int n = allowance(src.remaining());
            ByteBuffer part = src.slice(src.position(), n);
            int written = ch.write(part);
            src.position(src.position() + written);
            return written;
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            int n = allowance(src.remaining());
            ByteBuffer part = src.slice(src.position(), n);
            int written = ch.write(part, position);
            src.position(src.position() + written);
            return written;
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
            long total = 0;
            for (int i = offset; i < offset + length; i++) {
                total += write(srcs[i]);
            }
            return total;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return ch.read(dst);
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
            return ch.read(dsts, offset, length);
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return ch.read(dst, position);
        }

        @Override
        public long position() throws IOException {
            return ch.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            ch.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return ch.size();
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            ch.truncate(size);
            return this;
        }

        @Override
        public void force(boolean metaData) throws IOException {
            ch.force(metaData);
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
            return ch.transferTo(position, count, target);
        }

        @Override
        public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
            throw new IOException("transferFrom is not supported by the fault-injecting channel");
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
            throw new IOException("map is not supported by the fault-injecting channel");
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) throws IOException {
            return ch.lock(position, size, shared);
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return ch.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            ch.close();
        }
    }
}
