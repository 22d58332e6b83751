package org.chancery.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.chancery.ledger.Hash;
import org.chancery.ledger.InclusionProof;
import org.chancery.record.Author;
import org.chancery.record.Provenance;
import org.chancery.record.RawPayload;
import org.chancery.record.SourceFormat;
import org.chancery.record.Tweet;
import org.junit.jupiter.api.Test;

/**
 * Proof lines written without Jackson's generator are byte for byte what the generator writes (quotes and
 * backslashes in entries, non-ASCII and control characters, empty and long proofs), and carry the right leaf hash.
 */
class ProofLinesTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void linesEqualTheGeneratorsForPlainAndEscapedEntries() throws IOException {
        List<ExportedRecord> records = List.of(
                record("1", "{\"type\":\"tweet-version\",\"tweet\":\"1\",\"path\":\"raw/v1.bin#0+3\"}", 0, 1),
                record("881", "{\"a\":\"back\\\\slash \\\"quoted\\\" /slash\"}", 5, 6),
                record("9007199254740993", "{\"note\":\"caf\u00e9 \ud83d\ude00 \u2028\"}", 6, 1_000_000),
                record("42", "{\"control\":\"tab\there\u0001\u007f\"}", 0, 1),
                record("43", "{\"lone\":\"\ud800\"}", 2, 3),
                record("7", "", 123_456_789L, 123_456_790L));
        for (ExportedRecord r : records) {
            ProofJson.RawSlice slice = new ProofJson.RawSlice("data/raw/payloads-000001.bin", 1_234_567_890_123L,
                    r.raw().length);
            ByteArrayOutputStream ours = new ByteArrayOutputStream();
            new ProofLines(ours).write(r, slice);
            assertEquals(new String(generated(r, slice), StandardCharsets.UTF_8),
                    new String(ours.toByteArray(), StandardCharsets.UTF_8), "line of tweet " + r.tweet().id());
            assertArrayEquals(generated(r, slice), ours.toByteArray(), "bytes of tweet " + r.tweet().id());
        }
    }

    @Test
    void consecutiveLinesCarryEachEntrysLeafHashAndProof() throws Exception {
        List<ExportedRecord> records = List.of(record("11", "{\"x\":\"first\"}", 3, 17),
                record("12", "{\"x\":\"second \\\"entry\\\"\"}", 16, 17), record("13", "{}", 0, 1));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ProofLines lines = new ProofLines(out);
        for (ExportedRecord r : records) {
            lines.write(r, new ProofJson.RawSlice("data/raw/payloads-000002.bin", 0, r.raw().length));
        }
        String[] written = out.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(records.size(), written.length);
        for (int i = 0; i < written.length; i++) {
            JsonNode line = json.readTree(written[i]);
            ExportedRecord r = records.get(i);
            assertEquals(r.entry(), line.path("entry").asText());
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((byte) 0);
            byte[] leaf = sha.digest(r.entry().getBytes(StandardCharsets.UTF_8));
            assertEquals(Base64.getEncoder().encodeToString(leaf), line.path("leafHash").asText());
            assertEquals(r.proof().path().size(), line.path("inclusionProof").size());
            for (int k = 0; k < r.proof().path().size(); k++) {
                assertEquals(Base64.getEncoder().encodeToString(r.proof().path().get(k).bytes()),
                        line.path("inclusionProof").get(k).asText());
            }
            assertEquals(r.leafIndex(), line.path("leafIndex").asLong());
        }
    }

    /** The line as the earlier writer made it: Jackson's generator, one root value per line. */
    private byte[] generated(ExportedRecord r, ProofJson.RawSlice slice) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = json.getFactory().createGenerator(out)) {
            g.setRootValueSeparator(null);
            ProofJson.write(g, r, slice, r.leafHash());
        }
        return out.toByteArray();
    }

    private static ExportedRecord record(String id, String entry, long leafIndex, long treeSize) {
        byte[] raw = ("{\"id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8);
        Tweet tweet = Tweet.builder().id(id).author(new Author("12", "someone", "Some One"))
                .createdAt(Instant.parse("2017-07-10T14:58:16Z")).text("text")
                .provenance(new Provenance(SourceFormat.CONGRESSTWEETS, "fixture", null,
                        Instant.parse("2017-07-11T04:00:00Z"), "test"))
                .build();
        return new ExportedRecord(tweet, raw, raw, RawPayload.of(raw).sha256(), leafIndex, entry,
                new InclusionProof(leafIndex, treeSize, path(leafIndex, treeSize)));
    }

    /** As many distinct hashes as an RFC 9162 proof of that leaf in that tree has. */
    private static List<Hash> path(long leafIndex, long treeSize) {
        List<Hash> path = new ArrayList<>();
        long index = leafIndex;
        long size = treeSize;
        while (size > 1) {
            if ((index ^ 1) < size || index % 2 == 1) {
                path.add(new Hash(sha256(("node " + index + " " + size).getBytes(StandardCharsets.UTF_8))));
            }
            index /= 2;
            size = (size + 1) / 2;
        }
        return path;
    }

    private static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
