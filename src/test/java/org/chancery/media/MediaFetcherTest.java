package org.chancery.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.GZIPInputStream;
import javax.imageio.ImageIO;
import org.chancery.capture.xapi.EmulatorAccess;
import org.chancery.record.Tweet;
import org.chancery.store.CommitListener;
import org.chancery.store.OcflArchive;
import org.chancery.store.StoreSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Media of real fixture tweets downloaded from a loopback server into the tweets' OCFL objects; types come from
 * content, not names; videos take the best variant within the cap.
 */
class MediaFetcherTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VIDEO_KEY = "7_1392070576601276419";

    @TempDir
    Path dir;

    private static byte[] image(String format) throws Exception {
        BufferedImage img = new BufferedImage(4, 3, BufferedImage.TYPE_INT_RGB);
        img.setRGB(1, 1, 0xCC0000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(img, format, out));
        return out.toByteArray();
    }

    /** An MP4 file's leading {@code ftyp} box, then filler up to {@code size} bytes. */
    private static byte[] mp4(int size, int fill) {
        byte[] b = new byte[size];
        byte[] head = {0, 0, 0, 24, 'f', 't', 'y', 'p', 'm', 'p', '4', '2', 0, 0, 0, 0, 'i', 's', 'o', 'm', 'm', 'p',
            '4', '2'};
        System.arraycopy(head, 0, b, 0, head.length);
        java.util.Arrays.fill(b, head.length, size, (byte) fill);
        return b;
    }

    private static JsonNode page() throws Exception {
        try (InputStream in = new GZIPInputStream(MediaFetcherTest.class.getResourceAsStream(
                "/fixtures/xapi/timeline-mariambarghouti.jsonl.gz"))) {
            return JSON.readTree(in.readAllBytes());
        }
    }


    private OcflArchive open(String name) {
        return new OcflArchive(StoreSettings.under(dir.resolve(name)), Clock.systemUTC(), CommitListener.NONE);
    }

    private static UnaryOperator<URI> to(EmulatorAccess server) {
        return u -> URI.create(server.baseUrl() + (u.getPath().startsWith("/media/") ? "" : "/media") + u.getPath());
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    private static Map<String, Attachment> byKey(OcflArchive archive, List<Tweet> tweets) {
        Map<String, Attachment> out = new HashMap<>();
        tweets.stream().map(OcflArchive::objectIdFor).distinct()
                .forEach(o -> new Attachments(archive).list(o).forEach(a -> out.put(a.key(), a)));
        return out;
    }

    @Test
    void pngServedAsJpgIsRecordedAsPngInTheTweetsObjectAndFailuresAreRecordedNotFatal() throws Exception {
        JsonNode root = page();
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
        byte[] page = JSON.writeValueAsBytes(root);
        try (EmulatorAccess server = EmulatorAccess.start(); OcflArchive archive = open("data")) {
            List<Tweet> tweets = ArchivedPage.archive(archive, page);
            server.file(URI.create(urlOf.get(pngKey)).getPath(), png, "image/jpeg");
            server.file(URI.create(urlOf.get(jpgKey)).getPath(), jpg, "image/jpeg");
            FailureLog failures = new FailureLog(dir.resolve("media"));
            MediaFetcher fetcher = new MediaFetcher(Clock.systemUTC(), archive, failures, 1_000_000,
                    Duration.ofSeconds(5), to(server));
            MediaFetcher.Result r = fetcher.fetch(tweets);
            assertEquals(2, r.fetched());
            assertEquals(withUrl - 2, r.failed(), "the other files are not served: recorded, not fatal");
            Map<String, Attachment> byKey = byKey(archive, tweets);
            Attachment p = byKey.get(pngKey);
            assertEquals("image/png", p.detectedType(), "content, not the .jpg name or Content-Type");
            assertEquals("image/jpeg", p.declaredType());
            assertEquals("media/" + sha256(png) + ".png", p.path());
            assertEquals(urlOf.get(pngKey), p.url());
            assertEquals("image/jpeg", byKey.get(jpgKey).detectedType());
            String object = tweets.stream().filter(t -> t.media().stream().anyMatch(m -> m.key().equals(pngKey)))
                    .map(OcflArchive::objectIdFor).findFirst().orElseThrow();
            assertArrayEquals(png, archive.readFile(object, p.path()), "kept in the tweet's own OCFL object");
            assertEquals(List.of(), archive.verify(), "OCFL digests cover the media");
            assertEquals(withUrl - 2, Files.readAllLines(failures.file(), StandardCharsets.UTF_8).size());

            MediaFetcher.Result again = fetcher.fetch(tweets);
            assertEquals(new MediaFetcher.Result(0, 2, withUrl - 2), again, "kept files are not fetched again; failures are retried");
        }
        try (EmulatorAccess server = EmulatorAccess.start(); OcflArchive capped = open("capped")) {
            List<Tweet> tweets = ArchivedPage.archive(capped, page);
            server.file(URI.create(urlOf.get(pngKey)).getPath(), png, "image/jpeg");
            MediaFetcher fetcher = new MediaFetcher(Clock.systemUTC(), capped, new FailureLog(dir.resolve("capped-media")),
                    16, Duration.ofSeconds(5), to(server));
            assertEquals(0, fetcher.fetch(tweets).fetched());
            assertTrue(Files.readString(dir.resolve("capped-media/failures.jsonl"), StandardCharsets.UTF_8)
                    .contains("larger than the cap of 16 bytes"));
        }
    }

    @Test
    void downloadsPastTheFlushSizeAreAddedAsSeveralVersionsOfTheObject() throws Exception {
        JsonNode root = page();
        String pngKey = "3_1392093133555515394";
        String jpgKey = "3_1392093133547229185";
        Map<String, String> urlOf = new HashMap<>();
        root.path("includes").path("media").forEach(m -> urlOf.put(m.path("media_key").asText(), m.path("url").asText()));
        try (EmulatorAccess server = EmulatorAccess.start(); OcflArchive archive = open("data")) {
            List<Tweet> tweets = ArchivedPage.archive(archive, JSON.writeValueAsBytes(root)).stream()
                    .filter(t -> t.media().stream().anyMatch(m -> m.key().equals(pngKey) || m.key().equals(jpgKey)))
                    .toList();
            List<String> objects = tweets.stream().map(OcflArchive::objectIdFor).distinct().toList();
            assertEquals(1, objects.size(), "both pictures are in one account-month object");
            server.file(URI.create(urlOf.get(pngKey)).getPath(), image("png"), "image/png");
            server.file(URI.create(urlOf.get(jpgKey)).getPath(), image("jpg"), "image/jpeg");
            MediaFetcher fetcher = new MediaFetcher(Clock.systemUTC(), archive, new FailureLog(dir.resolve("media")),
                    1_000_000, Duration.ofSeconds(5), to(server), 1);
            assertEquals(2, fetcher.fetch(tweets).fetched());
            assertEquals(2, archive.listFiles(objects.getFirst(), Attachments.METADATA).size(),
                    "each download passed the flush size: two versions, each with its own metadata file");
            assertEquals(2, new Attachments(archive).list(objects.getFirst()).size());
            assertEquals(List.of(), archive.verify());
        }
    }

    @Test
    void aVideoKeepsTheHighestBitRateMp4ThatFitsTheCapAndAGifItsMp4() throws Exception {
        JsonNode root = page();
        byte[] big = mp4(3_000, 1);
        byte[] middle = mp4(1_500, 2);
        byte[] small = mp4(500, 3);
        String base = "https://video.twimg.com/ext_tw_video/1392070576601276419/pu/vid/";
        ArrayNode variants = JSON.createArrayNode();
        variants.addObject().put("content_type", "application/x-mpegURL").put("url", base + "pl/list.m3u8");
        variants.addObject().put("bit_rate", 832000).put("content_type", "video/mp4").put("url", base + "480x848/m.mp4");
        variants.addObject().put("bit_rate", 2176000).put("content_type", "video/mp4").put("url", base + "720x1280/b.mp4");
        variants.addObject().put("bit_rate", 256000).put("content_type", "video/mp4").put("url", base + "320x564/s.mp4");
        String gifKey = "3_1391519670352633859";
        String gifUrl = "https://video.twimg.com/tweet_video/E0-rxIFWYAMgz0X.mp4";
        byte[] gif = mp4(700, 4);
        for (JsonNode m : root.path("includes").path("media")) {
            if (m.path("media_key").asText().equals(VIDEO_KEY)) {
                ((ObjectNode) m).set("variants", variants);
            }
            if (m.path("media_key").asText().equals(gifKey)) {
                // The same media object as a GIF: v2 gives an animated_gif one MP4 variant with bit rate 0.
                ObjectNode g = (ObjectNode) m;
                g.put("type", "animated_gif");
                g.putArray("variants").addObject().put("bit_rate", 0).put("content_type", "video/mp4").put("url", gifUrl);
            }
        }
        byte[] page = JSON.writeValueAsBytes(root);
        try (EmulatorAccess server = EmulatorAccess.start(); OcflArchive archive = open("data")) {
            List<Tweet> all = ArchivedPage.archive(archive, page);
            List<Tweet> tweets = all.stream().filter(t -> t.media().stream().anyMatch(m -> m.key().equals(VIDEO_KEY)))
                    .toList();
            assertEquals(1, tweets.size());
            List<Tweet> gifs = all.stream().filter(t -> t.media().stream().anyMatch(m -> m.key().equals(gifKey)))
                    .toList();
            assertEquals(1, gifs.size());
            server.file("/media" + URI.create(base + "720x1280/b.mp4").getPath(), big, "video/mp4");
            server.file("/media" + URI.create(base + "480x848/m.mp4").getPath(), middle, "video/mp4");
            server.file("/media" + URI.create(base + "320x564/s.mp4").getPath(), small, "video/mp4");
            MediaFetcher fetcher = new MediaFetcher(Clock.systemUTC(), archive, new FailureLog(dir.resolve("media")),
                    2_000, Duration.ofSeconds(5), to(server));
            assertEquals(new MediaFetcher.Result(1, 0, 0), fetcher.fetch(tweets));
            Attachment a = byKey(archive, tweets).get(VIDEO_KEY);
            assertEquals(base + "480x848/m.mp4", a.url(), "the 2176 kb/s variant is over the cap, 832 kb/s fits");
            assertEquals("video/mp4", a.detectedType());
            assertEquals("media/" + sha256(middle) + ".mp4", a.path());
            assertEquals("832000", a.metadata().get("bitRate"));
            assertEquals("15400", a.metadata().get("durationMs"), "from the captured media object");
            assertArrayEquals(middle, archive.readFile(OcflArchive.objectIdFor(tweets.getFirst()), a.path()));
            assertTrue(server.log().stream().noneMatch(l -> l.contains("s.mp4") || l.contains(".m3u8")),
                    "lower variants and the HLS playlist are not fetched: " + server.log());

            server.file("/media" + URI.create(gifUrl).getPath(), gif, "video/mp4");
            assertEquals(new MediaFetcher.Result(1, 0, 0), fetcher.fetch(gifs));
            Attachment g = byKey(archive, gifs).get(gifKey);
            assertEquals(gifUrl, g.url(), "a GIF is kept as its MP4");
            assertEquals("video/mp4", g.detectedType());
            assertEquals("animated_gif", g.metadata().get("mediaType"));
            assertArrayEquals(gif, archive.readFile(OcflArchive.objectIdFor(gifs.getFirst()), g.path()));
            assertEquals(List.of(), archive.verify());

        }
        try (EmulatorAccess server = EmulatorAccess.start(); OcflArchive archive = open("tiny")) {
            List<Tweet> tweets = ArchivedPage.archive(archive, page).stream()
                    .filter(t -> t.media().stream().anyMatch(m -> m.key().equals(VIDEO_KEY))).toList();
            server.file("/media" + URI.create(base + "720x1280/b.mp4").getPath(), big, "video/mp4");
            server.file("/media" + URI.create(base + "480x848/m.mp4").getPath(), middle, "video/mp4");
            server.file("/media" + URI.create(base + "320x564/s.mp4").getPath(), small, "video/mp4");
            FailureLog failures = new FailureLog(dir.resolve("tiny-media"));
            MediaFetcher tiny = new MediaFetcher(Clock.systemUTC(), archive, failures, 100, Duration.ofSeconds(5),
                    to(server));
            assertEquals(new MediaFetcher.Result(0, 0, 1), tiny.fetch(tweets));
            assertTrue(Files.readString(failures.file(), StandardCharsets.UTF_8)
                    .contains("every one of the 3 variants is larger than the cap of 100 bytes"));
            assertEquals(List.of(), new Attachments(archive).list(OcflArchive.objectIdFor(tweets.getFirst())));
        }
    }
}
