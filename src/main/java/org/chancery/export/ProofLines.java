package org.chancery.export;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import org.chancery.ledger.Hash;

/**
 * Writes the lines of {@code proofs/inclusion.jsonl} ({@link ProofJson}) byte for byte as Jackson's generator writes
 * them, but without it: a line is mostly the log entry as an escaped string and base64 hashes, which a generator
 * writes a character at a time through its escaping tables, and at a million records that was a tenth of an
 * export's work. Strings that are printable ASCII (log entries, ids, paths, hex and base64 always are) are written
 * here, escaping only {@code "} and {@code \}, exactly as Jackson escapes them; a line with any other character
 * goes through Jackson, so the output never depends on which path wrote it. Also computes each record's leaf hash,
 * SHA-256(0x00 || entry), with one digest for the whole file.
 */
final class ProofLines {
    private static final byte[] TWEET_ID = ascii("{\"tweetId\":\"");
    private static final byte[] RAW = ascii("\",\"raw\":\"");
    private static final byte[] RAW_OFFSET = ascii("\",\"rawOffset\":");
    private static final byte[] RAW_LENGTH = ascii(",\"rawLength\":");
    private static final byte[] RAW_SHA256 = ascii(",\"rawSha256\":\"");
    private static final byte[] LEAF_INDEX = ascii("\",\"leafIndex\":");
    private static final byte[] TREE_SIZE = ascii(",\"treeSize\":");
    private static final byte[] ENTRY = ascii(",\"entry\":\"");
    private static final byte[] LEAF_HASH = ascii("\",\"leafHash\":\"");
    private static final byte[] INCLUSION_PROOF = ascii("\",\"inclusionProof\":[");
    private static final byte[] END = ascii("]}\n");
    /** Standard base64 of 32 bytes, padded. */
    private static final int BASE64_HASH = 44;
    private static final byte[] BASE64 = ascii("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/");

    private final OutputStream out;
    private final MessageDigest leafDigest = HashingOutputStream.digest("SHA-256");
    private final JsonFactory json = new JsonFactory();
    private byte[] line = new byte[4096];
    private int length;

    ProofLines(OutputStream out) {
        this.out = out;
    }

    /** Writes record {@code r}'s line, its payload being at {@code raw} in the bag. */
    void write(ExportedRecord r, ProofJson.RawSlice raw) throws IOException {
        byte[] entry = r.entry().getBytes(StandardCharsets.UTF_8);
        leafDigest.update((byte) 0);
        leafDigest.update(entry);
        byte[] leafHash = leafDigest.digest();
        String id = r.tweet().id();
        if (!printableAscii(r.entry()) || !printableAscii(id) || !printableAscii(raw.path())
                || !printableAscii(r.sha256())) {
            out.write(withJackson(r, raw, leafHash));
            return;
        }
        length = 0;
        append(TWEET_ID);
        appendEscaped(id);
        append(RAW);
        appendEscaped(raw.path());
        append(RAW_OFFSET);
        appendNumber(raw.offset());
        append(RAW_LENGTH);
        appendNumber(raw.length());
        append(RAW_SHA256);
        appendEscaped(r.sha256());
        append(LEAF_INDEX);
        appendNumber(r.leafIndex());
        append(TREE_SIZE);
        appendNumber(r.proof().treeSize());
        append(ENTRY);
        appendEscaped(entry);
        append(LEAF_HASH);
        appendBase64(leafHash);
        append(INCLUSION_PROOF);
        boolean first = true;
        for (Hash h : r.proof().path()) {
            room(BASE64_HASH + 3);
            if (!first) {
                line[length++] = ',';
            }
            first = false;
            line[length++] = '"';
            appendBase64(h.bytes());
            line[length++] = '"';
        }
        append(END);
        out.write(line, 0, length);
    }

    /** The line as Jackson's generator writes it: for lines with characters this class does not escape itself. */
    private byte[] withJackson(ExportedRecord r, ProofJson.RawSlice raw, byte[] leafHash) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
        try (JsonGenerator g = json.createGenerator(bytes)) {
            ProofJson.write(g, r, raw, new Hash(leafHash));
        }
        return bytes.toByteArray();
    }

    /** Whether every character is printable ASCII (0x20 to 0x7e), which Jackson writes as is but for {@code "} and {@code \}. */
    static boolean printableAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    private void appendEscaped(byte[] s) {
        room(2 * s.length);
        for (byte b : s) {
            if (b == '"' || b == '\\') {
                line[length++] = '\\';
            }
            line[length++] = b;
        }
    }

    private void appendEscaped(String s) {
        room(2 * s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                line[length++] = '\\';
            }
            line[length++] = (byte) c;
        }
    }

    /** A non-negative number in decimal, as Jackson writes it. */
    private void appendNumber(long v) {
        if (v < 0) {
            append(ascii(Long.toString(v))); // never in a proof line; kept exact all the same
            return;
        }
        int digits = 1;
        for (long t = v; t >= 10; t /= 10) {
            digits++;
        }
        room(digits);
        for (int i = length + digits - 1; i >= length; i--) {
            line[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        length += digits;
    }

    /** Standard padded base64 (RFC 4648 §4), as {@link Hash#base64()} writes it, straight into the line. */
    private void appendBase64(byte[] bytes) {
        room((bytes.length + 2) / 3 * 4);
        int i = 0;
        for (; i + 3 <= bytes.length; i += 3) {
            int v = (bytes[i] & 0xff) << 16 | (bytes[i + 1] & 0xff) << 8 | (bytes[i + 2] & 0xff);
            line[length++] = BASE64[v >>> 18];
            line[length++] = BASE64[v >>> 12 & 63];
            line[length++] = BASE64[v >>> 6 & 63];
            line[length++] = BASE64[v & 63];
        }
        int rest = bytes.length - i;
        if (rest > 0) {
            int v = (bytes[i] & 0xff) << 16 | (rest == 2 ? (bytes[i + 1] & 0xff) << 8 : 0);
            line[length++] = BASE64[v >>> 18];
            line[length++] = BASE64[v >>> 12 & 63];
            line[length++] = rest == 2 ? BASE64[v >>> 6 & 63] : (byte) '=';
            line[length++] = '=';
        }
    }

    private void append(byte[] bytes) {
        room(bytes.length);
        System.arraycopy(bytes, 0, line, length, bytes.length);
        length += bytes.length;
    }

    private void room(int n) {
        if (line.length - length < n) {
            line = Arrays.copyOf(line, Math.max(2 * line.length, length + n));
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
