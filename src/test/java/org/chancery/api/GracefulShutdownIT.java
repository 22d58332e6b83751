package org.chancery.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.chancery.archive.RecordOffice;
import org.chancery.archive.VerifyReport;
import org.chancery.config.DataDir;
import org.chancery.retention.ViewerRole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shutdown while a request is in flight: the server stops accepting, the request already being handled completes
 * with its whole response, and afterwards the archive and index close cleanly and open again intact.
 */
class GracefulShutdownIT {
    @TempDir
    Path dir;

    @Test
    void requestInFlightWhenTheServerStopsCompletesAndTheArchiveClosesCleanly() throws Exception {
        ApiFixture f = new ApiFixture(dir);
        int port = f.server.port();
        long before = f.office.count("since:2017-07-01");
        byte[] body = "{\"query\": \"since:2017-07-01\", \"format\": \"jsonl\"}".getBytes(StandardCharsets.UTF_8);
        AtomicReference<Throwable> closeFailure = new AtomicReference<>();
        Thread closer = new Thread(() -> {
            try {
                f.server.close();
            } catch (Throwable t) {
                closeFailure.set(t);
            }
        }, "test-closer");
        byte[] response;
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            // Complete headers and one byte of the body: the request is dispatched and its resource reads the rest.
            out.write(("POST " + ApiServer.BASE + "/exports HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nAuthorization: Bearer " + f.tokens.get(ViewerRole.ADMIN)
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, 1);
            out.flush();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (f.server.requestsInFlight() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(1, f.server.requestsInFlight(), "the request is being handled");
            // The rest of the body trickles in, one byte every 50 ms, while the server stops: a slow upload that
            // keeps going, so the request stays in flight for seconds after close() began (well within the fixture's
            // 5 s stop timeout, even on a loaded machine).
            AtomicReference<Throwable> writeFailure = new AtomicReference<>();
            Thread writer = new Thread(() -> {
                try {
                    for (int i = 1; i < body.length; i++) {
                        Thread.sleep(50);
                        out.write(body[i]);
                        out.flush();
                    }
                } catch (IOException | InterruptedException e) {
                    writeFailure.set(e);
                }
            }, "test-slow-upload");
            writer.start();
            Thread.sleep(200);
            closer.start();
            waitUntilRefused(port);
            assertTrue(writer.isAlive(), "the upload is still going when the server has stopped accepting");
            assertEquals(1, f.server.requestsInFlight(), "the request is still in flight");
            assertTrue(closer.isAlive(), "stopping waits for the request in flight");
            writer.join(30_000);
            assertNull(writeFailure.get(), () -> "the server cut the upload: " + writeFailure.get());
            response = readAll(s.getInputStream());
        }
        closer.join(30_000);
        assertFalse(closer.isAlive(), "the server stopped once the request was done");
        assertNull(closeFailure.get(), () -> "close failed: " + closeFailure.get());

        String text = new String(response, StandardCharsets.UTF_8);
        // Handled to the end, and refused there: an export asked for while the server stops would start on a server
        // that is going away.
        assertTrue(text.startsWith("HTTP/1.1 503 "), text);
        int split = text.indexOf("\r\n\r\n");
        String headers = text.substring(0, split).toLowerCase(java.util.Locale.ROOT);
        String payload = text.substring(split + 4);
        long length = headers.lines().filter(l -> l.startsWith("content-length:"))
                .mapToLong(l -> Long.parseLong(l.substring(l.indexOf(':') + 1).strip())).findFirst().orElse(-1);
        if (length >= 0) {
            assertEquals(length, payload.getBytes(StandardCharsets.UTF_8).length, "the whole body arrived");
        } else {
            assertTrue(headers.contains("transfer-encoding: chunked") && payload.endsWith("0\r\n\r\n"), text);
            payload = payload.substring(payload.indexOf("\r\n") + 2, payload.lastIndexOf("\r\n0\r\n"));
        }
        JsonNode problem = ApiFixture.JSON.readTree(payload);
        // The resource parses the whole body before it asks for the job (a body cut short is a 400 naming it), so
        // the refusal that comes from asking shows the body sent after close() began was read.
        assertEquals("Server stopping", problem.path("title").asText(), payload);
        assertEquals(503, problem.path("status").asInt(), payload);

        f.office.close();
        List<String> audit = Files.readAllLines(f.data.resolve("audit").resolve("audit.jsonl"), StandardCharsets.UTF_8);
        JsonNode last = ApiFixture.JSON.readTree(audit.get(audit.size() - 1));
        assertTrue(audit.stream().anyMatch(l -> l.contains("\"POST\"") && l.contains("\"status\":503")),
                "the completed request is in the audit trail: " + last);
        try (RecordOffice again = RecordOffice.open(new DataDir(f.data), f.clock)) {
            assertEquals(before, again.count("since:2017-07-01"), "the index opens again with every tweet");
            VerifyReport report = again.verify();
            assertTrue(report.clean(), report.problems().toString());
            assertTrue(again.find(f.firstId("public")).isPresent());
        }
    }

    @Test
    void anImportRunningWhenTheServerStopsKeepsExactlyWhatItReportedAndTheArchiveOpensIntact() throws Exception {
        ApiFixture f = new ApiFixture(dir);
        // 30,000 tweets of the real day under new ids, dated 2019 so that they are counted apart from the fixture's.
        ArrayNode day = (ArrayNode) ApiFixture.JSON.readTree(ApiFixture.DAY.toFile());
        ArrayNode upload = ApiFixture.JSON.createArrayNode();
        Instant first = Instant.parse("2019-01-01T00:00:00Z");
        int total = 30_000;
        for (int i = 0; i < total; i++) {
            ObjectNode t = day.get(i % day.size()).deepCopy();
            String id = Long.toString(1_000_000_000_000_000_000L + i);
            t.put("id", id);
            t.put("time", first.plusSeconds(i).toString());
            t.put("link", "https://www.twitter.com/" + t.path("screen_name").asText() + "/statuses/" + id);
            upload.add(t);
        }
        HttpResponse<String> created = f.http.send(HttpRequest.newBuilder(f.uri("/imports?name=big.json"))
                .header("Authorization", "Bearer " + f.tokens.get(ViewerRole.ARCHIVIST))
                .POST(HttpRequest.BodyPublishers.ofByteArray(ApiFixture.JSON.writeValueAsBytes(upload))).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertEquals(202, created.statusCode(), created.body());
        String job = ApiFixture.JSON.readTree(created.body()).path("id").asText();
        long deadline = System.nanoTime() + 60_000_000_000L;
        JsonNode status;
        do {
            Thread.sleep(20);
            status = ApiFixture.JSON.readTree(f.get("/imports/" + job, ViewerRole.ARCHIVIST).body());
        } while (status.path("read").asLong() < 1_000 && status.path("status").asText().matches("queued|running")
                && System.nanoTime() < deadline);
        assertEquals("running", status.path("status").asText(), "the job is stopped while it runs: " + status);

        f.server.close();
        List<JsonNode> lines = new ArrayList<>();
        for (String l : Files.readAllLines(f.data.resolve("audit").resolve("audit.jsonl"), StandardCharsets.UTF_8)) {
            JsonNode n = ApiFixture.JSON.readTree(l);
            if (n.path("path").asText().equals("/imports/" + job) && n.path("method").asText().startsWith("JOB-")) {
                lines.add(n);
            }
        }
        JsonNode last = lines.getLast();
        assertEquals("JOB-INTERRUPTED", last.path("method").asText(), "the stopped job's end is in the audit trail");
        long added = last.path("count").asLong();
        assertTrue(added >= 1_000 && added < total, "the job archived what it read before the stop: " + last);
        JsonNode saved = ApiFixture.JSON.readTree(f.data.resolve("jobs").resolve("imports").resolve(job + ".json")
                .toFile());
        assertEquals("interrupted", saved.path("status").asText(), "the job's saved status says so: " + saved);
        assertEquals(added, saved.path("result").path("added").asLong(), saved.toString());
        try (var left = Files.list(f.data.resolve("imports").resolve("jobs"))) {
            assertEquals(0, left.count(), "the upload is removed when the stopped job ends");
        }
        f.office.close();

        // The journal the stop left is committed on the next open: exactly the tweets the job reported, intact.
        try (RecordOffice again = RecordOffice.open(new DataDir(f.data), f.clock)) {
            assertEquals(added, again.count("since:2019-01-01"), "every tweet the job reported as added is archived");
            VerifyReport report = again.verify();
            assertTrue(report.clean(), report.problems().toString());
            for (long i : new long[] {0, added - 1}) {
                String id = Long.toString(1_000_000_000_000_000_000L + i);
                assertTrue(again.find(id).isPresent(), "tweet " + id + " of the upload is archived");
            }
            assertFalse(again.find(Long.toString(1_000_000_000_000_000_000L + total - 1)).isPresent(),
                    "the end of the file, never read, is not");
        }
    }

    /** Returns once the server no longer accepts connections (it is stopping). */
    private static void waitUntilRefused(int port) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
            } catch (IOException refused) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the server still accepts connections 5 s after close()");
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        in.transferTo(b);
        return b.toByteArray();
    }
}
