package org.chancery.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.apache.tika.Tika;
import org.chancery.record.Media;
import org.chancery.record.RawPayload;
import org.chancery.record.Tweet;
import org.chancery.store.OcflArchive;

/**
 * Downloads the media of archived tweets, at most {@code maxBytes} each within {@code timeout}, types each file
 * with Tika from its content and keeps it in the tweet's OCFL object ({@link Attachments}). For a video or an
 * animated GIF the source's variants (in the media object the tweet was captured with) are tried from the
 * highest bit rate MP4 down, skipping any larger than the cap; without variants the media's URL (a photo, or a
 * video's preview image) is fetched. Media kept by an earlier run are not fetched again; a failed download is
 * one line in the {@link FailureLog} and is tried again on the next run.
 */
public final class MediaFetcher {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Clock clock;
    private final OcflArchive store;
    private final Attachments attachments;
    private final FailureLog failures;
    private final Downloader downloader;
    private final UnaryOperator<URI> resolve;
    private final long flushBytes;
    private final Tika tika = new Tika();

    /**
     * @param resolve maps a media URL to the one to download from: identity in production; a mirror, or a test
     *                server, otherwise
     */
    public MediaFetcher(Clock clock, OcflArchive store, FailureLog failures, long maxBytes, Duration timeout,
            UnaryOperator<URI> resolve) {
        this(clock, store, failures, maxBytes, timeout, resolve, Attachments.FLUSH_BYTES);
    }

    /** @param flushBytes downloads of one object kept in memory before they are added as a version */
    MediaFetcher(Clock clock, OcflArchive store, FailureLog failures, long maxBytes, Duration timeout,
            UnaryOperator<URI> resolve, long flushBytes) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.store = Objects.requireNonNull(store, "store");
        this.failures = Objects.requireNonNull(failures, "failures");
        this.resolve = Objects.requireNonNull(resolve, "resolve");
        this.attachments = new Attachments(store);
        this.downloader = new Downloader(maxBytes, Objects.requireNonNull(timeout, "timeout"));
        this.flushBytes = flushBytes;
    }

    /**
     * What a fetch did.
     *
     * @param fetched files downloaded and kept
     * @param already media kept by an earlier fetch
     * @param failed  media whose download failed (each recorded in the failure log)
     */
    public record Result(int fetched, int already, int failed) {}

    /**
     * Fetches the media of archived tweets not kept yet; one new OCFL version per object that gained files, or
     * one per {@value Attachments#FLUSH_BYTES} bytes of downloads so that memory stays bounded.
     */
    public Result fetch(List<Tweet> tweets) {
        Map<String, List<Tweet>> byObject = new TreeMap<>();
        for (Tweet t : tweets) {
            if (!t.media().isEmpty()) {
                byObject.computeIfAbsent(OcflArchive.objectIdFor(t), x -> new ArrayList<>()).add(t);
            }
        }
        int fetched = 0;
        int already = 0;
        int failed = 0;
        for (Map.Entry<String, List<Tweet>> e : byObject.entrySet()) {
            Set<String> kept = new HashSet<>();
            for (Attachment a : attachments.list(e.getKey())) {
                if (Attachment.MEDIA.equals(a.kind())) {
                    kept.add(a.tweetId() + " " + a.key());
                }
            }
            PendingFiles fresh = new PendingFiles(attachments, e.getKey(), flushBytes);
            for (Tweet t : e.getValue()) {
                Map<String, JsonNode> sourceMedia = null;
                for (Media m : t.media()) {
                    if (!kept.add(t.id() + " " + m.key())) {
                        already++;
                        continue;
                    }
                    if (sourceMedia == null) {
                        sourceMedia = sourceMedia(t.id());
                    }
                    JsonNode source = sourceMedia.get(m.key());
                    List<Candidate> candidates = candidates(m, source);
                    if (candidates.isEmpty()) {
                        continue;
                    }
                    switch (download(t, m, source, candidates)) {
                        // Two media with the same bytes share one content file; each keeps its metadata line.
                        case Attachments.Kept k -> {
                            fresh.add(k);
                            fetched++;
                        }
                        case Fetch.Problem p -> {
                            failures.failed(t.id(), m.key(), candidates.getFirst().url(), p.reason(), clock.instant());
                            failed++;
                        }
                    }
                }
            }
            fresh.flush();
        }
        return new Result(fetched, already, failed);
    }

    private static boolean sameHost(URI from, URI to) {
        return from.getHost() != null && from.getHost().equalsIgnoreCase(to.getHost())
                && Objects.equals(from.getScheme(), to.getScheme()) && from.getPort() == to.getPort();
    }

    /** One URL to try, with the variant's bit rate (-1 for a photo or preview image). */
    private record Candidate(String url, long bitRate) {}

    /** The MP4 variants of a video or GIF, highest bit rate first; else the media's own URL. */
    private static List<Candidate> candidates(Media m, JsonNode source) {
        List<Candidate> out = new ArrayList<>();
        if (source != null && source.path("variants").isArray()) {
            for (JsonNode v : source.path("variants")) {
                if ("video/mp4".equals(v.path("content_type").asText()) && v.hasNonNull("url")) {
                    out.add(new Candidate(v.get("url").asText(), v.path("bit_rate").asLong(0)));
                }
            }
            out.sort(Comparator.comparingLong(Candidate::bitRate).reversed());
        }
        if (out.isEmpty() && m.url() != null && !m.url().isBlank()) {
            out.add(new Candidate(m.url(), -1));
        }
        return out;
    }

    /** The media objects the tweet was captured with (its context payloads), by media key. */
    private Map<String, JsonNode> sourceMedia(String tweetId) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (RawPayload p : store.contextOf(tweetId)) {
            try {
                JsonNode n = JSON.readTree(p.bytes());
                if (n != null && n.hasNonNull("media_key")) {
                    out.put(n.get("media_key").asText(), n);
                }
            } catch (IOException notJson) {
                // a context payload of another format carries no media object
            }
        }
        return out;
    }

    /** Tries the candidates in order; the kept file, or the problem in a few words. */
    private Fetch download(Tweet t, Media m, JsonNode source, List<Candidate> candidates) {
        List<String> tooLarge = new ArrayList<>();
        for (Candidate c : candidates) {
            URI uri;
            try {
                uri = URI.create(c.url());
            } catch (IllegalArgumentException e) {
                return new Fetch.Problem("not a URL: " + e.getMessage());
            }
            // Media URLs come from the platform: a redirect is followed only within the same host, so that a
            // media URL can never lead the downloader to another (perhaps internal) host.
            Downloader.Outcome o = downloader.get(uri, resolve, MediaFetcher::sameHost);
            switch (o) {
                case Downloader.Got got -> {
                    return kept(t, m, source, c, got);
                }
                case Downloader.TooLarge big -> tooLarge.add(big.problem());
                case Downloader.Failed f -> {
                    return new Fetch.Problem(f.problem());
                }
            }
        }
        return new Fetch.Problem(candidates.size() == 1 ? tooLarge.getFirst()
                : "every one of the " + candidates.size() + " variants is larger than the cap of "
                        + downloader.maxBytes() + " bytes");
    }

    private Attachments.Kept kept(Tweet t, Media m, JsonNode source, Candidate c, Downloader.Got got) {
        byte[] bytes = got.bytes();
        String sha = RawPayload.sha256Hex(bytes);
        String type = tika.detect(bytes);
        Map<String, String> metadata = new TreeMap<>();
        metadata.put("mediaType", m.type());
        if (m.width() > 0 && m.height() > 0) {
            metadata.put("width", Integer.toString(m.width()));
            metadata.put("height", Integer.toString(m.height()));
        }
        if (source != null && source.hasNonNull("duration_ms")) {
            metadata.put("durationMs", source.get("duration_ms").asText());
        }
        if (c.bitRate() >= 0) {
            metadata.put("bitRate", Long.toString(c.bitRate()));
        }
        Attachment a = new Attachment(t.id(), Attachment.MEDIA, m.key(), c.url(),
                "media/" + sha + Downloader.extension(type), sha, bytes.length, type, got.contentType(),
                clock.instant(), metadata, null);
        return new Attachments.Kept(a, bytes, null);
    }
}
