package org.chancery.media;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiPredicate;
import java.util.function.UnaryOperator;
import org.apache.tika.mime.MimeTypeException;
import org.apache.tika.mime.MimeTypes;

/**
 * HTTP GET with a size cap and one deadline: the whole answer (headers and body) must arrive within the timeout,
 * so a server that trickles or stalls the body cannot hold a run; the body is read only while it stays within
 * the cap. Redirects are never followed by the HTTP client: {@link #get(URI, UnaryOperator, BiPredicate)}
 * follows at most {@link #MAX_REDIRECTS} of them, each only when the caller's rule allows its target.
 */
final class Downloader {
    /** Redirects followed for one download at most. */
    static final int MAX_REDIRECTS = 5;

    private final HttpClient http;
    private final long maxBytes;
    private final Duration timeout;

    Downloader(long maxBytes, Duration timeout) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive, got " + maxBytes);
        }
        this.maxBytes = maxBytes;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    long maxBytes() {
        return maxBytes;
    }

    /** What one download gave. */
    sealed interface Outcome permits Got, TooLarge, Failed {}

    /** The whole body, within the cap. */
    record Got(byte[] bytes, String contentType) implements Outcome {}

    /** The server's Content-Length or the body went past the cap; the body was not read further. */
    record TooLarge(String problem) implements Outcome {}

    /** Anything else: an HTTP error, a timeout, a refused connection, a redirect not followed. */
    record Failed(String problem) implements Outcome {}

    /** A redirect answer, before the caller decides whether to follow it. */
    private record Moved(String location) {}

    /**
     * Downloads {@code link}, following redirects the caller allows.
     *
     * @param resolve maps a URL (the link, or a redirect's target) to the one actually requested
     * @param follow  given the current URL and a redirect's absolute target, true when the target may be fetched
     */
    Outcome get(URI link, UnaryOperator<URI> resolve, BiPredicate<URI, URI> follow) {
        URI current = link;
        // One deadline for the whole download, redirects included.
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int hop = 0;; hop++) {
            URI from;
            try {
                from = resolve.apply(current);
            } catch (IllegalArgumentException e) {
                return new Failed("not a URL: " + e.getMessage());
            }
            Object o = once(from, deadline);
            if (!(o instanceof Moved m)) {
                return (Outcome) o;
            }
            if (hop == MAX_REDIRECTS) {
                return new Failed("more than " + MAX_REDIRECTS + " redirects");
            }
            URI next;
            try {
                next = current.resolve(m.location());
            } catch (IllegalArgumentException e) {
                return new Failed("redirected to a location that is not a URL: " + m.location());
            }
            if (!follow.test(current, next)) {
                return new Failed("redirected to " + next + ", which is not followed");
            }
            current = next;
        }
    }

    /** One request: an {@link Outcome} or a {@link Moved}. */
    private Object once(URI uri, long deadline) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            return new Failed("no complete answer within " + timeout.toSeconds() + " s");
        }
        CompletableFuture<HttpResponse<Object>> answer;
        try {
            answer = http.sendAsync(HttpRequest.newBuilder(uri).timeout(Duration.ofNanos(left)).GET().build(),
                    this::body);
        } catch (IllegalArgumentException e) {
            return new Failed("not a URL that can be fetched: " + e.getMessage());
        }
        try {
            return answer.get(left, TimeUnit.NANOSECONDS).body();
        } catch (TimeoutException e) {
            answer.cancel(true);
            return new Failed("no complete answer within " + timeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return new Failed(cause.getClass().getSimpleName() + ": " + cause.getMessage());
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            return new Failed("interrupted");
        }
    }

    /** Chooses from the status and headers how much of the body to read. */
    private HttpResponse.BodySubscriber<Object> body(HttpResponse.ResponseInfo info) {
        int status = info.statusCode();
        Optional<String> location = info.headers().firstValue("location");
        if (status >= 300 && status < 400 && location.isPresent()) {
            return new Capped(0, null, new Moved(location.get()));
        }
        if (status != 200) {
            return new Capped(0, null, new Failed("HTTP " + status));
        }
        OptionalLong declared = info.headers().firstValueAsLong("content-length");
        if (declared.isPresent() && declared.getAsLong() > maxBytes) {
            return new Capped(0, null, new TooLarge("Content-Length " + declared.getAsLong()
                    + " is larger than the cap of " + maxBytes + " bytes"));
        }
        return new Capped(maxBytes, info.headers().firstValue("content-type").orElse(null), null);
    }

    /**
     * Collects the body up to the cap, one chunk at a time so that it stops as soon as the cap is passed; with
     * {@code now} set it reads nothing and gives {@code now}.
     */
    private static final class Capped implements HttpResponse.BodySubscriber<Object> {
        private final long max;
        private final String contentType;
        private final Object now;
        private final CompletableFuture<Object> result = new CompletableFuture<>();
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private Flow.Subscription subscription;

        Capped(long max, String contentType, Object now) {
            this.max = max;
            this.contentType = contentType;
            this.now = now;
        }

        @Override
        public CompletionStage<Object> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (now != null) {
                s.cancel();
                result.complete(now);
            } else {
                s.request(1);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> chunk) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer b : chunk) {
                byte[] a = new byte[b.remaining()];
                b.get(a);
                bytes.writeBytes(a);
            }
            if (bytes.size() > max) {
                subscription.cancel();
                result.complete(new TooLarge("larger than the cap of " + max + " bytes"));
            } else {
                subscription.request(1);
            }
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(new Got(bytes.toByteArray(), contentType));
        }
    }

    /** The usual file extension of a media type ({@code .png}), {@code .bin} when Tika knows none. */
    static String extension(String mediaType) {
        try {
            String ext = MimeTypes.getDefaultMimeTypes().forName(mediaType).getExtension();
            return ext == null || ext.isEmpty() ? ".bin" : ext.toLowerCase(Locale.ROOT);
        } catch (MimeTypeException e) {
            return ".bin";
        }
    }
}
