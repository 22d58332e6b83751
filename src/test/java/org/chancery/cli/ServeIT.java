package org.chancery.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.chancery.api.TokenStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code chancery demo} and {@code chancery serve} as real processes: start, answer, stop on SIGTERM. */
class ServeIT {
    @TempDir
    Path data;

    private Process start(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                "org.chancery.cli.Main", "--data", data.toString()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    @Test
    void demoArchivesTheSampleServesWithAnAdminTokenAndStopsCleanlyOnSigterm() throws Exception {
        Process p = start("demo", "--port", "0");
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String token = null;
        String url = null;
        List<String> calls = new ArrayList<>();
        StringBuilder seen = new StringBuilder();
        Pattern serving = Pattern.compile("Serving (http://\\S+/api/v1)");
        // Reads through the last example call (the checkpoint's), so that every call the demo suggests is seen.
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            seen.append(line).append('\n');
            if (line.startsWith("Admin token")) {
                token = line.substring(line.lastIndexOf(' ') + 1);
            }
            Matcher m = serving.matcher(line);
            if (m.find()) {
                url = m.group(1);
            }
            if (line.strip().startsWith("curl ")) {
                calls.add(line.strip());
            }
            if (line.strip().startsWith("curl ") && line.endsWith("/checkpoint")) {
                break;
            }
        }
        try {
            assertTrue(url != null && token != null, seen.toString());
            assertTrue(seen.toString().contains("1684 new"), seen.toString());
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> audit = http.send(HttpRequest.newBuilder(URI.create(url + "/audit"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, audit.statusCode(), audit.body());
            assertTrue(calls.size() >= 5, seen.toString());
            for (String call : calls) {
                checkExampleCall(http, call, url, token);
            }
        } finally {
            p.destroy();
        }
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the server stops on SIGTERM");
        // Closed cleanly: the archive's locks are released and it opens again with every tweet searchable.
        Cli.Result count = new Cli(data).run("search", "--count", "from:JeffFlake");
        assertEquals(0, count.exitCode(), count.err());
        long flake = 0;
        for (JsonNode i : RetentionFixtures.JSON.readTree(RetentionFixtures.DAY.toFile())) {
            flake += i.path("screen_name").asText().equals("JeffFlake") ? 1 : 0;
        }
        assertTrue(flake > 0);
        assertEquals(flake, Long.parseLong(count.out().strip()), count.out());
        // The demo's admin token ended with it: runs do not leave admin tokens behind.
        TokenStore.Lookup after = new TokenStore(data.resolve("tokens"), Clock.systemUTC()).lookup(token);
        assertTrue(after instanceof TokenStore.Invalid, "the demo token is revoked at exit: " + after);
    }

    /**
     * One example call as the demo printed it (its headers and URL taken from the printed line), checked against
     * the bundled sample read here with Jackson: it answers 200 with what the call is meant to show.
     */
    private static void checkExampleCall(HttpClient http, String call, String url, String token) throws Exception {
        Matcher m = Pattern.compile("^curl((?: -H '[^']+')*) '?(http://[^' ]+)'?$").matcher(call);
        assertTrue(m.matches(), "an example call the test can run: " + call);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(m.group(2)));
        Matcher h = Pattern.compile("-H '([^:]+): ([^']+)'").matcher(m.group(1));
        while (h.find()) {
            request.header(h.group(1), h.group(2));
        }
        assertTrue(m.group(2).startsWith(url), call);
        HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), call + " answered " + r.body());
        assertFalse(r.body().isBlank(), call + " answered an empty body");
        String path = m.group(2).substring(url.length());
        Matcher tweet = Pattern.compile("^/tweets/(\\d+)$").matcher(path);
        Matcher from = Pattern.compile("^/search\\?q=from:(\\w+)$").matcher(path);
        Matcher coverage = Pattern.compile("^/accounts/(\\w+)/coverage$").matcher(path);
        if (tweet.matches()) {
            JsonNode item = sampleItem(tweet.group(1));
            assertEquals(item.path("text").asText(), RetentionFixtures.JSON.readTree(r.body()).path("tweet").path("text").asText());
        } else if (from.matches()) {
            List<String> lines = r.body().lines().filter(l -> !l.isBlank()).toList();
            assertEquals(sampleCount(from.group(1)), lines.size(), call);
            for (String line : lines) {
                assertTrue(RetentionFixtures.JSON.readTree(line).path("handle").asText().equalsIgnoreCase(from.group(1)), line);
            }
        } else if (coverage.matches()) {
            JsonNode c = RetentionFixtures.JSON.readTree(r.body());
            assertEquals(1, c.path("days").size(), r.body());
            assertEquals(sampleCount(coverage.group(1)), c.path("days").get(0).path("tweets").asLong(), r.body());
        }
    }

    private static JsonNode sampleItem(String id) throws Exception {
        for (JsonNode i : RetentionFixtures.JSON.readTree(RetentionFixtures.DAY.toFile())) {
            if (i.path("id").asText().equals(id)) {
                return i;
            }
        }
        throw new AssertionError("tweet " + id + " is not in the bundled sample");
    }

    private static long sampleCount(String handle) throws Exception {
        long n = 0;
        for (JsonNode i : RetentionFixtures.JSON.readTree(RetentionFixtures.DAY.toFile())) {
            n += i.path("screen_name").asText().equalsIgnoreCase(handle) ? 1 : 0;
        }
        return n;
    }
}
