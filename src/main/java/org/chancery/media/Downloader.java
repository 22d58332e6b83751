package org.chancery.media;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.OptionalLong;
import org.apache.tika.mime.MimeTypeException;
import org.apache.tika.mime.MimeTypes;

/** HTTP GET with a size cap and a timeout; the body is read only while it stays within the cap. */
final class Downloader {
    private final HttpClient http;
    private final long maxBytes;
    private final Duration timeout;

    Downloader(long maxBytes, Duration timeout) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive, got " + maxBytes);
        }
        this.maxBytes = maxBytes;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
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

    /** Anything else: an HTTP error, a timeout, a refused connection. */
    record Failed(String problem) implements Outcome {}

    Outcome get(URI uri) {
        try {
            HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = r.body()) {
                if (r.statusCode() != 200) {
                    return new Failed("HTTP " + r.statusCode());
                }
                OptionalLong declared = r.headers().firstValueAsLong("content-length");
                if (declared.isPresent() && declared.getAsLong() > maxBytes) {
                    return new TooLarge("Content-Length " + declared.getAsLong() + " is larger than the cap of "
                            + maxBytes + " bytes");
                }
                byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
                if (bytes.length > maxBytes) {
                    return new TooLarge("larger than the cap of " + maxBytes + " bytes");
                }
                return new Got(bytes, r.headers().firstValue("content-type").orElse(null));
            }
        } catch (IOException e) {
            return new Failed(e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            return new Failed("not a URL that can be fetched: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Failed("interrupted");
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
