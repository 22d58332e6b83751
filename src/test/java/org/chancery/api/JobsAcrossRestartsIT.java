package org.chancery.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.chancery.export.ExportFiles;
import org.chancery.retention.ViewerRole;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Import and export jobs outlive the server: each test stops the server and the archive, then opens both again on the
 * same data folder (a new server on a new port), and asks for the jobs of the first one through real HTTP. The tests
 * share one archive (building it is the slow part); each leaves a server running on it.
 */
class JobsAcrossRestartsIT {
    /** The fresh tweets of the long upload get ids from here on, in file order. */
    private static final long FIRST_ID = 1_000_000_000_000_000_000L;
    private static final int LONG_UPLOAD = 30_000;

    @TempDir
    static Path dir;
    static ApiFixture f;

    @BeforeAll
    static void start() throws Exception {
        f = new ApiFixture(dir);
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    private static HttpResponse<String> post(String pathAndQuery, ViewerRole role, byte[] body) throws Exception {
        return f.http.send(HttpRequest.newBuilder(f.uri(pathAndQuery)).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + f.tokens.get(role))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return ApiFixture.JSON.readTree(r.body());
    }

    private static void assertProblem(HttpResponse<?> r, int status, String mentions) throws Exception {
        assertEquals(status, r.statusCode(), String.valueOf(r.body()));
        assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        if (r.body() instanceof String s) {
            assertTrue(ApiFixture.JSON.readTree(s).path("detail").asText().contains(mentions), s);
        }
    }

    /** Starts a job and polls it until it has ended; returns its last status. */
    private static JsonNode ended(HttpResponse<String> created, String kind, ViewerRole role) throws Exception {
        assertEquals(202, created.statusCode(), created.body());
        String id = json(created).path("id").asText();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode s = json(f.get("/" + kind + "/" + id, role));
            if (Set.of("done", "failed", "interrupted").contains(s.path("status").asText())) {
                return s;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(kind + " job " + id + " did not end within 60 s");
    }

    /** The audit lines that end the job {@code id} of {@code kind}, oldest first: one per end, never a set. */
    private static List<String> ends(String kind, String id) throws Exception {
        List<String> out = new ArrayList<>();
        json(f.get("/audit?path=/" + kind + "/" + id, ViewerRole.ADMIN)).forEach(l -> {
            if (l.path("path").asText().equals("/" + kind + "/" + id)
                    && l.path("method").asText().matches("JOB-(DONE|FAILED|INTERRUPTED)")) {
                out.add(l.path("method").asText());
            }
        });
        return out;
    }

    /** The records of a status that the archive acknowledged, by its result's counts. */
    private static long acknowledged(JsonNode status) {
        JsonNode r = status.path("result");
        return r.path("added").asLong() + r.path("observations").asLong() + r.path("alreadyArchived").asLong()
                + r.path("disposedOf").asLong();
    }

    private static Path statusFile(String kind, String id) {
        return f.data.resolve("jobs").resolve(kind).resolve(id + ".json");
    }

    private static void restart() {
        f.stop();
        f.start();
    }

    /** The real day's tweets under fresh ids from {@link #FIRST_ID}, dated 2019 so they are counted apart. */
    private static byte[] longUpload() throws Exception {
        ArrayNode day = (ArrayNode) ApiFixture.JSON.readTree(ApiFixture.DAY.toFile());
        ArrayNode upload = ApiFixture.JSON.createArrayNode();
        Instant first = Instant.parse("2019-01-01T00:00:00Z");
        for (int i = 0; i < LONG_UPLOAD; i++) {
            ObjectNode t = day.get(i % day.size()).deepCopy();
            String id = Long.toString(FIRST_ID + i);
            t.put("id", id);
            t.put("time", first.plusSeconds(i).toString());
            t.put("link", "https://www.twitter.com/" + t.path("screen_name").asText() + "/statuses/" + id);
            upload.add(t);
        }
        return ApiFixture.JSON.writeValueAsBytes(upload);
    }

    /** Uploads the long file and returns its job's id once the job runs and has read at least 1,000 records. */
    private static String longImportRunning() throws Exception {
        HttpResponse<String> created = post("/imports?name=big.json", ViewerRole.ARCHIVIST, longUpload());
        assertEquals(202, created.statusCode(), created.body());
        String id = json(created).path("id").asText();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode status;
        do {
            Thread.sleep(20);
            status = json(f.get("/imports/" + id, ViewerRole.ARCHIVIST));
        } while (status.path("read").asLong() < 1_000 && status.path("status").asText().matches("queued|running")
                && System.nanoTime() < deadline);
        assertEquals("running", status.path("status").asText(), "the job is stopped while it runs: " + status);
        return id;
    }

    @Test
    void aFinishedImportKeepsItsStatusAndItsOwnerAcrossARestart() throws Exception {
        ArrayNode all = (ArrayNode) ApiFixture.JSON.readTree(ApiFixture.DAY.toFile());
        ArrayNode upload = ApiFixture.JSON.createArrayNode();
        // Tweets of other authors than the fixture's six, so that what the other tests expect of those stays true.
        for (int i = 60; i < 160; i++) {
            if (!f.authorOf.containsValue(all.get(i).path("user_id").asText())) {
                upload.add(all.get(i));
            }
        }
        ObjectNode broken = all.get(200).deepCopy();
        broken.remove("id");
        upload.add(broken);
        JsonNode before = ended(post("/imports?name=more.json", ViewerRole.ARCHIVIST,
                ApiFixture.JSON.writeValueAsBytes(upload)), "imports", ViewerRole.ARCHIVIST);
        String id = before.path("id").asText();
        assertEquals("done", before.path("status").asText(), before.toString());
        assertEquals(upload.size(), before.path("read").asLong(), before.toString());
        assertEquals(ApiFixture.JSON.readTree(statusFile("imports", id).toFile()), before,
                "the status file holds what the status endpoint answers");

        restart();

        JsonNode after = json(f.get("/imports/" + id, ViewerRole.ARCHIVIST));
        assertEquals(before, after);
        assertEquals(200, f.get("/imports/" + id, ViewerRole.ADMIN).statusCode());
        String otherArchivist = new TokenStore(f.data.resolve("tokens"), f.clock).create("other-archivist",
                ViewerRole.ARCHIVIST, Duration.ofDays(1));
        HttpResponse<String> other = f.http.send(HttpRequest.newBuilder(f.uri("/imports/" + id))
                .header("Authorization", "Bearer " + otherArchivist).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertProblem(other, 403, "another uploader");
        assertProblem(f.get("/imports/" + id, ViewerRole.STAFF), 403, "another uploader");
        assertProblem(f.get("/imports/" + id, ViewerRole.PUBLIC), 401, "uploader");
        assertProblem(f.get("/imports/0123456789abcdef0123456789abcdef", ViewerRole.ADMIN), 404,
                "kept across restarts");
    }

    @Test
    void anImportAndAWaitingExportCutOffByAStopOrAKillAreInterruptedWithWhatTheArchiveHolds() throws Exception {
        String importId = longImportRunning();
        // What a server killed now would leave: the last status saved while the job ran, with its progress then.
        Path file = statusFile("imports", importId);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        byte[] saved;
        JsonNode running;
        do {
            Thread.sleep(20);
            saved = Files.readAllBytes(file);
            running = ApiFixture.JSON.readTree(saved);
            // Waits for a save after the first batch was acknowledged, but not so long that the job could end.
        } while ((running.path("read").asLong() == 0 || running.path("result").path("added").asLong() == 0
                && running.path("read").asLong() < 15_000) && running.path("status").asText().equals("running")
                && System.nanoTime() < deadline);
        // The archive's own count, taken after the snapshot (it only grows while the job runs).
        long archivedThen = f.office.count("since:2019-01-01");
        assertEquals("running", running.path("status").asText(), running.toString());
        assertTrue(running.path("read").asLong() > 0, "progress is saved while the job runs: " + running);
        assertTrue(running.path("result").isObject(), "what the archive acknowledged is saved too: " + running);
        assertTrue(acknowledged(running) <= running.path("read").asLong(), running.toString());
        // The import holds the archive's write side: the export waits for it, queued.
        HttpResponse<String> export = post("/exports?format=jsonl&q=since:2017-07-01", ViewerRole.ARCHIVIST,
                new byte[0]);
        assertEquals(202, export.statusCode(), export.body());
        String exportId = json(export).path("id").asText();
        assertEquals("queued", json(f.get("/exports/" + exportId, ViewerRole.ARCHIVIST)).path("status").asText());

        restart();

        JsonNode imported = json(f.get("/imports/" + importId, ViewerRole.ARCHIVIST));
        assertEquals("interrupted", imported.path("status").asText(), imported.toString());
        assertTrue(imported.path("error").asText().contains("Upload the file again"), imported.toString());
        assertTrue(imported.path("error").asText().contains("idempotent"), imported.toString());
        long added = imported.path("result").path("added").asLong();
        assertTrue(added >= running.path("read").asLong() && added < LONG_UPLOAD, imported.toString());
        assertEquals(added, imported.path("read").asLong(), "every record read was fresh and accepted: " + imported);
        // What the archive holds, counted by its own index and found by id: exactly the records the job counted.
        assertEquals(added, f.office.count("since:2019-01-01"), "the archive holds what the job reports");
        assertTrue(f.office.find(Long.toString(FIRST_ID)).isPresent());
        assertTrue(f.office.find(Long.toString(FIRST_ID + added - 1)).isPresent());
        assertFalse(f.office.find(Long.toString(FIRST_ID + added)).isPresent(), "the first record not read");
        assertEquals(ApiFixture.JSON.readTree(file.toFile()), imported, "the status file holds what the GET answers");
        assertEquals(added, acknowledged(imported), "after a stop, every record read was acknowledged");
        assertTrue(acknowledged(running) <= added, "the counts saved while it ran never exceed what the archive holds: "
                + running + ", archive " + added + " (" + archivedThen + " when the file was read)");

        JsonNode exported = json(f.get("/exports/" + exportId, ViewerRole.ARCHIVIST));
        assertEquals("interrupted", exported.path("status").asText(), exported.toString());
        assertTrue(exported.path("error").asText().contains("Ask for the export again"), exported.toString());
        assertTrue(exported.path("download").isMissingNode(), exported.toString());
        assertProblem(f.get("/exports/" + exportId + "/download", ViewerRole.ARCHIVIST), 409, "produced no file");
        assertFalse(Files.exists(f.data.resolve("exports").resolve("jobs").resolve(exportId)));
        // Each end is in the audit trail once, however often the server starts again.
        for (int start = 1; start <= 2; start++) {
            assertEquals(List.of("JOB-INTERRUPTED"), ends("imports", importId), "start " + start);
            assertEquals(List.of("JOB-INTERRUPTED"), ends("exports", exportId), "start " + start);
            if (start == 1) {
                restart();
            }
        }
        assertEquals(imported, json(f.get("/imports/" + importId, ViewerRole.ARCHIVIST)));

        // Had the server been killed instead, its next start finds the job running, with the counts last saved.
        f.stop();
        Files.write(file, saved);
        f.start();
        JsonNode killed = json(f.get("/imports/" + importId, ViewerRole.ARCHIVIST));
        assertEquals("interrupted", killed.path("status").asText(), killed.toString());
        assertEquals(running.path("read").asLong(), killed.path("read").asLong(), killed.toString());
        assertEquals(running.path("result"), killed.path("result"), "the acknowledged counts last saved");
        assertTrue(acknowledged(killed) <= f.office.count("since:2019-01-01"), "never more than the archive holds");
        assertEquals(running.path("startedAt"), killed.path("startedAt"));
        assertTrue(killed.path("error").asText().contains("killed"), killed.toString());
        assertTrue(killed.path("error").asText().contains("idempotent"), killed.toString());
        assertEquals(killed, ApiFixture.JSON.readTree(file.toFile()), "the interruption is saved");
        restart();
        assertEquals(killed, json(f.get("/imports/" + importId, ViewerRole.ARCHIVIST)), "and stays as it was");
        // The stop's end and the simulated kill's, each once; the export's once.
        assertEquals(List.of("JOB-INTERRUPTED", "JOB-INTERRUPTED"), ends("imports", importId));
        assertEquals(List.of("JOB-INTERRUPTED"), ends("exports", exportId));
    }

    @Test
    void aFinishedExportIsDownloadedWithTheSameBytesAfterARestart() throws Exception {
        String handle = f.tweets.get("public").get(0).path("screen_name").asText();
        // The fixture's day only: the long import of another test copies its authors into 2019.
        JsonNode before = ended(post("/exports?format=jsonl&q=from:" + handle + "+until:2018-01-01", ViewerRole.ARCHIVIST,
                new byte[0]), "exports", ViewerRole.ARCHIVIST);
        assertEquals("done", before.path("status").asText(), before.toString());
        String id = before.path("id").asText();
        HttpResponse<byte[]> first = f.getBytes("/exports/" + id + "/download", ViewerRole.ARCHIVIST);
        assertEquals(200, first.statusCode());
        assertEquals(f.tweets.get("public").size(),
                new String(first.body(), StandardCharsets.UTF_8).strip().split("\n").length);
        assertEquals(first.body().length, before.path("result").path("bytes").asLong(), before.toString());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(first.body())),
                before.path("result").path("sha256").asText(), "a single file's digest is the file's");

        restart();

        assertEquals(before, json(f.get("/exports/" + id, ViewerRole.ARCHIVIST)));
        HttpResponse<byte[]> again = f.getBytes("/exports/" + id + "/download", ViewerRole.ARCHIVIST);
        assertEquals(200, again.statusCode());
        assertTrue(java.util.Arrays.equals(first.body(), again.body()), "the same bytes after the restart");
        assertEquals(first.headers().firstValue("Content-Disposition"), again.headers().firstValue("Content-Disposition"));
        assertEquals(200, f.getBytes("/exports/" + id + "/download", ViewerRole.ADMIN).statusCode());
        assertProblem(f.getBytes("/exports/" + id + "/download", ViewerRole.LEGAL), 403, "");
        assertProblem(f.getBytes("/exports/" + id + "/download", null), 401, "");

        ExportFiles.deleteTree(f.data.resolve("exports").resolve("jobs").resolve(id));
        assertProblem(f.get("/exports/" + id + "/download", ViewerRole.ARCHIVIST), 410, "no longer on the server");
    }

    @Test
    void anUnreadableJobFileIsSkippedWithALogLineNamingItAndTheOtherJobsStayKnown() throws Exception {
        JsonNode imported = ended(post("/imports?name=empty.json&format=congresstweets", ViewerRole.ARCHIVIST,
                "[]".getBytes(StandardCharsets.UTF_8)), "imports", ViewerRole.ARCHIVIST);
        JsonNode exported = ended(post("/exports?format=csv&q=from:nobody", ViewerRole.ARCHIVIST, new byte[0]),
                "exports", ViewerRole.ARCHIVIST);
        f.stop();
        String cut = "0123456789abcdef0123456789abcdef";
        String odd = "fedcba9876543210fedcba9876543210";
        Path cutFile = statusFile("imports", cut);
        Files.writeString(cutFile, "{\"id\": \"" + cut + "\", \"status\": \"ru", StandardCharsets.UTF_8);
        ObjectNode unknown = ((ObjectNode) exported.deepCopy()).put("id", odd).put("status", "paused");
        Path oddFile = statusFile("exports", odd);
        Files.write(oddFile, ApiFixture.JSON.writeValueAsBytes(unknown));
        Logger log = (Logger) LoggerFactory.getLogger(JobFiles.class);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        log.addAppender(lines);
        try {
            f.start();
        } finally {
            log.detachAppender(lines);
        }

        assertEquals(imported, json(f.get("/imports/" + imported.path("id").asText(), ViewerRole.ARCHIVIST)));
        assertEquals(exported, json(f.get("/exports/" + exported.path("id").asText(), ViewerRole.ARCHIVIST)));
        assertProblem(f.get("/imports/" + cut, ViewerRole.ADMIN), 404, "could not be read");
        assertProblem(f.get("/exports/" + odd, ViewerRole.ADMIN), 404, "could not be read");
        for (Path bad : List.of(cutFile, oddFile)) {
            assertTrue(lines.list.stream().anyMatch(e -> e.getLevel() == ch.qos.logback.classic.Level.ERROR
                    && e.getFormattedMessage().contains(bad.toString())), bad + " named in " + lines.list);
        }
    }
}
