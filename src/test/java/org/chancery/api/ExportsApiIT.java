package org.chancery.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.chancery.export.ExportVerifier;
import org.chancery.retention.ViewerRole;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Export jobs through real HTTP on port 0: create, poll, download, verify offline; who may do what. */
class ExportsApiIT {
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

    private static HttpResponse<String> post(String pathAndQuery, ViewerRole role, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(f.uri(pathAndQuery)).timeout(Duration.ofSeconds(20))
                .POST(body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (role != null && role != ViewerRole.PUBLIC) {
            b.header("Authorization", "Bearer " + f.tokens.get(role));
        }
        return f.http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return ApiFixture.JSON.readTree(r.body());
    }

    private static void assertProblem(HttpResponse<?> r, int status) throws Exception {
        assertEquals(status, r.statusCode(), String.valueOf(r.body()));
        assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse("").split(";")[0]);
    }

    private static String handle(String kind) {
        return f.tweets.get(kind).get(0).path("screen_name").asText();
    }

    private static Set<String> ids(String kind) {
        Set<String> ids = new TreeSet<>();
        f.tweets.get(kind).forEach(t -> ids.add(t.path("id").asText()));
        return ids;
    }

    /** Starts a job and polls its status until it is done (or fails the test). */
    private static JsonNode runToDone(ViewerRole role, String pathAndQuery, String body) throws Exception {
        HttpResponse<String> created = post(pathAndQuery, role, body);
        assertEquals(202, created.statusCode(), created.body());
        String id = json(created).path("id").asText();
        String location = created.headers().firstValue("Location").orElseThrow();
        assertTrue(location.endsWith(ApiServer.BASE + "/exports/" + id), location);
        assertTrue(Set.of("queued", "running", "done").contains(json(created).path("status").asText()), created.body());
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode s = json(f.get("/exports/" + id, role));
            String status = s.path("status").asText();
            assertTrue(Set.of("queued", "running", "done").contains(status), s.toString());
            if (status.equals("done")) {
                return s;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("export job " + id + " did not finish within 60 s");
    }

    @Test
    void archivistExportRunsToDoneAndItsDownloadedBagVerifiesOffline() throws Exception {
        Set<String> expected = ids("public");
        JsonNode done = runToDone(ViewerRole.ARCHIVIST, "/exports",
                "{\"query\": \"from:" + handle("public") + "\", \"format\": \"bagit\"}");
        assertEquals(expected.size(), done.path("progress").path("written").asLong());
        assertEquals(expected.size(), done.path("progress").path("total").asLong());
        assertEquals(expected.size(), done.path("result").path("exported").asLong());
        assertEquals("archivist-token", done.path("requestedBy").asText());
        String download = done.path("download").asText();
        assertEquals(ApiServer.BASE + "/exports/" + done.path("id").asText() + "/download", download);

        HttpResponse<byte[]> zip = f.getBytes(download.substring(ApiServer.BASE.length()), ViewerRole.ARCHIVIST);
        assertEquals(200, zip.statusCode());
        assertEquals("application/zip", zip.headers().firstValue("Content-Type").orElse(""));
        Path file = dir.resolve("downloaded.zip");
        Files.write(file, zip.body());
        ExportVerifier.Report report = new ExportVerifier().verify(file, Optional.empty());
        assertTrue(report.clean(), report.problems().toString());
        assertEquals(expected.size(), report.records());

        // The records inside are exactly the author's tweets, read from the payloads.
        Set<String> inBag = new TreeSet<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.body()))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                if (e.getName().endsWith("/data/records.jsonl")) {
                    for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                        inBag.add(ApiFixture.JSON.readTree(line).path("id").asText());
                    }
                }
            }
        }
        assertEquals(expected, inBag);

        // Logged in the tamper-evident log as the CLI logs an export, and each step in the audit trail.
        List<String> events = Files.readAllLines(f.data.resolve("exports").resolve("exports.jsonl"));
        JsonNode event = events.stream().map(l -> {
            try {
                return ApiFixture.JSON.readTree(l);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).filter(e -> e.path("sha256").asText().equals(done.path("result").path("sha256").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no export event with the job's digest in " + events));
        assertEquals("archivist-token", event.path("exportedBy").asText());
        assertEquals("archivist", event.path("role").asText());
        assertEquals(expected.size(), event.path("records").asLong());
        JsonNode audit = json(f.get("/audit?who=archivist-token", ViewerRole.ADMIN));
        Set<String> steps = new TreeSet<>();
        audit.forEach(l -> {
            String path = l.path("path").asText();
            if (path.contains(done.path("id").asText()) || path.equals("/exports") && l.path("status").asInt() == 202) {
                steps.add(l.path("method").asText() + " " + path.replace(done.path("id").asText(), "ID"));
            }
        });
        assertTrue(steps.containsAll(Set.of("POST /exports", "JOB-RUN /exports/ID", "JOB-DONE /exports/ID",
                "GET /exports/ID", "GET /exports/ID/download")), steps.toString());
    }

    @Test
    void exportHoldsOnlyWhatTheCallersRoleMaySee() throws Exception {
        int n = ids("restricted").size();
        JsonNode done = runToDone(ViewerRole.STAFF, "/exports?format=csv&q=from:" + handle("restricted"), null);
        assertEquals(0, done.path("result").path("exported").asLong());
        assertEquals(n, done.path("result").path("withheld").asLong());
        HttpResponse<String> csv = f.get("/exports/" + done.path("id").asText() + "/download", ViewerRole.STAFF);
        assertEquals(200, csv.statusCode());
        assertEquals(1, csv.body().split("\r\n|\n").length, "only the header row: " + csv.body());
        for (String id : ids("restricted")) {
            assertFalse(csv.body().contains(id), id);
        }
    }

    @Test
    void publicCallerCannotStartAnExport() throws Exception {
        HttpResponse<String> r = post("/exports?q=x", null, null);
        assertProblem(r, 401);
        assertTrue(r.headers().firstValue("Location").isEmpty());
    }

    @Test
    void anotherNonAdminCannotSeeOrDownloadSomeoneElsesExport() throws Exception {
        JsonNode done = runToDone(ViewerRole.ARCHIVIST, "/exports?q=from:" + handle("public") + "&format=jsonl", null);
        String id = done.path("id").asText();
        assertProblem(f.get("/exports/" + id, ViewerRole.LEGAL), 403);
        assertProblem(f.get("/exports/" + id + "/download", ViewerRole.LEGAL), 403);
        assertProblem(f.get("/exports/" + id + "/download", ViewerRole.STAFF), 403);
        assertProblem(f.get("/exports/" + id + "/download", null), 401);
        HttpResponse<String> asAdmin = f.get("/exports/" + id + "/download", ViewerRole.ADMIN);
        assertEquals(200, asAdmin.statusCode());
        assertEquals(ids("public").size(), asAdmin.body().strip().split("\n").length);
    }

    @Test
    void unknownJobIsANotFoundProblem() throws Exception {
        assertProblem(f.get("/exports/0123456789abcdef0123456789abcdef", ViewerRole.ADMIN), 404);
        assertProblem(f.get("/exports/nope/download", ViewerRole.ADMIN), 404);
    }

    @Test
    void badFormatIsABadParameterProblem() throws Exception {
        HttpResponse<String> r = post("/exports", ViewerRole.ADMIN, "{\"query\": \"x\", \"format\": \"docx\"}");
        assertProblem(r, 400);
        assertEquals("format", json(r).path("parameter").asText());
    }

    @Test
    void aMalformedQueryIsRefusedAtOnceNotAFailedJobLater() throws Exception {
        for (String body : List.of("{\"query\": \"foo:bar\", \"format\": \"csv\"}", "{\"query\": \"from:\"}")) {
            HttpResponse<String> r = post("/exports", ViewerRole.ADMIN, body);
            assertProblem(r, 400);
            assertEquals("query", json(r).path("parameter").asText(), r.body());
        }
        HttpResponse<String> r = post("/exports?q=foo:bar&format=csv", ViewerRole.ADMIN, null);
        assertProblem(r, 400);
        assertEquals("query", json(r).path("parameter").asText(), r.body());
    }

    @Test
    void zipSaysWhatTheDownloadIsAndAContradictingOrUnknownOptionIsRefused() throws Exception {
        String query = "from:" + handle("public");
        JsonNode csv = runToDone(ViewerRole.ADMIN, "/exports", "{\"query\": \"" + query + "\", \"format\": \"csv\"}");
        assertFalse(csv.path("zip").asBoolean(true), csv.toString());
        HttpResponse<byte[]> file = f.getBytes(csv.path("download").asText().substring(ApiServer.BASE.length()),
                ViewerRole.ADMIN);
        assertEquals("text/csv", file.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        assertFalse(file.body().length > 1 && file.body()[0] == 'P' && file.body()[1] == 'K', "not a zip");

        for (String body : List.of("{\"query\": \"" + query + "\", \"format\": \"csv\", \"zip\": true}",
                "{\"query\": \"" + query + "\", \"format\": \"bagit\", \"zip\": false}")) {
            HttpResponse<String> r = post("/exports", ViewerRole.ADMIN, body);
            assertProblem(r, 400);
            assertEquals("zip", json(r).path("parameter").asText(), r.body());
        }
        HttpResponse<String> r = post("/exports", ViewerRole.ADMIN, "{\"query\": \"" + query + "\", \"formt\": \"csv\"}");
        assertProblem(r, 400);
        assertEquals("formt", json(r).path("parameter").asText(), r.body());
    }
}
