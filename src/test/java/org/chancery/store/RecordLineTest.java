package org.chancery.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordLineTest {
    private static final String SHA_A = "5b98c457877b4bc7bb893bbc86710ae536162643fbd18aaa9b95571abc448db8";
    private static final String SHA_B = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static final byte[] TWEET = "{\"id\":\"1763606829331383414\",\"text\":\"a \\\"quoted\\\" é\"}"
            .getBytes(StandardCharsets.UTF_8);
    private final ObjectMapper json = new ObjectMapper();

    private static byte[] line(String producer, List<RecordLine.Slice> context, Instant captured) {
        byte[] withNewline = RecordLine.encode("1763606829331383414", captured,
                Instant.parse("2026-12-01T22:54:05.586064313Z"), producer,
                new RecordLine.Slice("raw/v1.bin", 0, 402, SHA_A), context, TWEET);
        return java.util.Arrays.copyOf(withNewline, withNewline.length - 1);
    }

    private static List<byte[]> writtenLines() {
        RecordLine.Slice c1 = new RecordLine.Slice("raw/v1.bin", 402, 120, SHA_B);
        RecordLine.Slice c2 = new RecordLine.Slice("raw/v1.bin", 522, 9_000_000_000L, SHA_A);
        return List.of(
                line("bench import 2024-03-01.json", List.of(), Instant.parse("2026-12-01T22:54:04.564941906Z")),
                line("capture run 7", List.of(c1), Instant.parse("2017-07-10T14:58:16Z")),
                line("import", List.of(c1, c2), Instant.parse("2017-07-10T14:58:16.120Z")),
                line("importer \"quoted\" é", List.of(c1), Instant.parse("2017-07-10T14:58:16.000120Z")));
    }

    @Test
    void readsWhatTheWriterWritesAsAJsonParserReadsIt() throws Exception {
        for (byte[] bytes : writtenLines()) {
            byte[] padded = new byte[bytes.length + 10];
            System.arraycopy(bytes, 0, padded, 5, bytes.length);
            RecordLine line = RecordLine.parse(padded, 5, bytes.length);
            JsonNode tree = json.readTree(bytes);
            assertEquals(tree.get("tweetId").asText(), line.tweetId());
            assertEquals(Instant.parse(tree.get("capturedAt").asText()), line.capturedAt());
            assertEquals(Instant.parse(tree.get("archivedAt").asText()), line.archivedAt());
            assertEquals(tree.get("producer").asText(), line.producer());
            assertSlice(tree.get("raw"), line.raw());
            assertEquals(tree.get("context").size(), line.context().size());
            for (int i = 0; i < line.context().size(); i++) {
                assertSlice(tree.get("context").get(i), line.context().get(i));
            }
            String tweet = new String(bytes, line.tweetStart(), line.tweetEnd() - line.tweetStart(),
                    StandardCharsets.UTF_8);
            assertEquals(tree.get("tweet"), json.readTree(tweet));
            RecordLine located = RecordLine.locate(bytes, 0, bytes.length);
            assertEquals(line.raw(), located.raw());
            assertEquals(null, located.capturedAt());
        }
    }

    private static void assertSlice(JsonNode expected, RecordLine.Slice actual) {
        assertEquals(expected.get("path").asText(), actual.path());
        assertEquals(expected.get("offset").asLong(), actual.offset());
        assertEquals(expected.get("length").asLong(), actual.length());
        assertEquals(expected.get("sha256").asText(), actual.sha256());
    }

    @Test
    void otherSpellingsOfTheSameLineReadTheSame() {
        String written = new String(writtenLines().get(1), StandardCharsets.UTF_8);
        RecordLine expected = RecordLine.parse(writtenLines().get(1), 0, writtenLines().get(1).length);
        for (String other : List.of(written.replace(",", ", "),
                written.replace("2017-07-10T14:58:16Z", "2017-07-10T14:58:16.000Z"),
                written.replace("\"producer\":\"capture run 7\",", "").replace("{\"tweetId\"",
                        "{\"producer\":\"capture run 7\",\"tweetId\""),
                written.replace("capture run 7", "capture\\u0020run 7"))) {
            byte[] bytes = other.getBytes(StandardCharsets.UTF_8);
            RecordLine read = RecordLine.parse(bytes, 0, bytes.length);
            assertEquals(new RecordLine(expected.tweetId(), expected.capturedAt(), expected.archivedAt(),
                    expected.producer(), expected.raw(), expected.context(), read.tweetStart(), read.tweetEnd()), read,
                    other);
            assertEquals(other.substring(other.indexOf("\"tweet\":") + 8, other.length() - 1),
                    new String(bytes, read.tweetStart(), read.tweetEnd() - read.tweetStart(), StandardCharsets.UTF_8));
        }
        for (String bad : List.of(written.replace("\"offset\":402", "\"offset\":0402"),
                written.replace("\"offset\":402", "\"offset\":-402"), written.replace("16Z", "16"),
                written.substring(0, written.indexOf(",\"tweet\"")) + "}", written + " ")) {
            byte[] bytes = bad.getBytes(StandardCharsets.UTF_8);
            assertThrows(IllegalArgumentException.class, () -> RecordLine.parse(bytes, 0, bytes.length), bad);
        }
    }

    /**
     * Every single-byte change, deletion and insertion up to the start of the tweet: the byte-level reading must
     * give what the JSON parser gives (the same line, or a refusal), with and without the times.
     */
    @Test
    void theFastReadingAgreesWithTheJsonReadingOnEveryDamagedLine() {
        byte[] replacements = {'"', '\\', ' ', '0', '9', 'a', 'Z', '.', ',', '{', ']', 0x00, 0x7f, (byte) 0xc3};
        int accepted = 0;
        for (byte[] line : List.of(writtenLines().get(0), writtenLines().get(2))) {
            int tweetStart = RecordLine.parse(line, 0, line.length).tweetStart();
            for (int i = 0; i <= tweetStart + 1; i++) {
                List<byte[]> variants = new ArrayList<>();
                for (byte r : replacements) {
                    if (line[i] != r) {
                        byte[] changed = line.clone();
                        changed[i] = r;
                        variants.add(changed);
                    }
                    byte[] inserted = new byte[line.length + 1];
                    System.arraycopy(line, 0, inserted, 0, i);
                    inserted[i] = r;
                    System.arraycopy(line, i, inserted, i + 1, line.length - i);
                    variants.add(inserted);
                }
                byte[] deleted = new byte[line.length - 1];
                System.arraycopy(line, 0, deleted, 0, i);
                System.arraycopy(line, i + 1, deleted, i, line.length - i - 1);
                variants.add(deleted);
                for (byte[] v : variants) {
                    for (boolean times : new boolean[] {true, false}) {
                        RecordLine fast = outcome(v, times, true);
                        assertEquals(outcome(v, times, false), fast, () -> new String(v, StandardCharsets.UTF_8));
                        accepted += fast == null ? 0 : 1;
                    }
                }
            }
        }
        assertTrue(accepted > 100, "changed digits and letters leave valid lines: " + accepted);
    }

    private static RecordLine outcome(byte[] bytes, boolean times, boolean fast) {
        try {
            return fast ? (times ? RecordLine.parse(bytes, 0, bytes.length) : RecordLine.locate(bytes, 0, bytes.length))
                    : RecordLine.parseJson(bytes, 0, bytes.length, times);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
