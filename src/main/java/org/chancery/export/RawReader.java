package org.chancery.export;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the raw payload slices a bag's proofs name, and keeps track of which bytes of each raw file they cover:
 * the slices of a file must follow each other from byte 0 to its end, so no byte of a raw file is unaccounted for.
 * Holds one open file and one counter per raw file, whatever the number of records.
 */
final class RawReader implements AutoCloseable {
    /** A payload larger than this is refused rather than read (the log's own limit on an entry is lower). */
    static final int MAX_PAYLOAD = 64 << 20;

    private final Path bag;
    private final Map<String, Long> covered = new LinkedHashMap<>();
    private final MessageDigest sha256 = HashingOutputStream.digest("SHA-256");
    private String openPath;
    private FileChannel open;
    private ByteBuffer buffer = ByteBuffer.allocate(1 << 16);

    RawReader(Path bag) {
        this.bag = bag;
    }

    /** Why a slice could not be checked; the sentence names the slice. */
    static final class SliceException extends Exception {
        private static final long serialVersionUID = 1L;

        SliceException(String message) {
            super(message);
        }
    }

    /**
     * What a slice holds.
     *
     * @param sha256    SHA-256 (hex) of the slice's bytes
     * @param misplaced null, or the sentence saying that the slice does not start where the previous slice of its
     *                  file ended (a gap or an overlap)
     */
    record Read(String sha256, String misplaced) {}

    /**
     * Reads the slice.
     *
     * @throws SliceException when the slice is outside the raw files or cannot be read
     */
    Read read(ProofJson.RawSlice slice) throws SliceException {
        String path = slice.path();
        if (!BagChecker.safe(path) || !path.startsWith("data/raw/") || path.indexOf('/', "data/raw/".length()) >= 0) {
            throw new SliceException("The raw payload is said to be in \"" + path + "\", which is not a file of"
                    + " data/raw/; it is not read.");
        }
        if (slice.length() > MAX_PAYLOAD) {
            throw new SliceException("The raw payload is said to be " + slice.length() + " bytes long, more than "
                    + MAX_PAYLOAD + "; it is not read.");
        }
        try {
            FileChannel ch = channel(path);
            if (buffer.capacity() < slice.length()) {
                buffer = ByteBuffer.allocate(slice.length());
            }
            buffer.clear().limit(slice.length());
            while (buffer.hasRemaining()) {
                if (ch.read(buffer, slice.offset() + buffer.position()) < 0) {
                    throw new SliceException("The raw payload is said to be bytes " + slice.offset() + " to "
                            + (slice.offset() + slice.length()) + " of " + path + ", but the file ends at byte "
                            + ch.size() + ".");
                }
            }
        } catch (IOException e) {
            throw new SliceException("The raw file " + path + " could not be read: " + e.getMessage());
        }
        long expected = covered.getOrDefault(path, 0L);
        covered.put(path, slice.offset() + slice.length());
        sha256.update(buffer.array(), 0, slice.length());
        return new Read(HexFormat.of().formatHex(sha256.digest()), slice.offset() == expected ? null
                : "The raw payload is said to start at byte " + slice.offset() + " of " + path + ", but the previous"
                        + " payload in that file ends at byte " + expected + "; payloads lie back to back in the order"
                        + " of " + ProofJson.INCLUSION_PATH + ".");
    }

    private FileChannel channel(String path) throws IOException {
        if (!path.equals(openPath)) {
            if (open != null) {
                open.close();
                open = null;
            }
            Path file;
            try {
                file = bag.resolve(path);
            } catch (java.nio.file.InvalidPathException e) {
                throw new IOException("it is not a path this system can open (" + e.getReason() + ")");
            }
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException("it is missing or not a regular file");
            }
            open = FileChannel.open(file, StandardOpenOption.READ);
            openPath = path;
        }
        return open;
    }

    /** Where the last slice read of each raw file ended. */
    Map<String, Long> covered() {
        return Map.copyOf(covered);
    }

    @Override
    public void close() throws IOException {
        if (open != null) {
            open.close();
            open = null;
        }
    }
}
