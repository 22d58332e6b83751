package org.chancery.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.chancery.record.Capture;
import org.chancery.record.SourceFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netpreserve.jwarc.HttpResponse;
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcWriter;
import org.netpreserve.jwarc.Warcinfo;

class SfmWarcImporterTest {
    private static final Instant IMPORT_TIME = Instant.parse("2025-01-02T03:04:05Z");

    @TempDir
    Path tmp;

    private final SfmWarcImporter importer = new SfmWarcImporter(Clock.fixed(IMPORT_TIME, ZoneOffset.UTC));

    /** An API response of the fixture, decoded here with the JDK's own gunzip rather than the importer's path. */
    private record ApiBody(String recordId, String target, Instant date, byte[] body) {}

    private static List<ApiBody> apiBodies(Path warc) throws IOException {
        List<ApiBody> out = new ArrayList<>();
        try (WarcReader reader = new WarcReader(warc)) {
            for (WarcRecord r : reader) {
                if (r instanceof WarcResponse resp && resp.target().startsWith("https://api.twitter.com/")) {
                    HttpResponse http = resp.http();
                    byte[] raw = http.body().stream().readAllBytes();
                    boolean gzip = http.headers().first("Content-Encoding").map(v -> v.equalsIgnoreCase("gzip")).orElse(false);
                    byte[] body = raw;
                    // test_users.warc.gz says gzip but stored its bodies decoded: only gunzip what has the magic number.
                    if (gzip && (raw[0] & 0xff) == 0x1f && (raw[1] & 0xff) == 0x8b) {
                        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(raw))) {
                            body = in.readAllBytes();
                        }
                    }
                    out.add(new ApiBody(resp.id().toString(), resp.target(), resp.date(), body));
                }
            }
        }
        return out;
    }

    private CollectingSink read(Path warc) throws IOException {
        CollectingSink sink = new CollectingSink();
        importer.read(warc, warc.getFileName().toString(), sink);
        return sink;
    }

    /**
     * Reads a fixture and checks every capture against the body of its response record, field by field,
     * in record order. Returns the sink.
     */
    private CollectingSink readAndCheck(String name, int expectedTweets) throws IOException {
        Path warc = Fixtures.path("warc/" + name, tmp);
        CollectingSink sink = read(warc);
        assertEquals(List.of(), sink.rejected);
        assertEquals(expectedTweets, sink.accepted.size(), name);
        int next = 0;
        for (ApiBody b : apiBodies(warc)) {
            JsonNode root = Fixtures.tree(b.body());
            String prefix = "WARC record " + b.recordId() + " (" + b.target() + ")";
            if (root.isArray() && root.size() > 0 && root.get(0).has("screen_name")) {
                continue;
            }
            if (root.isObject() && root.has("statuses") || root.isArray()) {
                JsonNode statuses = root.isArray() ? root : root.get("statuses");
                for (int i = 0; i < statuses.size(); i++) {
                    Capture c = sink.accepted.get(next++);
                    Fixtures.assertExactSlice(b.body(), statuses.get(i), c.raw());
                    V1Expectations.assertMatches(statuses.get(i), c.tweet());
                    assertEquals(prefix + ", " + (root.isArray() ? "" : "statuses") + "[" + i + "]", c.tweet().provenance().locator());
                    assertProvenance(c, b);
                }
            } else if (root.has("data") && root.get("data").isArray() && root.get("data").size() > 0
                    && root.get("data").get(0).has("text")) {
                JsonNode data = root.get("data");
                for (int i = 0; i < data.size(); i++) {
                    Capture c = sink.accepted.get(next++);
                    Fixtures.assertExactSlice(b.body(), data.get(i), c.raw());
                    V2Expectations.forResponse(root).assertMatches(data.get(i), c.tweet(), b.date());
                    assertEquals(prefix + ", data[" + i + "]", c.tweet().provenance().locator());
                    assertProvenance(c, b);
                    for (var ctx : c.context()) {
                        Fixtures.assertExactSlice(b.body(), Fixtures.tree(ctx.bytes()), ctx);
                    }
                }
            }
        }
        assertEquals(expectedTweets, next, "tweets found independently in " + name);
        return sink;
    }

    private static void assertProvenance(Capture c, ApiBody b) {
        assertEquals(SourceFormat.SFM_WARC, c.tweet().provenance().format());
        assertEquals(b.date(), c.tweet().provenance().capturedAt());
        assertTrue(c.tweet().provenance().tool().startsWith("Social Feed Manager"), c.tweet().provenance().tool());
    }

    @Test
    void readsEveryStatusOfFourteenV1SearchResponses() throws IOException {
        CollectingSink sink = readAndCheck("test_1-20151202190229530-00000-29525-GLSS-F0G5RP-8000.warc.gz", 1229);
        assertEquals("Social Feed Manager (warcprox 1.4-20151125125355-cfeaa2b)", sink.accepted.get(0).tweet().provenance().tool());
    }

    @Test
    void readsUserTimelinesAndSkipsTheUsersLookup() throws IOException {
        readAndCheck("0f81e11d83494d73aef11a7ce0058438-20160416155600459-00000-71-66c4024617a3-8000.warc.gz", 244);
    }

    @Test
    void readsAV2RecentSearchWithEditHistory() throws IOException {
        CollectingSink sink = readAndCheck("3f31860b31a34935b5a3c03b97baced8-20230303160142076-00000-lan28ikm.warc.gz", 9);
        assertTrue(sink.accepted.stream().allMatch(c -> !c.tweet().editHistoryIds().isEmpty()));
        assertEquals("Social Feed Manager (warcprox 2.4b4-gwu)", sink.accepted.get(0).tweet().provenance().tool());
    }

    @Test
    void readsV2UserTweetsWithoutAWarcinfoRecord() throws IOException {
        CollectingSink sink = readAndCheck("test_users.warc.gz", 2);
        assertEquals("Social Feed Manager", sink.accepted.get(0).tweet().provenance().tool());
    }

    @Test
    void findsNothingInAnEmptySearchResult() throws IOException {
        readAndCheck("0d306636fa5a449db529726a050eae32-20230303155805784-00000-obwhr8ac.warc.gz", 0);
    }

    @Test
    void decodesChunkedGzipStreamingBodiesLineByLine() throws IOException {
        String status = new String(Fixtures.bytes(Fixtures.path("api-v1.1/3.2_extended_tweet_in_extended_mode.json", tmp)),
                StandardCharsets.UTF_8).strip();
        String stream = status + "\r\n\r\n{\"delete\":{\"status\":{\"id\":1,\"id_str\":\"1\"}}}\r\n{\"broken\": \r\n" + status + "\r\n";
        Path warc = tmp.resolve("stream.warc.gz");
        Instant date = Instant.parse("2017-07-10T15:00:00Z");
        try (WarcWriter writer = new WarcWriter(warc)) {
            writer.write(new Warcinfo.Builder().fields(Map.of("software", List.of("sfm-test 1.0"))).build());
            writer.write(response("https://stream.twitter.com/1.1/statuses/filter.json", 200, chunked(gzip(stream)), true, date));
            writer.write(response("https://api.twitter.com/1.1/statuses/show.json?id=1", 500, status.getBytes(StandardCharsets.UTF_8), false, date));
            writer.write(response("https://example.org/1.1/statuses.json", 200, status.getBytes(StandardCharsets.UTF_8), false, date));
        }
        CollectingSink sink = read(warc);

        assertEquals(2, sink.accepted.size());
        String prefix = "WARC record ";
        assertTrue(sink.accepted.get(0).tweet().provenance().locator().startsWith(prefix));
        assertTrue(sink.accepted.get(0).tweet().provenance().locator().endsWith("(https://stream.twitter.com/1.1/statuses/filter.json), line 1"));
        assertTrue(sink.accepted.get(1).tweet().provenance().locator().endsWith(", line 5"));
        byte[] statusBytes = status.getBytes(StandardCharsets.UTF_8);
        assertEquals(Fixtures.sha256(statusBytes), sink.accepted.get(0).raw().sha256());
        assertEquals(date, sink.accepted.get(0).tweet().provenance().capturedAt());
        assertEquals("Social Feed Manager (sfm-test 1.0)", sink.accepted.get(0).tweet().provenance().tool());
        assertEquals(1, sink.rejected.size());
        assertTrue(sink.rejected.get(0).locator().endsWith(", line 4"), sink.rejected.get(0).locator());
        assertEquals("(json)", sink.rejected.get(0).field());
    }

    private static WarcResponse response(String uri, int status, byte[] body, boolean chunkedGzip, Instant date) throws IOException {
        ByteArrayOutputStream http = new ByteArrayOutputStream();
        String head = "HTTP/1.1 " + status + (status == 200 ? " OK" : " Internal Server Error") + "\r\n"
                + "Content-Type: application/json\r\n"
                + (chunkedGzip ? "Transfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n" : "Content-Length: " + body.length + "\r\n")
                + "\r\n";
        http.write(head.getBytes(StandardCharsets.US_ASCII));
        http.write(body);
        return new WarcResponse.Builder(uri).date(date).body(MediaType.HTTP_RESPONSE, http.toByteArray()).build();
    }

    private static byte[] gzip(String s) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(out)) {
            gz.write(s.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    /** HTTP/1.1 chunked framing with 1000-byte chunks. */
    private static byte[] chunked(byte[] body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < body.length; i += 1000) {
            int n = Math.min(1000, body.length - i);
            out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, i, n);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }
}
