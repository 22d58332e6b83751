package org.chancery.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * One acknowledged capture as the journal holds it until it is committed to OCFL: everything the records line
 * and the raw file will need, so that committing never has to re-encode the tweet.
 *
 * @param tweetId     the tweet id
 * @param objectId    the OCFL object it belongs to
 * @param archivedAt  when {@code put} accepted it (the archive's clock)
 * @param capturedAt  the capture instant from the tweet's provenance
 * @param producer    the batch's producer
 * @param tweetJson   the tweet as {@link org.chancery.record.TweetJson} wrote it
 * @param raw         the raw payload bytes
 * @param rawSha256   their SHA-256, lower-case hex
 * @param context     the context payloads' bytes
 * @param contextSha256 their SHA-256s
 */
record JournalEntry(String tweetId, String objectId, Instant archivedAt, Instant capturedAt, String producer,
        byte[] tweetJson, byte[] raw, String rawSha256, List<byte[]> context, List<String> contextSha256) {

    JournalEntry {
        Objects.requireNonNull(tweetId, "tweetId");
        Objects.requireNonNull(objectId, "objectId");
        context = List.copyOf(context);
        contextSha256 = List.copyOf(contextSha256);
    }

    byte[] encode() {
        byte[] id = utf8(tweetId);
        byte[] obj = utf8(objectId);
        byte[] prod = utf8(producer);
        int size = 1 + 4 + id.length + 4 + obj.length + 12 + 12 + 4 + prod.length + 4 + tweetJson.length
                + 4 + raw.length + 32 + 4;
        for (byte[] c : context) {
            size += 4 + c.length + 32;
        }
        ByteBuffer b = ByteBuffer.allocate(size);
        b.put((byte) 1);
        putBytes(b, id);
        putBytes(b, obj);
        b.putLong(archivedAt.getEpochSecond()).putInt(archivedAt.getNano());
        b.putLong(capturedAt.getEpochSecond()).putInt(capturedAt.getNano());
        putBytes(b, prod);
        putBytes(b, tweetJson);
        putBytes(b, raw);
        b.put(HexFormat.of().parseHex(rawSha256));
        b.putInt(context.size());
        for (int i = 0; i < context.size(); i++) {
            putBytes(b, context.get(i));
            b.put(HexFormat.of().parseHex(contextSha256.get(i)));
        }
        return b.array();
    }

    static JournalEntry decode(byte[] bytes, int offset, int length) {
        ByteBuffer b = ByteBuffer.wrap(bytes, offset, length);
        byte format = b.get();
        if (format != 1) {
            throw new IllegalArgumentException("unknown journal entry format " + format);
        }
        String id = new String(getBytes(b), StandardCharsets.UTF_8);
        String obj = new String(getBytes(b), StandardCharsets.UTF_8);
        Instant archived = Instant.ofEpochSecond(b.getLong(), b.getInt());
        Instant captured = Instant.ofEpochSecond(b.getLong(), b.getInt());
        String prod = new String(getBytes(b), StandardCharsets.UTF_8);
        byte[] json = getBytes(b);
        byte[] raw = getBytes(b);
        String rawSha = hex(b);
        int n = b.getInt();
        List<byte[]> ctx = new ArrayList<>(n);
        List<String> ctxSha = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ctx.add(getBytes(b));
            ctxSha.add(hex(b));
        }
        return new JournalEntry(id, obj, archived, captured, prod, json, raw, rawSha, ctx, ctxSha);
    }

    private static String hex(ByteBuffer b) {
        byte[] d = new byte[32];
        b.get(d);
        return HexFormat.of().formatHex(d);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void putBytes(ByteBuffer b, byte[] v) {
        b.putInt(v.length).put(v);
    }

    private static byte[] getBytes(ByteBuffer b) {
        int n = b.getInt();
        if (n < 0 || n > b.remaining()) {
            throw new IllegalArgumentException("journal entry field length " + n + " exceeds the entry");
        }
        byte[] v = new byte[n];
        b.get(v);
        return v;
    }
}
