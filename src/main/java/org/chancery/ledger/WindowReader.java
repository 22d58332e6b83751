package org.chancery.ledger;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Positional reads through a 1 MiB window, so sequential scans of a log file cost few system calls. */
final class WindowReader {
    private static final int WINDOW = 1 << 20;

    private final FileChannel channel;
    private final ByteBuffer window = ByteBuffer.allocate(WINDOW);
    private long windowStart;
    private int windowLength;

    WindowReader(FileChannel channel) {
        this.channel = channel;
    }

    /** Fills {@code dst} from byte {@code position}; false if the file ends first. */
    boolean read(long position, byte[] dst) throws IOException {
        int done = 0;
        while (done < dst.length) {
            long at = position + done;
            if (at < windowStart || at >= windowStart + windowLength) {
                if (!fill(at)) {
                    return false;
                }
            }
            int from = (int) (at - windowStart);
            int n = Math.min(dst.length - done, windowLength - from);
            System.arraycopy(window.array(), from, dst, done, n);
            done += n;
        }
        return true;
    }

    private boolean fill(long at) throws IOException {
        window.clear();
        windowStart = at;
        windowLength = 0;
        while (window.hasRemaining()) {
            int n = channel.read(window, at + window.position());
            if (n < 0) {
                break;
            }
        }
        windowLength = window.position();
        return windowLength > 0;
    }
}
