package org.chancery.export;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Consumer;

/**
 * Writes through to a file while computing its SHA-256 and SHA-512 and counting its bytes, so a manifest line can be
 * made without reading the file again; the digests are handed over when the stream is closed.
 */
final class HashingOutputStream extends FilterOutputStream {
    /** The digests and size of what was written. */
    record Digests(String sha256, String sha512, long bytes) {}

    private final MessageDigest sha256 = digest("SHA-256");
    private final MessageDigest sha512 = digest("SHA-512");
    private final Consumer<Digests> onClose;
    private long count;
    private boolean closed;

    HashingOutputStream(OutputStream out, Consumer<Digests> onClose) {
        super(out);
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
        out.write(b);
        sha256.update((byte) b);
        sha512.update((byte) b);
        count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        sha256.update(b, off, len);
        sha512.update(b, off, len);
        count += len;
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        super.close();
        HexFormat hex = HexFormat.of();
        onClose.accept(new Digests(hex.formatHex(sha256.digest()), hex.formatHex(sha512.digest()), count));
    }
}
