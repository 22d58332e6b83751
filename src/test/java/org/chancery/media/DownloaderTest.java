package org.chancery.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The download timeout is a deadline for the whole answer, not only for its headers. */
class DownloaderTest {
    @Test
    void aServerThatSendsHeadersThenStallsTheBodyFailsWithinAboutTheTimeout() throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        s.createContext("/", ex -> {
            ex.getResponseHeaders().add("Content-Type", "application/pdf");
            ex.sendResponseHeaders(200, 1_000);
            try (OutputStream out = ex.getResponseBody()) {
                // A few bytes, then a trickle far slower than the deadline allows.
                for (int i = 0; i < 100 && done.getCount() > 0; i++) {
                    out.write("%PDF-".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    out.flush();
                    done.await(500, TimeUnit.MILLISECONDS);
                }
            } catch (IOException | InterruptedException gone) {
                // the client gave up, as it should
            }
        });
        s.start();
        try {
            URI uri = URI.create("http://127.0.0.1:" + s.getAddress().getPort() + "/slow.pdf");
            long start = System.nanoTime();
            Downloader.Outcome o = new Downloader(1_000_000, Duration.ofSeconds(1)).get(uri, u -> u, (a, b) -> false);
            long millis = (System.nanoTime() - start) / 1_000_000;
            Downloader.Failed f = assertInstanceOf(Downloader.Failed.class, o);
            assertTrue(f.problem().contains("within 1 s"), f.problem());
            assertTrue(millis < 4_000, "gave up after " + millis + " ms, not after the trickle's 50 s");
        } finally {
            done.countDown();
            s.stop(0);
        }
    }

    @Test
    void aRedirectTheRuleRefusesIsNotFollowed() throws Exception {
        java.util.List<String> log = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        s.createContext("/", ex -> {
            log.add(ex.getRequestURI().getPath());
            ex.getResponseHeaders().add("Location", "/elsewhere");
            ex.sendResponseHeaders(301, -1);
            ex.close();
        });
        s.start();
        try {
            URI uri = URI.create("http://127.0.0.1:" + s.getAddress().getPort() + "/a");
            Downloader d = new Downloader(1_000, Duration.ofSeconds(5));
            Downloader.Failed f = assertInstanceOf(Downloader.Failed.class, d.get(uri, u -> u, (a, b) -> false));
            assertTrue(f.problem().contains("/elsewhere"), f.problem());
            assertEquals(java.util.List.of("/a"), log);
            log.clear();
            Downloader.Failed loop = assertInstanceOf(Downloader.Failed.class, d.get(uri, u -> u, (a, b) -> true));
            assertEquals("more than 5 redirects", loop.problem());
            assertEquals(6, log.size(), "the first request and five redirects");
        } finally {
            s.stop(0);
        }
    }
}
