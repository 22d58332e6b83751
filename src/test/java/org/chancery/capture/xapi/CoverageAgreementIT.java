package org.chancery.capture.xapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
 * {@code chancery coverage --json} and {@code GET /accounts/{handle}/coverage} (with an admin token) give the same
 * statement for the same archive: for an account captured from the emulator, one imported from a congresstweets
 * file and in the registry, one imported but not in the registry, and, for an unknown handle, the same refusal.
 */
class CoverageAgreementIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DAY = Path.of("src/test/resources/fixtures/congresstweets/2017-07-10.json");
    private static final Path USERS = Path.of("src/test/resources/fixtures/retention/users-filtered.json");

    @TempDir
    Path data;

    private record Run(int code, String out, String err) {}

    private Run cli(FakeTime time, Map<String, String> env, String... args) {
        List<String> all = new ArrayList<>(List.of("--data", data.toString()));
        all.addAll(List.of(args));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new CliContext(time, env, new PrintWriter(out), new PrintWriter(err), false),
                all.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    private static Map<String, Integer> perDay(String handle) throws Exception {
        Map<String, Integer> days = new TreeMap<>();
        for (JsonNode i : JSON.readTree(DAY.toFile())) {
            if (i.path("screen_name").asText().equals(handle)) {
                // congresstweets gives local time with its offset; coverage counts UTC days of posting.
                days.merge(OffsetDateTime.parse(i.path("time").asText()).atZoneSameInstant(ZoneOffset.UTC).toLocalDate()
                        .toString(), 1, Integer::sum);
            }
        }
        return days;
    }

    private static Map<String, Integer> reported(JsonNode coverage) {
        Map<String, Integer> days = new TreeMap<>();
        coverage.path("days").forEach(d -> days.put(d.path("day").asText(), d.path("tweets").asInt()));
        return days;
    }

    @Test
    void cliAndApiGiveTheSameStatementForCapturedImportedAndUnknownAccounts() throws Exception {
        FakeTime time = new FakeTime(Instant.parse("2021-05-12T00:00:00Z"));
        try (XApiEmulator api = new XApiEmulator(time).load("timeline-mariambarghouti.jsonl.gz").pageSize(60)) {
            assertEquals(0, cli(time, Map.of(XApiConfig.TOKEN_ENV, XApiEmulator.TOKEN, XApiConfig.BASE_URL_ENV,
                    api.baseUrl().toString()), "capture", "MariamBarghouti").code());
        }
        assertEquals(0, cli(time, Map.of(), "import", DAY.toString()).code());
        assertEquals(0, cli(time, Map.of(), "accounts", "import", USERS.toString()).code());

        List<String> handles = List.of("MariamBarghouti", "SenateDems", "JeffFlake");
        Map<String, JsonNode> fromCli = new TreeMap<>();
        for (String h : handles) {
            Run r = cli(time, Map.of(), "coverage", h, "--json");
            assertEquals(0, r.code(), h + ": " + r.err());
            fromCli.put(h, JSON.readTree(r.out()));
        }
        Run unknown = cli(time, Map.of(), "coverage", "nobody_archived", "--json");
        assertEquals(Main.FAILED, unknown.code(), unknown.out());

        // Imported, never captured: the days the file holds, and a statement that no X API capture ran.
        JsonNode dems = fromCli.get("SenateDems");
        assertEquals(perDay("SenateDems"), reported(dems), dems.toString());
        assertEquals(0, dems.path("runs").asInt());
        assertTrue(dems.path("statements").toString().contains("No capture from the X API"), dems.toString());
        // Imported, not in the registry: still what the archive holds, found by the handle the tweets carry.
        assertEquals(perDay("JeffFlake"), reported(fromCli.get("JeffFlake")), fromCli.get("JeffFlake").toString());
        assertEquals(1, fromCli.get("MariamBarghouti").path("runs").asInt());
        assertTrue(fromCli.get("MariamBarghouti").path("days").size() > 0);

        try (RecordOffice office = RecordOffice.open(new DataDir(data), time);
             ApiServer server = ApiServer.start(new ApiConfig("127.0.0.1", 0, Duration.ofSeconds(5), new DataDir(data),
                     PolicySet.of(List.of())), office, time)) {
            String admin = new TokenStore(data.resolve("tokens"), time).create("cov-admin", ViewerRole.ADMIN, null);
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + server.port() + ApiServer.BASE + "/accounts/";
            for (String h : handles) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + h + "/coverage"))
                        .header("Authorization", "Bearer " + admin).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, r.statusCode(), h + ": " + r.body());
                assertEquals(fromCli.get(h), JSON.readTree(r.body()), h);
            }
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "nobody_archived/coverage"))
                    .header("Authorization", "Bearer " + admin).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(404, r.statusCode(), r.body());
            String detail = JSON.readTree(r.body()).path("detail").asText();
            assertTrue(!detail.isEmpty() && unknown.err().contains(detail), unknown.err() + " vs " + detail);
        }
    }
}
