package org.chancery.capture;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads a byte stream line by line (LF or CRLF) without decoding it, so raw bytes survive exactly, and with
 * a cap on line length so that a single enormous line (a 1 GB file without newlines) is skipped and reported
 * instead of exhausting memory.
 */
public final class LineReader implements AutoCloseable {
    /** A line, or the report that one was too long; {@code number} counts from 1. */
    public record Line(long number, byte[] bytes, int length, boolean tooLong, long actualLength) {}

    public static final int DEFAULT_MAX_LINE_BYTES = 64 * 1024 * 1024;

    private final InputStream in;
    private final int maxLineBytes;
    private final byte[] chunk = new byte[1 << 16];
    private int chunkPos;
    private int chunkLen;
    private byte[] line = new byte[8192];
    private long lineNumber;

    public LineReader(InputStream in, int maxLineBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    public LineReader(InputStream in) {
        this(in, DEFAULT_MAX_LINE_BYTES);
    }

    /** The next line without its terminator, or null at end of input. The returned buffer is reused. */
    public Line next() throws IOException {
        int len = 0;
        long actual = 0;
        boolean sawAny = false;
        while (true) {
            if (chunkPos == chunkLen) {
                chunkLen = in.read(chunk);
                chunkPos = 0;
                if (chunkLen <= 0) {
                    chunkLen = 0;
                    if (!sawAny) {
                        return null;
                    }
                    break;
                }
            }
            sawAny = true;
            int nl = -1;
            for (int i = chunkPos; i < chunkLen; i++) {
                if (chunk[i] == '\n') {
                    nl = i;
                    break;
                }
            }
            int upto = nl >= 0 ? nl : chunkLen;
            int n = upto - chunkPos;
            actual += n;
            if (actual <= maxLineBytes) {
                if (len + n > line.length) {
                    line = Arrays.copyOf(line, Math.max(len + n, line.length * 2));
                }
                System.arraycopy(chunk, chunkPos, line, len, n);
                len += n;
            }
            chunkPos = nl >= 0 ? nl + 1 : chunkLen;
            if (nl >= 0) {
                break;
            }
        }
        lineNumber++;
        if (actual > maxLineBytes) {
            return new Line(lineNumber, new byte[0], 0, true, actual);
        }
        if (len > 0 && line[len - 1] == '\r') {
            len--;
        }
        return new Line(lineNumber, line, len, false, actual);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
