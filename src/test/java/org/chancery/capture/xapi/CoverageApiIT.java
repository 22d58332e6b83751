package org.chancery.capture.xapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.chancery.api.ApiConfig;
import org.chancery.api.ApiServer;
import org.chancery.api.TokenStore;
import org.chancery.archive.RecordOffice;
import org.chancery.cli.CliContext;
import org.chancery.cli.Main;
import org.chancery.config.DataDir;
import org.chancery.retention.PolicySet;
import org.chancery.retention.ViewerRole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /accounts/{handle}/coverage} over real HTTP for an account captured from the emulator: the days and
 * counts match the served timeline, a deletion and a failed run show, and the public sees the runs but not the
 * internal tweets.
 */
class CoverageApiIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;

    private int cli(FakeTime time, Map<String, String> env, String... args) {
        List<String> all = new ArrayList<>(List.of("--data", data.toString()));
        all.addAll(List.of(args));
        StringWriter out = new StringWriter();
        return Main.run(new CliContext(time, env, new PrintWriter(out), new PrintWriter(out), false), all.toArray(String[]::new));
    }

    @Test
    void coverageOfACapturedAccountMatchesTheTimelineTheApiServed() throws Exception {
        List<JsonNode> served = new ArrayList<>();
        try (InputStream in = new GZIPInputStream(CoverageApiIT.class.getResourceAsStream(
                "/fixtures/xapi/timeline-mariambarghouti.jsonl.gz"))) {
            JSON.readTree(in).path("data").forEach(served::add);
        }
        Map<String, Integer> perDay = new TreeMap<>();
        served.forEach(t -> perDay.merge(t.path("created_at").asText().substring(0, 10), 1, Integer::sum));
        JsonNode gone = served.get(17);
        String goneDay = gone.path("created_at").asText().substring(0, 10);

        FakeTime time = new FakeTime(Instant.parse("2021-05-12T00:00:00Z"));
        try (XApiEmulator api = new XApiEmulator(time).load("timeline-mariambarghouti.jsonl.gz").pageSize(60)) {
            Map<String, String> env = Map.of(XApiConfig.TOKEN_ENV, XApiEmulator.TOKEN, XApiConfig.BASE_URL_ENV,
                    api.baseUrl().toString());
            assertEquals(0, cli(time, env, "capture", "MariamBarghouti"));
            api.delete(gone.path("id").asText());
            assertEquals(0, cli(time, env, "capture", "--recheck-days", "30", "MariamBarghouti"));
            assertEquals(Main.FAILED, cli(time, Map.of(XApiConfig.TOKEN_ENV, "revoked-token", XApiConfig.BASE_URL_ENV,
                    api.baseUrl().toString()), "capture", "MariamBarghouti"));
        }

        String userId = served.get(0).path("author_id").asText();
        String failure;
        try (RecordOffice office = RecordOffice.open(new DataDir(data), time);
             ApiServer server = ApiServer.start(new ApiConfig("127.0.0.1", 0, Duration.ofSeconds(5), new DataDir(data),
                     PolicySet.of(List.of())), office, time)) {
            String staff = new TokenStore(data.resolve("tokens"), time).create("cov-staff", ViewerRole.STAFF, null);
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + server.port() + ApiServer.BASE + "/accounts/MariamBarghouti/coverage";

            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base))
                    .header("Authorization", "Bearer " + staff).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            JsonNode c = JSON.readTree(r.body());
            assertEquals(userId, c.path("userId").asText());
            assertEquals(3, c.path("runs").asInt(), r.body());
            assertTrue(c.path("backfillComplete").asBoolean());
            assertEquals(served.size(), c.path("backfillTweets").asInt());
            assertFalse(c.path("historyLimitHit").asBoolean());
            Map<String, Integer> reported = new TreeMap<>();
            Map<String, Integer> unavailable = new TreeMap<>();
            for (JsonNode d : c.path("days")) {
                reported.put(d.path("day").asText(), d.path("tweets").asInt());
                if (d.path("unavailable").asInt() > 0) {
                    unavailable.put(d.path("day").asText(), d.path("unavailable").asInt());
                }
            }
            assertEquals(perDay, reported);
            assertEquals(Map.of(goneDay, 1), unavailable);
            assertEquals(1, c.path("failureCount").asInt(), r.body());
            assertEquals(1, c.path("failures").size(), r.body());
            failure = c.path("failures").get(0).path("error").asText();
            assertTrue(failure.contains("401"), r.body());
            assertFalse(r.body().contains("revoked-token") || r.body().contains(XApiEmulator.TOKEN), r.body());

            JsonNode oneDay = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(base + "?from=" + goneDay + "&to="
                    + goneDay)).header("Authorization", "Bearer " + staff).build(), HttpResponse.BodyHandlers.ofString()).body());
            assertEquals(1, oneDay.path("days").size(), oneDay.toString());
            assertEquals(perDay.get(goneDay).intValue(), oneDay.path("days").get(0).path("tweets").asInt());

            // Captured but not in the account registry: the public learns nothing, not even the user id.
            HttpResponse<String> unregistered = http.send(HttpRequest.newBuilder(URI.create(base)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(404, unregistered.statusCode(), unregistered.body());
            assertFalse(unregistered.body().contains(userId), unregistered.body());
        }

        Path registry = data.resolveSibling(data.getFileName() + "-registry.yaml");
        java.nio.file.Files.writeString(registry, """
                accounts:
                  - id: "%s"
                    name: Mariam Barghouti
                    roles: [{role: staff, from: 2019-01-01}]
                    handles: [MariamBarghouti]
                """.formatted(userId));
        assertEquals(0, cli(time, Map.of(), "accounts", "import", registry.toString()));
        try (RecordOffice office = RecordOffice.open(new DataDir(data), time);
             ApiServer server = ApiServer.start(new ApiConfig("127.0.0.1", 0, Duration.ofSeconds(5), new DataDir(data),
                     PolicySet.of(List.of())), office, time)) {
            String base = "http://127.0.0.1:" + server.port() + ApiServer.BASE + "/accounts/MariamBarghouti/coverage";
            // No policy covers these tweets, so they are internal: the public sees the runs, not the tweets, and
            // how many runs failed but not what they reported.
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            JsonNode anonymous = JSON.readTree(r.body());
            assertEquals(3, anonymous.path("runs").asInt());
            assertEquals(0, anonymous.path("days").size(), anonymous.toString());
            assertEquals(1, anonymous.path("failureCount").asInt(), r.body());
            assertTrue(anonymous.path("failures").isNull(), r.body());
            assertFalse(r.body().contains(failure), r.body());
            assertTrue(anonymous.path("statements").toString().contains("1 run(s) failed"), r.body());
        }
    }
}
