package org.chancery.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.chancery.retention.ViewerRole;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Imports while the archive is served, through real HTTP on port 0: upload, poll, then the tweets are served. */
class ImportsApiIT {
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

    private static HttpResponse<String> upload(String query, ViewerRole role, byte[] body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(f.uri("/imports" + query)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (role != null && role != ViewerRole.PUBLIC) {
            b.header("Authorization", "Bearer " + f.tokens.get(role));
        }
        return f.http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return ApiFixture.JSON.readTree(r.body());
    }

    private static void assertProblem(HttpResponse<String> r, int status, String mentions) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        assertTrue(json(r).path("detail").asText().contains(mentions), r.body());
    }

    /** Polls the job until it has finished (done or failed) and returns its last status. */
    private static JsonNode finished(HttpResponse<String> created, ViewerRole role) throws Exception {
        assertEquals(202, created.statusCode(), created.body());
        String id = json(created).path("id").asText();
        assertTrue(created.headers().firstValue("Location").orElseThrow().endsWith(ApiServer.BASE + "/imports/" + id));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode s = json(f.get("/imports/" + id, role));
            if (Set.of("done", "failed").contains(s.path("status").asText())) {
                return s;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("import job " + id + " did not finish within 60 s");
    }

    @Test
    void anUploadedDayIsArchivedAndServedWhileItsBadRecordIsNamed() throws Exception {
        ArrayNode all = (ArrayNode) ApiFixture.JSON.readTree(ApiFixture.DAY.toFile());
        ArrayNode upload = ApiFixture.JSON.createArrayNode();
        Set<String> fresh = new TreeSet<>();
        Set<String> already = new TreeSet<>();
        f.items.forEach(i -> already.add(i.path("id").asText()));
        for (int i = 50; i < 110; i++) {
            upload.add(all.get(i));
            String id = all.get(i).path("id").asText();
            if (!already.contains(id)) {
                fresh.add(id);
            }
        }
        ObjectNode broken = all.get(200).deepCopy();
        broken.remove("id");
        upload.add(broken);

        JsonNode done = finished(upload("?name=2017-07-10-more.json", ViewerRole.ARCHIVIST,
                ApiFixture.JSON.writeValueAsBytes(upload)), ViewerRole.ARCHIVIST);
        assertEquals("done", done.path("status").asText(), done.toString());
        assertEquals("congresstweets", done.path("format").asText());
        assertEquals(61, done.path("read").asLong());
        assertEquals(fresh.size(), done.path("result").path("added").asLong(), done.toString());
        assertEquals(60 - fresh.size(), done.path("result").path("alreadyArchived").asLong(), done.toString());
        assertEquals(1, done.path("rejected").asLong());
        assertEquals("id", done.path("rejections").get(0).path("field").asText(), done.toString());
        assertFalse(done.path("rejections").get(0).path("at").asText().isEmpty(), done.toString());

        for (String id : fresh) {
            HttpResponse<String> r = f.get("/tweets/" + id, ViewerRole.ADMIN);
            assertEquals(200, r.statusCode(), id + ": " + r.body());
            assertEquals(id, json(r).path("tweet").path("id").asText(), r.body());
        }
        JsonNode hits = json(f.get("/search?q=" + java.net.URLEncoder.encode("since:2017-07-01", StandardCharsets.UTF_8)
                + "&limit=1000", ViewerRole.ADMIN));
        Set<String> found = new TreeSet<>();
        hits.path("hits").forEach(h -> found.add(h.path("id").asText()));
        assertTrue(found.containsAll(fresh), "searchable once the job is done");
        try (var left = Files.list(f.data.resolve("imports").resolve("jobs"))) {
            assertEquals(0, left.count(), "the upload is removed once imported");
        }
        String id = done.path("id").asText();
        Set<String> steps = new TreeSet<>();
        json(f.get("/audit?who=archivist-token", ViewerRole.ADMIN)).forEach(l -> {
            String path = l.path("path").asText();
            if (path.contains(id) || path.equals("/imports") && l.path("status").asInt() == 202) {
                steps.add(l.path("method").asText() + " " + path.replace(id, "ID"));
            }
        });
        assertTrue(steps.containsAll(Set.of("POST /imports", "JOB-RUN /imports/ID", "JOB-DONE /imports/ID",
                "GET /imports/ID")), steps.toString());
        // The job's own lines, found by its path (what the 404 for a job unknown after a restart points to).
        List<String> own = new ArrayList<>();
        json(f.get("/audit?path=" + "/imports/" + id, ViewerRole.ADMIN))
                .forEach(l -> own.add(l.path("method").asText() + " " + l.path("path").asText()));
        assertTrue(own.containsAll(List.of("JOB-RUN /imports/" + id, "JOB-DONE /imports/" + id)), own.toString());
        assertTrue(own.stream().allMatch(l -> l.endsWith(" /imports/" + id)), own.toString());
    }

    @Test
    void aFileThatBreaksOffKeepsWhatWasReadFailsItsJobAndLeavesTheArchiveWritable() throws Exception {
        // A real twarc2 harvest (gzipped JSONL, one API page a line), cut in the middle of its compressed bytes.
        byte[] whole = Files.readAllBytes(Path.of("src/test/resources/fixtures/api-v2/2sets.jsonl.gz"));
        byte[] cut = java.util.Arrays.copyOf(whole, whole.length * 2 / 3);
        String firstLine;
        try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(new java.util.zip.GZIPInputStream(
                new java.io.ByteArrayInputStream(whole)), StandardCharsets.UTF_8))) {
            firstLine = in.readLine();
        }
        String firstId = ApiFixture.JSON.readTree(firstLine).path("data").get(0).path("id").asText();

        JsonNode failed = finished(upload("?name=cut.jsonl.gz&format=api-v2", ViewerRole.ARCHIVIST, cut),
                ViewerRole.ARCHIVIST);
        assertEquals("failed", failed.path("status").asText(), failed.toString());
        assertTrue(failed.path("error").asText().startsWith("cut.jsonl.gz: "), failed.toString());
        assertFalse(failed.path("error").asText().contains(f.data.toString()), failed.toString());
        long kept = failed.path("result").path("added").asLong();
        assertTrue(kept > 0, "what was read before the break is archived: " + failed);
        assertEquals("(file)", failed.path("rejections").get(failed.path("rejections").size() - 1).path("field")
                .asText(), failed.toString());
        assertEquals(200, f.get("/tweets/" + firstId, ViewerRole.ADMIN).statusCode());

        // The archive still takes writes: the whole file goes in, and the tweets kept from the cut one count once.
        JsonNode done = finished(upload("?name=whole.jsonl.gz&format=api-v2", ViewerRole.ARCHIVIST, whole),
                ViewerRole.ARCHIVIST);
        assertEquals("done", done.path("status").asText(), done.toString());
        assertTrue(done.path("result").path("added").asLong() > 0, done.toString());
        assertEquals(kept, done.path("result").path("alreadyArchived").asLong(), done.toString());
    }

    @Test
    void aCompressedFileThatBreaksOffBeforeItsFormatIsKnownFailsNamingTheFile() throws Exception {
        byte[] gz = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3};
        JsonNode failed = finished(upload("?name=broken.json.gz", ViewerRole.ADMIN, gz), ViewerRole.ADMIN);
        assertEquals("failed", failed.path("status").asText(), failed.toString());
        assertTrue(failed.path("error").asText().startsWith("broken.json.gz: "), failed.toString());
    }

    @Test
    void anUploadDeclaredLargerThanTheLimitIsRefusedBeforeAByteIsStored() throws Exception {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", f.server.port())) {
            s.setSoTimeout(20_000);
            s.getOutputStream().write(("POST " + ApiServer.BASE + "/imports?name=huge.jsonl HTTP/1.1\r\nHost: x\r\n"
                    + "Authorization: Bearer " + f.tokens.get(ViewerRole.ADMIN) + "\r\nContent-Length: "
                    + (ImportJobs.MAX_UPLOAD_BYTES + 1) + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(answer.startsWith("HTTP/1.1 413 "), answer);
            assertTrue(answer.contains("at most " + ImportJobs.MAX_UPLOAD_BYTES + " bytes"), answer);
        }
    }

    @Test
    void aFileOfNoKnownFormatFailsTheJobNamingTheFileNotTheServersPath() throws Exception {
        JsonNode failed = finished(upload("?name=notes.txt", ViewerRole.ADMIN,
                "minutes of the meeting\n".getBytes(StandardCharsets.UTF_8)), ViewerRole.ADMIN);
        assertEquals("failed", failed.path("status").asText(), failed.toString());
        String error = failed.path("error").asText();
        assertTrue(error.startsWith("notes.txt: cannot tell the format"), error);
        assertFalse(error.contains(f.data.toString()), error);
        assertTrue(error.contains("?format="), "advice for an API client: " + error);
        assertFalse(error.contains("--format"), "not the command line's advice: " + error);
        // The upload was at fault, not the server: the audit trail says so.
        List<Integer> ends = new ArrayList<>();
        json(f.get("/audit?path=/imports/" + failed.path("id").asText(), ViewerRole.ADMIN)).forEach(l -> {
            if (l.path("method").asText().equals("JOB-FAILED")) {
                ends.add(l.path("status").asInt());
            }
        });
        assertEquals(List.of(422), ends);
    }

    @Test
    void onlyArchivistsAndAdministratorsImportAndOnlyTheUploaderOrAnAdministratorSeesTheJob() throws Exception {
        byte[] empty = "[]".getBytes(StandardCharsets.UTF_8);
        assertProblem(upload("?name=a.json", ViewerRole.PUBLIC, empty), 401, "bearer token");
        assertProblem(upload("?name=a.json", ViewerRole.STAFF, empty), 403, "staff");
        assertProblem(upload("?name=a.json", ViewerRole.LEGAL, empty), 403, "legal");

        HttpResponse<String> created = upload("?name=a.json&format=congresstweets", ViewerRole.ARCHIVIST, empty);
        String id = json(created).path("id").asText();
        finished(created, ViewerRole.ARCHIVIST);
        assertEquals(200, f.get("/imports/" + id, ViewerRole.ADMIN).statusCode());
        String otherArchivist = new TokenStore(f.data.resolve("tokens"), f.clock).create("other-archivist",
                ViewerRole.ARCHIVIST, Duration.ofDays(1));
        HttpResponse<String> other = f.http.send(HttpRequest.newBuilder(f.uri("/imports/" + id))
                .header("Authorization", "Bearer " + otherArchivist).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertProblem(other, 403, "another uploader");
        assertProblem(f.get("/imports/" + id, ViewerRole.STAFF), 403, "another uploader");
        assertProblem(f.get("/imports/" + id, ViewerRole.PUBLIC), 401, "uploader");
        assertProblem(f.get("/imports/0123456789abcdef", ViewerRole.ADMIN), 404, "no import job");
    }

    @Test
    void badParametersAreNamed() throws Exception {
        byte[] body = "[]".getBytes(StandardCharsets.UTF_8);
        assertProblem(upload("", ViewerRole.ADMIN, body), 400, "name");
        assertProblem(upload("?name=..%2Fescape.json", ViewerRole.ADMIN, body), 400, "plain name");
        assertProblem(upload("?name=.hidden", ViewerRole.ADMIN, body), 400, "plain name");
        HttpResponse<String> r = upload("?name=a.json&format=tiktok", ViewerRole.ADMIN, body);
        assertProblem(r, 400, "unknown format");
        assertEquals("format", json(r).path("parameter").asText(), r.body());
    }
}
