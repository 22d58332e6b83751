package org.chancery.capture;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Opens collector files, decompressing gzip transparently (collectors and archivists often keep JSONL as
 * {@code .jsonl.gz}); the raw payloads archived are then the decompressed bytes, which is what the
 * collector received.
 */
final class SourceFiles {
    private SourceFiles() {}

    /** The file's content, gunzipped if it starts with the gzip magic bytes. */
    static InputStream open(Path path) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        return b1 == 0x1f && b2 == 0x8b ? new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16) : in;
    }

    /** The whole (decompressed) content, refusing more than {@code maxBytes}. */
    static byte[] readAll(Path path, long maxBytes) throws IOException {
        try (InputStream in = open(path)) {
            byte[] bytes = in.readNBytes((int) Math.min(maxBytes + 1, Integer.MAX_VALUE - 16L));
            if (bytes.length > maxBytes) {
                throw new IOException(path + " holds more than " + maxBytes + " bytes, more than one JSON document may"
                        + " have; convert it to JSONL");
            }
            return bytes;
        }
    }
}
