package org.chancery.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The launcher scripts and the README stay true to the build. */
class ScriptsIT {
    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String[] bash(String script, String... env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", script).directory(ROOT.toFile());
        for (String kv : env) {
            int eq = kv.indexOf('=');
            pb.environment().put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new String[] {String.valueOf(p.waitFor()), out, err};
    }

    @Test
    void jdkFinderPrefersAJavaHomeThatIsNewEnough() throws Exception {
        String current = System.getProperty("java.home");
        String[] r = bash(". scripts/lib/jdk.sh && chancery_find_jdk && echo \"$JAVA_HOME\"", "JAVA_HOME=" + current);
        assertEquals("0", r[0], r[2]);
        assertEquals(current, r[1].strip());
    }

    @Test
    void jdkFinderSaysClearlyWhenNoSuitableJdkExists(@TempDir Path empty) throws Exception {
        String[] r = bash(". scripts/lib/jdk.sh && chancery_find_jdk", "JAVA_HOME=" + empty, "CHANCERY_JDK_DIRS=" + empty);
        assertEquals("1", r[0]);
        assertTrue(r[2].contains("no JDK 21 or newer found"), r[2]);
    }

    /**
     * The README's first command, {@code scripts/chancery demo}, run exactly as written (into a temporary data folder
     * via CHANCERY_DATA, on a free port via CHANCERY_PORT=0): it prints the URL and an admin token, answers the
     * example call it prints, stops cleanly on SIGTERM, and leaves an archive that verifies.
     */
    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void readmeRunCommandWorksAsWritten(@TempDir Path data) throws Exception {
        String command = Files.readAllLines(ROOT.resolve("README.md"), StandardCharsets.UTF_8).stream()
                .filter(l -> l.startsWith("scripts/chancery ")).findFirst().orElseThrow();
        command = command.replaceAll("\\s+#.*$", "");
        assertEquals("scripts/chancery demo", command);
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", command).directory(ROOT.toFile()).redirectErrorStream(true);
        pb.environment().put("CHANCERY_DATA", data.toString());
        pb.environment().put("CHANCERY_PORT", "0");
        Process p = pb.start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        StringBuffer seen = new StringBuffer();
        Thread drain = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    seen.append(line).append('\n');
                    lines.add(line);
                }
            } catch (IOException e) {
                seen.append("(output unreadable: ").append(e.getMessage()).append(")\n");
            }
        }, "demo-output");
        drain.start();
        String url = null;
        String call = null;
        Pattern serving = Pattern.compile("^Serving (http://\\S+/api/v1) ");
        Pattern example = Pattern.compile("^\\s*curl -H 'Authorization: Bearer (\\S+)' (http://\\S+/tweets/(\\d+))$");
        Matcher call1 = null;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(8);
        while ((url == null || call == null) && System.nanoTime() < deadline && (p.isAlive() || !lines.isEmpty())) {
            String line = lines.poll(1, TimeUnit.SECONDS);
            if (line == null) {
                continue;
            }
            Matcher m = serving.matcher(line);
            if (m.find()) {
                url = m.group(1);
            }
            Matcher e = example.matcher(line);
            if (e.find()) {
                call = line;
                call1 = e;
            }
        }
        try {
            assertTrue(url != null && call1 != null, "the demo prints its URL and an example call with the token: " + seen);
            assertTrue(seen.toString().contains("Admin token") && seen.toString().contains(call1.group(1)), seen.toString());
            assertTrue(seen.toString().contains("1684 new"), seen.toString());
            assertTrue(call1.group(2).startsWith(url), call + " calls " + url);
            // The example call as printed, with the printed token; the answer is checked against the bundled sample.
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(call1.group(2)))
                    .header("Authorization", "Bearer " + call1.group(1)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            JsonNode sample = null;
            for (JsonNode i : JSON.readTree(ROOT.resolve("src/main/resources/demo/2017-07-10.json").toFile())) {
                if (i.path("id").asText().equals(call1.group(3))) {
                    sample = i;
                }
            }
            assertTrue(sample != null, "the example tweet is in the bundled sample");
            JsonNode answer = JSON.readTree(r.body());
            assertEquals(call1.group(3), answer.path("tweet").path("id").asText(), r.body());
            assertEquals(sample.path("text").asText(), answer.path("tweet").path("text").asText(), r.body());
        } finally {
            p.destroy();
        }
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "the demo stops on SIGTERM: " + seen);
        drain.join(10_000);
        int code = p.exitValue();
        assertTrue(code == 0 || code == 143, "exit 0 or 143 (128 + SIGTERM) after a clean stop, got " + code + ": " + seen);
        String[] verify = bash("scripts/chancery verify", "CHANCERY_DATA=" + data);
        assertEquals("0", verify[0], verify[1] + verify[2]);
    }

    @Test
    void readmeStartsWithTheTwoCommandsAndCiRunsTheTestCommand() throws IOException {
        List<String> readme = Files.readAllLines(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
        String top = String.join("\n", readme.subList(0, Math.min(8, readme.size())));
        assertTrue(top.contains("scripts/chancery "), "README's first lines show how to run Chancery");
        assertTrue(top.contains("scripts/test"), "README's first lines show the test command");
        String ci = Files.readString(ROOT.resolve(".ci/run"), StandardCharsets.UTF_8);
        assertTrue(ci.contains("exec scripts/test"), ".ci/run calls exactly scripts/test");
        assertTrue(!ci.matches("(?s).*mvn[^\\n]* -q.*"), ".ci/run must not hide Surefire's lines with -q");
        for (String s : List.of("scripts/chancery", "scripts/test", ".ci/run")) {
            assertTrue(Files.isExecutable(ROOT.resolve(s)), s + " is executable");
        }
    }
}
