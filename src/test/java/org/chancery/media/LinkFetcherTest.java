package org.chancery.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.zip.GZIPInputStream;
import org.chancery.record.Tweet;
import org.chancery.store.CommitListener;
import org.chancery.store.OcflArchive;
import org.chancery.store.StoreSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Redirects of linked documents are followed only to allowed domains, through the same proxy-style server. */
class LinkFetcherTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LINK = "https://www.washingtonpost.com/opinions/2021/05/10/"
            + "israel-sheikh-jarrah-palestinians-jerusalem-violence-evictions-settlers/";

    @TempDir
    Path dir;

    /** The fixture page's tweets, archived; only those linking to {@link #LINK}. */
    private static List<Tweet> archive(OcflArchive archive) throws Exception {
        byte[] page;
        try (InputStream in = new GZIPInputStream(LinkFetcherTest.class.getResourceAsStream(
                "/fixtures/xapi/timeline-mariambarghouti.jsonl.gz"))) {
            page = in.readAllBytes();
        }
        List<String> linking = new ArrayList<>();
        for (JsonNode t : JSON.readTree(page).path("data")) {
            for (JsonNode u : t.path("entities").path("urls")) {
                if (u.path("expanded_url").asText().equals(LINK)) {
                    linking.add(t.path("id").asText());
                }
            }
        }
        assertEquals(1, linking.size(), "one fixture tweet links to the page");
        return ArchivedPage.archive(archive, page).stream().filter(t -> linking.contains(t.id())).toList();
    }

    /** A loopback server answering {@code /<host>/<path>} like the link proxy: redirects or an HTML page. */
    private static HttpServer server(List<String> log, String redirectTo) throws Exception {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        String first = "/www.washingtonpost.com" + URI.create(LINK).getRawPath();
        s.createContext("/", ex -> {
            String path = ex.getRequestURI().getRawPath();
            log.add(path);
            try (ex) {
                if (path.equals(first)) {
                    ex.getResponseHeaders().add("Location", redirectTo);
                    ex.sendResponseHeaders(302, -1);
                    return;
                }
                byte[] body = "<html><head><title>Page</title></head><body>quetzalcoatlus</body></html>"
                        .getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().add("Content-Type", "text/html");
                ex.sendResponseHeaders(200, body.length);
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        s.start();
        return s;
    }

    private static UnaryOperator<URI> proxy(HttpServer s) {
        String base = "http://127.0.0.1:" + s.getAddress().getPort();
        return u -> URI.create(base + "/" + u.getHost() + u.getRawPath());
    }

    @Test
    void anAllowedPageRedirectingToAnotherHostIsAFailureAndTheOtherHostIsNeverRequested() throws Exception {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        HttpServer s = server(log, "https://internal.example/secret");
        try (OcflArchive archive = new OcflArchive(StoreSettings.under(dir.resolve("data")), Clock.systemUTC(),
                CommitListener.NONE)) {
            List<Tweet> tweets = archive(archive);
            FailureLog failures = new FailureLog(dir.resolve("media"));
            LinkFetcher.Result r = new LinkFetcher(Clock.systemUTC(), archive, failures, Set.of("washingtonpost.com"),
                    1_000_000, Duration.ofSeconds(5), proxy(s)).fetch(tweets);
            assertEquals(0, r.fetched());
            assertEquals(1, r.failed());
            assertEquals(List.of("/www.washingtonpost.com" + URI.create(LINK).getRawPath()), log,
                    "the redirect's target is never requested");
            assertTrue(Files.readString(failures.file(), StandardCharsets.UTF_8)
                    .contains("redirected to https://internal.example/secret"));
        } finally {
            s.stop(0);
        }
    }

    @Test
    void aRelativeRedirectWithinTheAllowedDomainIsFollowed() throws Exception {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        HttpServer s = server(log, "/statement");
        try (OcflArchive archive = new OcflArchive(StoreSettings.under(dir.resolve("data")), Clock.systemUTC(),
                CommitListener.NONE)) {
            List<Tweet> tweets = archive(archive);
            LinkFetcher.Result r = new LinkFetcher(Clock.systemUTC(), archive, new FailureLog(dir.resolve("media")),
                    Set.of("washingtonpost.com"), 1_000_000, Duration.ofSeconds(5), proxy(s)).fetch(tweets);
            assertEquals(1, r.fetched());
            assertEquals("/www.washingtonpost.com/statement", log.get(1), "resolved against the link's host");
            Attachment a = new Attachments(archive).list(OcflArchive.objectIdFor(tweets.getFirst())).getFirst();
            assertEquals(LINK, a.key());
            assertEquals("text/html", a.detectedType());
        } finally {
            s.stop(0);
        }
    }
}
