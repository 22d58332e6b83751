package org.chancery.export;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.UUID;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes raw payloads as a WARC 1.1 file (ISO 28500:2017): a warcinfo record, then per record a {@code resource}
 * record holding the exact payload bytes and a {@code metadata} record (concurrent to it) naming the tweet, digest
 * and log entry. Gzipped, each WARC record is its own gzip member, as WARC readers (jwarc, warcio) expect.
 *
 * <p>Written here rather than through jwarc's writer, whose per-record builders cost more than the rest of an
 * export's work per record; tests read the file back with jwarc. A gzip member costs about 5 to 15 µs even at
 * {@link Deflater#BEST_SPEED} (zlib clears its 64 KB hash table for each), which is why a bag's WARC, two members
 * per record beside raw payloads that are stored uncompressed anyway, is written uncompressed.
 */
final class WarcRecords implements AutoCloseable {
    private static final byte[] GZIP_HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
    private static final byte[] END = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final String TARGET = "https://twitter.com/i/web/status/";

    private final OutputStream out;
    private final boolean gzip;
    private final Deflater deflater = new Deflater(Deflater.BEST_SPEED, true);
    private final CRC32 crc = new CRC32();
    private byte[] member = new byte[1 << 16];
    private int length;
    private long inputBytes;
    private boolean closed;
    private final UUID firstId = UUID.randomUUID();
    /** Ids handed out so far; below 2^62, so the variant bits of the UUID stay as they are. */
    private long issued;

    /**
     * @param out  where the WARC file goes; closed with this writer
     * @param gzip whether each record is written as a gzip member ({@code .warc.gz}) or as is ({@code .warc})
     */
    WarcRecords(OutputStream out, boolean gzip, Instant exportedAt, String description) throws IOException {
        this.out = out;
        this.gzip = gzip;
        String fields = "software: Chancery export\r\n"
                + "format: WARC File Format 1.1\r\n"
                + "description: " + description.replace('\n', ' ').replace('\r', ' ') + "\r\n";
        byte[] body = fields.getBytes(StandardCharsets.UTF_8);
        write(headers("warcinfo", nextId(), exportedAt, null, null, "application/warc-fields", null,
                body.length), body);
    }

    /**
     * The next record id: a random version 4 UUID drawn once per file, with a counter folded into its low bits, so
     * the ids of a file are distinct by construction and as unlikely to meet another file's as random ones, at no
     * call into the system's random source per record (two records per tweet made that a visible cost).
     */
    private UUID nextId() {
        return new UUID(firstId.getMostSignificantBits(), firstId.getLeastSignificantBits() ^ issued++);
    }

    /** The target URI of a tweet's records. */
    static String target(String tweetId) {
        return TARGET + tweetId;
    }

    void add(ExportedRecord r) throws IOException {
        Instant captured = r.tweet().provenance().capturedAt();
        String target = target(r.tweet().id());
        UUID resource = nextId();
        String digest = "sha256:" + base32(HexFormat.of().parseHex(r.sha256()));
        write(headers("resource", resource, captured, target, null, "application/json", digest, r.raw().length),
                r.raw());
        String fields = "tweet-id: " + r.tweet().id() + "\r\n"
                + "payload-sha256: " + r.sha256() + "\r\n"
                + "source-format: " + r.tweet().provenance().format() + "\r\n"
                + "ledger-leaf-index: " + r.leafIndex() + "\r\n"
                + "ledger-tree-size: " + r.proof().treeSize() + "\r\n";
        byte[] body = fields.getBytes(StandardCharsets.UTF_8);
        write(headers("metadata", nextId(), captured, target, resource, "application/warc-fields", null,
                body.length), body);
    }

    private static byte[] headers(String type, UUID id, Instant date, String target, UUID concurrentTo,
            String contentType, String blockDigest, long contentLength) {
        StringBuilder h = new StringBuilder(400);
        h.append("WARC/1.1\r\nWARC-Type: ").append(type)
                .append("\r\nWARC-Record-ID: <urn:uuid:").append(id).append(">\r\nWARC-Date: ")
                .append(date.truncatedTo(ChronoUnit.SECONDS)).append("\r\n");
        if (target != null) {
            h.append("WARC-Target-URI: ").append(target).append("\r\n");
        }
        if (concurrentTo != null) {
            h.append("WARC-Concurrent-To: <urn:uuid:").append(concurrentTo).append(">\r\n");
        }
        h.append("Content-Type: ").append(contentType).append("\r\n");
        if (blockDigest != null) {
            h.append("WARC-Block-Digest: ").append(blockDigest).append("\r\n");
        }
        h.append("Content-Length: ").append(contentLength).append("\r\n\r\n");
        return h.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** One WARC record: headers, block, the two closing CRLFs; as one gzip member if gzipped. */
    private void write(byte[] headers, byte[] block) throws IOException {
        if (!gzip) {
            out.write(headers);
            out.write(block);
            out.write(END);
            return;
        }
        deflater.reset();
        crc.reset();
        length = 0;
        inputBytes = 0;
        append(GZIP_HEADER, GZIP_HEADER.length);
        deflate(headers);
        deflate(block);
        deflate(END);
        deflater.finish();
        while (!deflater.finished()) {
            drain();
        }
        long c = crc.getValue();
        byte[] trailer = {(byte) c, (byte) (c >>> 8), (byte) (c >>> 16), (byte) (c >>> 24), (byte) inputBytes,
                (byte) (inputBytes >>> 8), (byte) (inputBytes >>> 16), (byte) (inputBytes >>> 24)};
        append(trailer, trailer.length);
        out.write(member, 0, length);
    }

    private void deflate(byte[] input) {
        crc.update(input);
        inputBytes += input.length;
        deflater.setInput(input);
        while (!deflater.needsInput()) {
            drain();
        }
    }

    private void drain() {
        if (member.length - length < 1 << 12) {
            member = java.util.Arrays.copyOf(member, member.length * 2);
        }
        length += deflater.deflate(member, length, member.length - length);
    }

    private void append(byte[] bytes, int n) {
        if (member.length - length < n) {
            member = java.util.Arrays.copyOf(member, Math.max(member.length * 2, length + n));
        }
        System.arraycopy(bytes, 0, member, length, n);
        length += n;
    }

    /** RFC 4648 base32 with padding, as WARC tools write SHA digests. */
    static String base32(byte[] bytes) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        StringBuilder s = new StringBuilder((bytes.length + 4) / 5 * 8);
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = buffer << 8 | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                s.append(alphabet.charAt((buffer >>> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) {
            s.append(alphabet.charAt((buffer << (5 - bits)) & 31));
        }
        while (s.length() % 8 != 0) {
            s.append('=');
        }
        return s.toString();
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        deflater.end();
        out.close();
    }
}
