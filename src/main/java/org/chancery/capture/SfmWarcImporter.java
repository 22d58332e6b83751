package org.chancery.capture;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import org.chancery.record.SourceFormat;
import org.netpreserve.jwarc.HttpResponse;
import org.netpreserve.jwarc.ParsingException;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.Warcinfo;

/**
 * Imports the tweets of Social Feed Manager harvests: WARC files (plain or gzip) whose {@code response}
 * records hold X/Twitter API HTTP responses. Each successful (2xx) response to an API URL has its body
 * de-chunked and decompressed (Content-Encoding gzip, deflate, br), classified by {@link ApiPayloadClassifier}
 * and handed to {@link ApiV2Reader} or {@link ApiV1Reader}. A body with several JSON lines (a streaming
 * response) is read line by line.
 *
 * <p>Skipped without a trace, because they hold no tweets: warcinfo, request and metadata records; responses
 * to other URLs; error responses; responses whose JSON holds users, counts, or nothing ({@code result_count}
 * 0); v1.1 streaming notices. Rejected: bodies that cannot be decoded, that are not JSON, or that are too large.
 *
 * <p>Provenance: capture instant = the record's WARC-Date; tool = "Social Feed Manager", with the
 * {@code software} field of the latest warcinfo record in parentheses when there is one; locator =
 * "WARC record &lt;WARC-Record-ID&gt; (&lt;target URI&gt;)", then the reader's part (", data[3]",
 * ", statuses[3]", ", [3]"), with ", line N" before it for line-delimited bodies.
 */
public final class SfmWarcImporter implements Importer {
    public static final int DEFAULT_MAX_BODY_BYTES = 256 * 1024 * 1024;

    private static final Set<String> API_HOSTS = Set.of("api.twitter.com", "api.x.com", "stream.twitter.com",
            "userstream.twitter.com", "sitestream.twitter.com");

    private final Clock clock;
    private final int maxBodyBytes;
    private final JsonFileFeeder lines;
    private final JsonPayloads json = new JsonPayloads();
    private final ApiPayloadClassifier classifier = new ApiPayloadClassifier();
    private final ApiV2Reader v2 = new ApiV2Reader();
    private final ApiV1Reader v1 = new ApiV1Reader();

    public SfmWarcImporter(Clock clock) {
        this(clock, DEFAULT_MAX_BODY_BYTES, LineReader.DEFAULT_MAX_LINE_BYTES);
    }

    /**
     * @param clock        the import instant, used only for a record without WARC-Date
     * @param maxBodyBytes largest decoded HTTP body read; larger ones are rejected
     * @param maxLineBytes longest line of a line-delimited body; longer lines are rejected
     */
    public SfmWarcImporter(Clock clock, int maxBodyBytes, int maxLineBytes) {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maximum body size must be at least 1 byte, got " + maxBodyBytes);
        }
        this.maxBodyBytes = maxBodyBytes;
        this.lines = new JsonFileFeeder(maxLineBytes);
    }

    @Override
    public SourceFormat format() {
        return SourceFormat.SFM_WARC;
    }

    @Override
    public void read(Path path, String display, CaptureSink sink) throws IOException {
        String tool = "Social Feed Manager";
        try (WarcReader reader = new WarcReader(path)) {
            for (WarcRecord record = next(reader, display, sink); record != null; record = next(reader, display, sink)) {
                if (record instanceof Warcinfo info) {
                    tool = info.fields().first("software").map(s -> "Social Feed Manager (" + s + ")").orElse("Social Feed Manager");
                } else if (record instanceof WarcResponse response && isApiUri(response.target())) {
                    readResponse(response, display, tool, sink);
                }
            }
        }
    }

    /** The next record, or null at the end or where the WARC itself is corrupt (reported once). */
    private static WarcRecord next(WarcReader reader, String display, CaptureSink sink) throws IOException {
        long position = reader.position();
        try {
            return reader.next().orElse(null);
        } catch (ParsingException e) {
            sink.reject(new Rejection(display, "WARC record at byte " + position, "(warc)",
                    "is not a valid WARC record: " + e.getMessage() + "; the rest of the file was not read"));
            return null;
        } catch (java.io.EOFException e) {
            // A WARC cut off mid-record (an interrupted harvest): the records before it stand.
            sink.reject(new Rejection(display, "WARC record at byte " + position, "(warc)",
                    "is cut off before its end; the rest of the file was not read"));
            return null;
        }
    }

    static boolean isApiUri(String target) {
        try {
            URI uri = URI.create(target);
            String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
            String p = uri.getPath() == null ? "" : uri.getPath();
            return API_HOSTS.contains(host) && (p.startsWith("/1.1/") || p.startsWith("/2/"));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private void readResponse(WarcResponse response, String display, String tool, CaptureSink sink) throws IOException {
        Instant when = response.date() != null ? response.date() : clock.instant();
        Origin origin = new Origin(SourceFormat.SFM_WARC, display,
                "WARC record " + response.id() + " (" + response.target() + ")", when, tool);
        byte[] body;
        try {
            HttpResponse http = response.http();
            if (http.status() < 200 || http.status() > 299) {
                return;
            }
            body = decodedBody(http);
        } catch (IOException e) {
            sink.reject(origin.reject("(http)", "could not be read or decoded: " + e.getMessage()));
            return;
        }
        if (body == null) {
            sink.reject(origin.reject("(http)", "has a body larger than the limit of " + maxBodyBytes + " bytes (decoded); skipped"));
            return;
        }
        if (lines.isLineDelimited(new ByteArrayInputStream(body)) && hasSeveralLines(body)) {
            lines.feedLines(new ByteArrayInputStream(body), origin, this::dispatch, sink);
        } else {
            dispatch(body, 0, body.length, origin, sink);
        }
    }

    /**
     * The body with chunked transfer coding removed (by jwarc) and gzip or deflate content coding undone, or
     * null when it exceeds the limit. Some SFM harvests stored bodies already decoded while keeping
     * "Content-Encoding: gzip"; a body without the gzip magic number is therefore taken as it stands.
     */
    private byte[] decodedBody(HttpResponse http) throws IOException {
        byte[] raw;
        try (InputStream in = http.body().stream()) {
            raw = in.readNBytes(maxBodyBytes + 1);
        }
        if (raw.length > maxBodyBytes) {
            return null;
        }
        List<String> codings = http.headers().all("Content-Encoding");
        String coding = codings.isEmpty() ? "identity" : codings.get(codings.size() - 1).strip().toLowerCase(Locale.ROOT);
        InputStream decoder = switch (coding) {
            case "identity", "none", "" -> null;
            case "gzip", "x-gzip" -> raw.length >= 2 && (raw[0] & 0xff) == 0x1f && (raw[1] & 0xff) == 0x8b
                    ? new GZIPInputStream(new ByteArrayInputStream(raw)) : null;
            case "deflate" -> new InflaterInputStream(new ByteArrayInputStream(raw));
            default -> throw new IOException("Content-Encoding \"" + coding + "\" is not supported (only gzip and deflate are)");
        };
        if (codings.size() > 1) {
            throw new IOException("several Content-Encodings " + codings + " are not supported");
        }
        if (decoder == null) {
            return raw;
        }
        try (InputStream in = decoder) {
            byte[] decoded = in.readNBytes(maxBodyBytes + 1);
            return decoded.length > maxBodyBytes ? null : decoded;
        }
    }

    /** Hands one JSON payload to the reader of its kind; payloads that hold no tweets are dropped. */
    private void dispatch(byte[] bytes, int offset, int length, Origin origin, CaptureSink sink) {
        JsonNode root;
        switch (json.root(bytes, offset, length, origin)) {
            case JsonPayloads.Broken b -> {
                sink.reject(b.rejection());
                return;
            }
            case JsonPayloads.Root r -> root = r.slice().node();
        }
        switch (classifier.classify(root)) {
            case V2_TWEET_RESPONSE, V2_TWEET -> v2.read(bytes, offset, length, origin, sink);
            case V1_STATUS, V1_STATUSES, V1_SEARCH_RESPONSE, ACTIVITY_STREAMS -> v1.read(bytes, offset, length, origin, sink);
            case V2_EMPTY_RESPONSE, V2_OTHER_RESPONSE, V1_USERS, V1_STREAM_NOTICE, COMPLIANCE_RECORD -> { }
            case UNKNOWN -> sink.reject(origin.reject("(payload)", "holds no X API tweets: looks like " + classifier.describe(root)));
        }
    }

    private static boolean hasSeveralLines(byte[] body) {
        int nonBlankLines = 0;
        boolean content = false;
        for (byte b : body) {
            if (b == '\n') {
                nonBlankLines += content ? 1 : 0;
                content = false;
            } else if (b != ' ' && b != '\r' && b != '\t') {
                content = true;
            }
        }
        return nonBlankLines + (content ? 1 : 0) > 1;
    }
}
