package org.chancery.media;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.apache.tika.Tika;
import org.chancery.record.Media;
import org.chancery.record.RawPayload;
import org.chancery.record.Tweet;

/**
 * Downloads the media of tweets, at most {@code maxBytes} each within {@code timeout}, and types each file with
 * Tika from its content. Media without a URL (a video whose variants the source did not give) are skipped.
 */
public final class MediaFetcher {
    private final HttpClient http;
    private final Clock clock;
    private final MediaStore store;
    private final long maxBytes;
    private final Duration timeout;
    private final UnaryOperator<URI> resolve;
    private final Tika tika = new Tika();

    /**
     * @param resolve maps a media URL to the one to download from: identity in production; tests point the
     *                platform's media host at a local server
     */
    public MediaFetcher(Clock clock, MediaStore store, long maxBytes, Duration timeout, UnaryOperator<URI> resolve) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.store = Objects.requireNonNull(store, "store");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.resolve = Objects.requireNonNull(resolve, "resolve");
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive, got " + maxBytes);
        }
        this.maxBytes = maxBytes;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /**
     * What a fetch did.
     *
     * @param fetched files downloaded and kept
     * @param already media kept by an earlier fetch
     * @param failed  downloads that failed (each recorded in {@code failures.jsonl})
     */
    public record Result(int fetched, int already, int failed) {}

    public Result fetch(List<Tweet> tweets) {
        Set<String> kept = new HashSet<>();
        store.list().forEach(f -> kept.add(f.tweetId() + " " + f.mediaKey()));
        int fetched = 0;
        int already = 0;
        int failed = 0;
        for (Tweet t : tweets) {
            for (Media m : t.media()) {
                if (m.url() == null || m.url().isBlank()) {
                    continue;
                }
                if (!kept.add(t.id() + " " + m.key())) {
                    already++;
                    continue;
                }
                String problem = download(t, m);
                if (problem == null) {
                    fetched++;
                } else {
                    kept.remove(t.id() + " " + m.key());
                    store.failed(t.id(), m.key(), m.url(), problem, clock.instant());
                    failed++;
                }
            }
        }
        return new Result(fetched, already, failed);
    }

    /** Downloads one file; null when kept, else the problem in a few words. */
    private String download(Tweet t, Media m) {
        URI uri;
        try {
            uri = resolve.apply(URI.create(m.url()));
        } catch (IllegalArgumentException e) {
            return "not a URL: " + e.getMessage();
        }
        try {
            HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            byte[] bytes;
            try (InputStream in = r.body()) {
                bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            }
            if (r.statusCode() != 200) {
                return "HTTP " + r.statusCode();
            }
            if (bytes.length > maxBytes) {
                return "larger than the cap of " + maxBytes + " bytes";
            }
            String sha = RawPayload.sha256Hex(bytes);
            store.put(new MediaFile(t.id(), m.key(), m.url(), sha, bytes.length, tika.detect(bytes),
                    r.headers().firstValue("content-type").orElse(null), clock.instant()), bytes);
            return null;
        } catch (IOException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
