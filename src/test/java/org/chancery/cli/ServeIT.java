package org.chancery.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
        StringBuilder seen = new StringBuilder();
        Pattern serving = Pattern.compile("Serving (http://\\S+/api/v1)");
        for (String line = out.readLine(); line != null && url == null; line = out.readLine()) {
            seen.append(line).append('\n');
            if (line.startsWith("Admin token")) {
                token = line.substring(line.lastIndexOf(' ') + 1);
            }
            Matcher m = serving.matcher(line);
            if (m.find()) {
                url = m.group(1);
            }
        }
        try {
            assertTrue(url != null && token != null, seen.toString());
            assertTrue(seen.toString().contains("1684 new"), seen.toString());
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(url + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode());
            HttpResponse<String> audit = http.send(HttpRequest.newBuilder(URI.create(url + "/audit"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, audit.statusCode(), audit.body());
        } finally {
            p.destroy();
        }
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the server stops on SIGTERM");
        // Closed cleanly: the archive's locks are released and it opens again with every tweet searchable.
        Cli.Result count = new Cli(data).run("search", "--count", "from:JeffFlake");
        assertEquals(0, count.exitCode(), count.err());
        long flake = 0;
        for (com.fasterxml.jackson.databind.JsonNode i : RetentionFixtures.JSON.readTree(RetentionFixtures.DAY.toFile())) {
            flake += i.path("screen_name").asText().equals("JeffFlake") ? 1 : 0;
        }
        assertTrue(flake > 0);
        assertEquals(flake, Long.parseLong(count.out().strip()), count.out());
    }
}
