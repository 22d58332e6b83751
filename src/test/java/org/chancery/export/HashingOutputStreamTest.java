package org.chancery.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files larger than one buffer are written and hashed on another thread: the file holds exactly the bytes written,
 * in order, and the digests and size reported on closing are those of the file, whatever the sizes of the writes;
 * a write failure on that thread reaches the caller.
 */
class HashingOutputStreamTest {
    private static final int CHUNK = HashingOutputStream.CHUNK;

    @TempDir
    Path dir;

    @Test
    void fileAndDigestsMatchWhatWasWrittenAcrossBufferBoundaries() throws Exception {
        Random random = new Random(7);
        for (int size : new int[] {0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 9 * CHUNK + 123}) {
            byte[] data = new byte[size];
            random.nextBytes(data);
            Path file = dir.resolve("f" + size);
            AtomicReference<HashingOutputStream.Digests> reported = new AtomicReference<>();
            try (OutputStream out = new HashingOutputStream(Files.newOutputStream(file), "f" + size, reported::set)) {
                int at = 0;
                while (at < size) {
                    // single bytes, small pieces and pieces larger than a buffer, mixed
                    int n = switch (random.nextInt(3)) {
                        case 0 -> 1;
                        case 1 -> random.nextInt(300) + 1;
                        default -> random.nextInt(3 * CHUNK) + 1;
                    };
                    n = Math.min(n, size - at);
                    if (n == 1) {
                        out.write(data[at]);
                    } else {
                        out.write(data, at, n);
                    }
                    at += n;
                }
            }
            byte[] written = Files.readAllBytes(file);
            assertArrayEquals(data, written, "bytes of a file of " + size);
            HexFormat hex = HexFormat.of();
            assertEquals(hex.formatHex(MessageDigest.getInstance("SHA-256").digest(data)), reported.get().sha256());
            assertEquals(hex.formatHex(MessageDigest.getInstance("SHA-512").digest(data)), reported.get().sha512());
            assertEquals(size, reported.get().bytes());
        }
    }

    @Test
    void aFailedWriteOnTheFilesThreadIsThrownToTheCallerAndNothingIsReported() throws IOException {
        HashingOutputStream out = failing(new IllegalStateException("disk full"), "data/records.jsonl");
        assertThrows(IOException.class, () -> out.write(1), "closed: no more writes");
    }

    @Test
    void anErrorOnTheFilesThreadIsThrownToTheCallerInsteadOfHangingOrTruncating() throws IOException {
        // An OutOfMemoryError for a direct buffer: the thread must not die leaving the caller waiting for a buffer.
        failing(new OutOfMemoryError("injected: direct buffer memory"), "data/raw/0001.bin");
    }

    /**
     * Writes ten buffers' worth to a stream whose file throws {@code thrown}, then closes it; checks that the caller
     * got the failure naming the file and that no digests were reported. Returns the closed stream.
     */
    private static HashingOutputStream failing(Throwable thrown, String name) {
        OutputStream file = new ByteArrayOutputStream() {
            @Override
            public void write(byte[] b, int off, int len) {
                if (thrown instanceof Error e) {
                    throw e;
                }
                throw (RuntimeException) thrown;
            }
        };
        AtomicReference<HashingOutputStream.Digests> reported = new AtomicReference<>();
        HashingOutputStream out = new HashingOutputStream(file, name, reported::set);
        IOException e = assertThrows(IOException.class, () -> {
            try {
                byte[] piece = new byte[1000];
                for (int i = 0; i < 10 * CHUNK / piece.length; i++) {
                    out.write(piece);
                }
            } finally {
                out.close(); // ends the file's thread; throws the failure if the writes did not
            }
        });
        assertTrue(e.getMessage().contains(name), e.getMessage());
        assertTrue(e.getMessage().contains(thrown.getMessage()), e.getMessage());
        assertFalse(reported.get() != null, "no digests for a file that could not be written");
        return out;
    }
}
