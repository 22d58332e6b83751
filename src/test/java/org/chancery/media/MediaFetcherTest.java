package org.chancery.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import javax.imageio.ImageIO;
import org.chancery.capture.ApiV2Reader;
import org.chancery.capture.CaptureSink;
import org.chancery.capture.Origin;
import org.chancery.capture.Rejection;
import org.chancery.capture.xapi.EmulatorAccess;
import org.chancery.record.Capture;
import org.chancery.record.SourceFormat;
import org.chancery.record.Tweet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Media of real fixture tweets downloaded from a loopback server; types come from content, not names. */
class MediaFetcherTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static byte[] image(String format) throws Exception {
        BufferedImage img = new BufferedImage(4, 3, BufferedImage.TYPE_INT_RGB);
        img.setRGB(1, 1, 0xCC0000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(img, format, out));
        return out.toByteArray();
    }

    @Test
    void pngServedAsJpgIsRecordedAsPngAndFailuresAreRecordedNotFatal() throws Exception {
        byte[] page;
        try (InputStream in = new GZIPInputStream(MediaFetcherTest.class.getResourceAsStream(
                "/fixtures/xapi/timeline-mariambarghouti.jsonl.gz"))) {
            page = in.readAllBytes();
        }
        JsonNode root = JSON.readTree(page);
        Map<String, String> urlOf = new HashMap<>();
        root.path("includes").path("media").forEach(m -> {
            // A video without variants is represented by its preview image.
            String url = m.hasNonNull("url") ? m.path("url").asText() : m.path("preview_image_url").asText(null);
            if (url != null) {
                urlOf.put(m.path("media_key").asText(), url);
            }
        });
        int withUrl = 0;
        for (JsonNode t : root.path("data")) {
            for (JsonNode k : t.path("attachments").path("media_keys")) {
                withUrl += urlOf.containsKey(k.asText()) ? 1 : 0;
            }
        }
        String pngKey = "3_1392093133555515394";
        String jpgKey = "3_1392093133547229185";
        byte[] png = image("png");
        byte[] jpg = image("jpg");
        List<Tweet> tweets = new java.util.ArrayList<>();
        new ApiV2Reader().read(page, 0, page.length, new Origin(SourceFormat.API_V2, "fixture", "", Instant.EPOCH, "test"),
                new CaptureSink() {
                    @Override
                    public void accept(Capture c) {
                        tweets.add(c.tweet());
                    }

                    @Override
                    public void reject(Rejection r) {
                        throw new AssertionError(r.oneLine());
                    }
                });
        try (EmulatorAccess server = EmulatorAccess.start()) {
            server.file(URI.create(urlOf.get(pngKey)).getPath(), png, "image/jpeg");
            server.file(URI.create(urlOf.get(jpgKey)).getPath(), jpg, "image/jpeg");
            MediaStore store = new MediaStore(dir.resolve("media"));
            MediaFetcher fetcher = new MediaFetcher(java.time.Clock.systemUTC(), store, 1_000_000, Duration.ofSeconds(5),
                    u -> URI.create(server.baseUrl() + u.getPath()));
            MediaFetcher.Result r = fetcher.fetch(tweets);
            assertEquals(2, r.fetched());
            assertEquals(withUrl - 2, r.failed(), "the other files are not served: recorded, not fatal");
            Map<String, MediaFile> byKey = new HashMap<>();
            store.list().forEach(f -> byKey.put(f.mediaKey(), f));
            assertEquals("image/png", byKey.get(pngKey).detectedType(), "content, not the .jpg name or Content-Type");
            assertEquals("image/jpeg", byKey.get(pngKey).declaredType());
            assertEquals("image/jpeg", byKey.get(jpgKey).detectedType());
            assertArrayEquals(png, store.read(byKey.get(pngKey).sha256()));
            assertEquals(withUrl - 2, Files.readAllLines(dir.resolve("media/failures.jsonl"), StandardCharsets.UTF_8).size());

            MediaFetcher.Result again = fetcher.fetch(tweets);
            assertEquals(new MediaFetcher.Result(0, 2, withUrl - 2), again, "kept files are not fetched again; failures are retried");

            MediaFetcher capped = new MediaFetcher(java.time.Clock.systemUTC(), new MediaStore(dir.resolve("capped")), 16,
                    Duration.ofSeconds(5), u -> URI.create(server.baseUrl() + u.getPath()));
            assertEquals(0, capped.fetch(tweets).fetched());
            assertTrue(Files.readString(dir.resolve("capped/failures.jsonl"), StandardCharsets.UTF_8)
                    .contains("larger than the cap of 16 bytes"));
        }
    }
}
