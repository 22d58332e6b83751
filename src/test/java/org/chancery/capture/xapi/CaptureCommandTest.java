package org.chancery.capture.xapi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.chancery.archive.RecordOffice;
import org.chancery.cli.CliContext;
import org.chancery.cli.Main;
import org.chancery.config.DataDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code chancery capture} through the real CLI against the emulator: backfill, re-run, re-check, bad token. */
class CaptureCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;

    private record Result(int code, String out, String err) {}

    private Result run(FakeTime time, Map<String, String> env, String... args) {
        return run(false, time, env, args);
    }

    private Result run(boolean terminal, FakeTime time, Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("--data", data.toString()));
        all.addAll(List.of(args));
        int code = Main.run(new CliContext(time, env, new PrintWriter(out), new PrintWriter(err), terminal),
                all.toArray(String[]::new));
        return new Result(code, out.toString(), err.toString());
    }

    private static List<String> fixtureIds() throws Exception {
        List<String> ids = new ArrayList<>();
        try (InputStream in = new GZIPInputStream(CaptureCommandTest.class.getResourceAsStream(
                "/fixtures/xapi/timeline-mariambarghouti.jsonl.gz"))) {
            JSON.readTree(in).path("data").forEach(t -> ids.add(t.path("id").asText()));
        }
        return ids;
    }

    @Test
    void onATerminalProgressGoesToStderrPerPageAndStdoutGetsOnlySummariesAndATotal() throws Exception {
        int total = fixtureIds().size();
        FakeTime time = new FakeTime(Instant.parse("2021-05-12T00:00:00Z"));
        try (XApiEmulator api = new XApiEmulator(time).load("timeline-mariambarghouti.jsonl.gz").pageSize(60)) {
            Map<String, String> env = Map.of(XApiConfig.TOKEN_ENV, XApiEmulator.TOKEN,
                    XApiConfig.BASE_URL_ENV, api.baseUrl().toString());
            Result r = run(true, time, env, "capture", "MariamBarghouti", "NoSuchAccount");
            assertEquals(Main.FAILED, r.code(), "the unknown account fails, the other is captured: " + r.err());
            assertTrue(r.err().contains("\r@mariambarghouti: page 1, 60 tweet(s), 60 new; 2 request(s), 0 s waited"),
                    r.err());
            assertTrue(r.err().contains("\r@mariambarghouti: page 2, " + total + " tweet(s), " + total + " new"), r.err());
            assertTrue(r.err().contains("chancery: @NoSuchAccount"), r.err());
            assertFalse(r.out().contains("\r") || r.out().contains("page 1,"), "stdout keeps only summaries: " + r.out());
            assertTrue(r.out().contains("Captured 1 of 2 account(s): " + total + " tweet(s) read, " + total + " new, 0"
                    + " observation(s), 0 already archived, 0 rejected."), r.out());

            Result quiet = run(false, time, env, "capture", "MariamBarghouti");
            assertEquals(0, quiet.code(), quiet.err());
            assertFalse(quiet.err().contains("page"), "no status line when not on a terminal: " + quiet.err());
            assertTrue(quiet.out().contains("Captured 1 of 1 account(s): 0 tweet(s) read, 0 new"), quiet.out());
        }
    }

    @Test
    void bearerTokenFromAConfigFileIsUsedAndNeverStoredOrPrinted(@TempDir Path etc) throws Exception {
        FakeTime time = new FakeTime(Instant.parse("2021-05-12T00:00:00Z"));
        try (XApiEmulator api = new XApiEmulator(time).load("timeline-mariambarghouti.jsonl.gz").pageSize(60)) {
            Path config = etc.resolve("x-api.yaml");
            java.nio.file.Files.writeString(config, "bearer-token: " + XApiEmulator.TOKEN + "\nbase-url: " + api.baseUrl()
                    + "\n", java.nio.charset.StandardCharsets.UTF_8);
            StringBuilder printed = new StringBuilder();
            Result first = run(true, time, Map.of(), "capture", "--config", config.toString(), "MariamBarghouti");
            assertEquals(0, first.code(), first.err());
            assertTrue(first.out().contains(fixtureIds().size() + " new"), first.out());
            Result recheck = run(time, Map.of(), "capture", "--config", config.toString(), "--recheck-days", "30",
                    "MariamBarghouti");
            assertEquals(0, recheck.code(), recheck.err());
            Result help = run(time, Map.of(), "capture", "--help");
            for (Result r : List.of(first, recheck, help)) {
                printed.append(r.out()).append(r.err());
            }
            assertFalse(printed.toString().contains(XApiEmulator.TOKEN), printed.toString());
            byte[] token = XApiEmulator.TOKEN.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            List<Path> files;
            try (java.util.stream.Stream<Path> walk = java.nio.file.Files.walk(data)) {
                files = walk.filter(java.nio.file.Files::isRegularFile).toList();
            }
            assertTrue(files.size() > 10, "the capture wrote its archive, evidence and cursors: " + files);
            for (Path f : files) {
                byte[] bytes = java.nio.file.Files.readAllBytes(f);
                assertFalse(contains(bytes, token), "the token is in " + f);
                if (bytes.length > 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b) {
                    try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(bytes))) {
                        assertFalse(contains(in.readAllBytes(), token), "the token is in " + f + " (gzip)");
                    }
                }
            }
        }
    }

    @Test
    void environmentOverridesTheConfigFile(@TempDir Path etc) throws Exception {
        FakeTime time = new FakeTime(Instant.parse("2021-05-12T00:00:00Z"));
        try (XApiEmulator api = new XApiEmulator(time).load("timeline-mariambarghouti.jsonl.gz")) {
            Path wrong = etc.resolve("wrong.properties");
            java.nio.file.Files.writeString(wrong, "bearer-token = stale-token\nbase-url = http://127.0.0.1:9/\n",
                    java.nio.charset.StandardCharsets.UTF_8);
            Result fixed = run(time, Map.of(XApiConfig.TOKEN_ENV, XApiEmulator.TOKEN, XApiConfig.BASE_URL_ENV,
                    api.baseUrl().toString()), "capture", "--config", wrong.toString(), "MariamBarghouti");
            assertEquals(0, fixed.code(), fixed.err());
            Path right = etc.resolve("right.properties");
            java.nio.file.Files.writeString(right, "bearer-token=" + XApiEmulator.TOKEN + "\nbase-url=" + api.baseUrl()
                    + "\n", java.nio.charset.StandardCharsets.UTF_8);
            Result refused = run(time, Map.of(XApiConfig.TOKEN_ENV, "stale-token"), "capture", "--config",
                    right.toString(), "MariamBarghouti");
            assertEquals(Main.FAILED, refused.code());
            assertTrue(refused.err().contains("HTTP 401"), refused.err());
            assertFalse(refused.err().contains("stale-token"), refused.err());
        }
    }

    @Test
    void badConfigFilesAreRefusedNamingTheKeyAndTheFileButNeverTheToken(@TempDir Path etc) throws Exception {
        FakeTime time = new FakeTime(Instant.parse("2021-05-12T00:00:00Z"));
        Map<String, String[]> cases = new java.util.LinkedHashMap<>();
        cases.put("typo.yaml", new String[] {"bearer_token: secret-value-1\n", "Unknown key \"bearer_token\"",
            "expected bearer-token or base-url"});
        cases.put("empty.properties", new String[] {"bearer-token=\n", "\"bearer-token\"", "it is empty"});
        cases.put("spaces.yaml", new String[] {"bearer-token: \"secret value 2\"\n", "\"bearer-token\"",
            "printable ASCII without spaces"});
        cases.put("url.yaml", new String[] {"bearer-token: secret-value-3\nbase-url: ftp://example.org\n",
            "\"base-url\"", "http or https URL"});
        cases.put("list.yaml", new String[] {"- bearer-token\n", "must be a mapping", "list.yaml"});
        for (Map.Entry<String, String[]> c : cases.entrySet()) {
            Path file = etc.resolve(c.getKey());
            java.nio.file.Files.writeString(file, c.getValue()[0], java.nio.charset.StandardCharsets.UTF_8);
            Result r = run(time, Map.of(), "capture", "--config", file.toString(), "MariamBarghouti");
            assertEquals(Main.FAILED, r.code(), c.getKey());
            assertTrue(r.err().contains(c.getValue()[1]) && r.err().contains(c.getValue()[2])
                    && r.err().contains(c.getKey()), c.getKey() + ": " + r.err());
            assertFalse(r.err().contains("secret"), "never the token: " + r.err());
        }
        Result missing = run(time, Map.of(), "capture", "--config", etc.resolve("absent.yaml").toString(), "X");
        assertEquals(Main.FAILED, missing.code());
        assertTrue(missing.err().contains("Cannot read the config file " + etc.resolve("absent.yaml")), missing.err());
    }

    @Test
    void brokenConfigFilesNameTheFileAndLineButNeverQuoteTheirText(@TempDir Path etc) throws Exception {
        FakeTime time = new FakeTime(Instant.parse("2021-05-12T00:00:00Z"));
        // A tab may not indent YAML; the bad line is the second, and it holds the token.
        Map<String, String[]> cases = new java.util.LinkedHashMap<>();
        cases.put("tab.yaml", new String[] {"base-url: https://api.x.com\n\tbearer-token: SECRET-TOKEN-XYZ\n",
            "line 2, column 1"});
        cases.put("unterminated.yaml", new String[] {"bearer-token: \"SECRET-TOKEN-XYZ\n", "line "});
        // Properties refuses a backslash-u not followed by four hexadecimal digits.
        cases.put("escape.properties", new String[] {"bearer-token=SECRET-TOKEN-XYZ\\u12G4\n", "malformed \\uXXXX escape"});
        for (Map.Entry<String, String[]> c : cases.entrySet()) {
            Path file = etc.resolve(c.getKey());
            java.nio.file.Files.writeString(file, c.getValue()[0], java.nio.charset.StandardCharsets.UTF_8);
            Result r = run(time, Map.of(), "capture", "--config", file.toString(), "MariamBarghouti");
            assertEquals(Main.FAILED, r.code(), c.getKey());
            assertTrue(r.err().contains("The config file " + file) && r.err().contains(c.getValue()[1]),
                    c.getKey() + ": " + r.err());
            assertFalse(r.err().contains("SECRET") || r.out().contains("SECRET"), "never the token: " + r.err());
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    @Test
    void captureThenRecheckReportsWhatWasCapturedAndWhatIsGone() throws Exception {
        List<String> ids = new ArrayList<>();
        try (InputStream in = new GZIPInputStream(CaptureCommandTest.class.getResourceAsStream(
                "/fixtures/xapi/timeline-mariambarghouti.jsonl.gz"))) {
            JSON.readTree(in).path("data").forEach(t -> ids.add(t.path("id").asText()));
        }
        FakeTime time = new FakeTime(Instant.parse("2021-05-12T00:00:00Z"));
        try (XApiEmulator api = new XApiEmulator(time).load("timeline-mariambarghouti.jsonl.gz").pageSize(60)) {
            Map<String, String> env = Map.of(XApiConfig.TOKEN_ENV, XApiEmulator.TOKEN,
                    XApiConfig.BASE_URL_ENV, api.baseUrl().toString());
            Result first = run(time, env, "capture", "@MariamBarghouti");
            assertEquals(0, first.code(), first.err());
            assertTrue(first.out().contains("@mariambarghouti: 100 tweet(s) captured on 2 page(s): 100 new"), first.out());

            Result again = run(time, env, "capture", "MariamBarghouti");
            assertTrue(again.out().contains("0 tweet(s) captured on 1 page(s)"), again.out());

            String gone = ids.get(42);
            api.delete(gone);
            Result recheck = run(time, env, "capture", "--recheck-days", "30", "MariamBarghouti");
            assertEquals(0, recheck.code(), recheck.err());
            assertTrue(recheck.out().contains("Re-checked 100 tweet(s): 99 still available, 1 not available"), recheck.out());
            assertTrue(recheck.out().contains(gone + " not available on the platform since 2021-05-12T00:00:00Z: deleted"),
                    recheck.out());
            assertFalse(recheck.out().contains(XApiEmulator.TOKEN) || recheck.err().contains(XApiEmulator.TOKEN));

            Result show = run(time, env, "show", gone, "--json");
            assertEquals(0, show.code(), show.err());
            JsonNode shown = JSON.readTree(show.out());
            assertTrue(shown.path("tweet").path("deleted").asBoolean(), show.out());
            assertEquals("deleted", shown.path("unavailable").path("reason").asText(), show.out());
            assertEquals("2021-05-12T00:00:00Z", shown.path("unavailable").path("since").asText());
            Result text = run(time, env, "show", gone);
            assertTrue(text.out().contains("Not available on the platform since 2021-05-12T00:00:00Z: deleted (Could not find tweet with ids: ["
                    + gone + "].)."), text.out());
            try (RecordOffice office = RecordOffice.open(new DataDir(data), time)) {
                assertEquals(2, office.store().history(gone).size(), "original and deletion notice");
            }

            Result coverage = run(time, env, "coverage", "@MariamBarghouti", "--json");
            assertEquals(0, coverage.code(), coverage.err());
            JsonNode c = JSON.readTree(coverage.out());
            assertEquals(3, c.path("runs").asInt(), "two capture commands and the capture before the re-check");
            assertTrue(c.path("backfillComplete").asBoolean());
            assertEquals(100, c.path("backfillTweets").asInt());
            assertFalse(c.path("historyLimitHit").asBoolean());
            Map<String, Integer> perDay = new java.util.TreeMap<>();
            try (InputStream in = new GZIPInputStream(CaptureCommandTest.class.getResourceAsStream(
                    "/fixtures/xapi/timeline-mariambarghouti.jsonl.gz"))) {
                JSON.readTree(in).path("data").forEach(t -> perDay.merge(t.path("created_at").asText().substring(0, 10), 1,
                        Integer::sum));
            }
            Map<String, Integer> reported = new java.util.TreeMap<>();
            int unavailable = 0;
            for (JsonNode d : c.path("days")) {
                reported.put(d.path("day").asText(), d.path("tweets").asInt());
                unavailable += d.path("unavailable").asInt();
                assertEquals("2021-05-12T00:00:00Z", d.path("firstCapture").asText());
            }
            assertEquals(perDay, reported);
            assertEquals(1, unavailable);
            Result statement = run(time, env, "coverage", "MariamBarghouti");
            assertTrue(statement.out().contains("fewer than the X API's history limit (3200)"), statement.out());
        }
    }

    @Test
    void mediaOptionKeepsTheAccountsMediaInTheirTweetsObjectsTypedByContentAndVerifyCoversThem() throws Exception {
        FakeTime time = new FakeTime(Instant.parse("2021-05-12T00:00:00Z"));
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(2, 2, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(img, "png", png);
        String tweetId = null;
        try (InputStream in = new GZIPInputStream(CaptureCommandTest.class.getResourceAsStream(
                "/fixtures/xapi/timeline-mariambarghouti.jsonl.gz"))) {
            JsonNode page = JSON.readTree(in);
            String key = null;
            for (JsonNode m : page.path("includes").path("media")) {
                if (m.path("url").asText().equals("https://pbs.twimg.com/media/E1G1VE_WQAIc_ku.jpg")) {
                    key = m.path("media_key").asText();
                }
            }
            for (JsonNode t : page.path("data")) {
                for (JsonNode k : t.path("attachments").path("media_keys")) {
                    if (k.asText().equals(key)) {
                        tweetId = t.path("id").asText();
                    }
                }
            }
        }
        try (XApiEmulator api = new XApiEmulator(time).load("timeline-mariambarghouti.jsonl.gz")) {
            api.file("/media/E1G1VE_WQAIc_ku.jpg", png.toByteArray(), "image/jpeg");
            Map<String, String> env = Map.of(XApiConfig.TOKEN_ENV, XApiEmulator.TOKEN,
                    XApiConfig.BASE_URL_ENV, api.baseUrl().toString(), "CHANCERY_X_MEDIA_BASE_URL", api.baseUrl().toString());
            Result r = run(time, env, "capture", "MariamBarghouti", "--media");
            assertEquals(0, r.code(), r.err());
            long failures = java.nio.file.Files.readAllLines(data.resolve("media/failures.jsonl")).size();
            assertTrue(failures > 0);
            assertTrue(r.out().contains("Media: 1 file(s) downloaded, 0 kept earlier, " + failures + " failed"), r.out());
            Path file;
            try (RecordOffice office = RecordOffice.open(new DataDir(data), time)) {
                org.chancery.record.Tweet t = office.store().find(tweetId).orElseThrow().tweet();
                List<org.chancery.media.Attachment> kept = new org.chancery.media.Attachments(office.store())
                        .list(org.chancery.store.OcflArchive.objectIdFor(t));
                assertEquals(1, kept.size());
                assertEquals(tweetId, kept.getFirst().tweetId());
                assertEquals("image/png", kept.getFirst().detectedType());
                assertEquals("https://pbs.twimg.com/media/E1G1VE_WQAIc_ku.jpg", kept.getFirst().url());
                file = data.resolve("store");
            }
            Result again = run(time, env, "capture", "MariamBarghouti", "--media");
            assertTrue(again.out().contains("Media: 0 file(s) downloaded, 1 kept earlier, " + failures + " failed"),
                    again.out());
            Result verify = run(time, env, "verify");
            assertEquals(0, verify.code(), verify.out() + verify.err());

            Path media;
            try (java.util.stream.Stream<Path> walk = java.nio.file.Files.walk(file)) {
                media = walk.filter(p -> p.toString().contains("/content/media/") && p.toString().endsWith(".png"))
                        .findFirst().orElseThrow();
            }
            byte[] bytes = java.nio.file.Files.readAllBytes(media);
            bytes[bytes.length / 2] ^= 1;
            java.nio.file.Files.write(media, bytes);
            Result tampered = run(time, env, "verify");
            assertEquals(Main.FAILED, tampered.code(), tampered.out());
            assertTrue(tampered.out().contains("PROBLEM") && tampered.out().contains(media.getFileName().toString()),
                    tampered.out());
        }
    }

    @Test
    void followLinksMakesAWordFoundOnlyInALinkedPdfFindTheTweetAndNeverFetchesOtherDomains() throws Exception {
        String linkingTweet = "1391890381923618816";
        String link = "https://www.washingtonpost.com/opinions/2021/05/10/"
                + "israel-sheikh-jarrah-palestinians-jerusalem-violence-evictions-settlers/";
        String word = "quetzalcoatlus";
        List<String> otherLinks = new ArrayList<>();
        try (InputStream in = new GZIPInputStream(CaptureCommandTest.class.getResourceAsStream(
                "/fixtures/xapi/timeline-mariambarghouti.jsonl.gz"))) {
            JsonNode page = JSON.readTree(in);
            boolean linked = false;
            for (JsonNode t : page.path("data")) {
                assertFalse(t.path("text").asText().toLowerCase(java.util.Locale.ROOT).contains(word));
                for (JsonNode u : t.path("entities").path("urls")) {
                    String expanded = u.path("expanded_url").asText();
                    if (expanded.equals(link)) {
                        linked |= t.path("id").asText().equals(linkingTweet);
                    } else {
                        otherLinks.add(expanded);
                    }
                }
            }
            assertTrue(linked, "the fixture tweet links to the statement");
        }
        assertTrue(otherLinks.stream().anyMatch(u -> u.startsWith("https://aje.io/")));
        byte[] pdf = PdfFixture.statement("Statement on the archive test. The " + word + " clause appears only here.");
        FakeTime time = new FakeTime(Instant.parse("2021-05-12T00:00:00Z"));
        try (XApiEmulator api = new XApiEmulator(time).load("timeline-mariambarghouti.jsonl.gz")) {
            String served = "/www.washingtonpost.com" + URI.create(link).getRawPath();
            api.file(served, pdf, "text/html");
            Map<String, String> env = Map.of(XApiConfig.TOKEN_ENV, XApiEmulator.TOKEN,
                    XApiConfig.BASE_URL_ENV, api.baseUrl().toString(), "CHANCERY_LINK_BASE_URL", api.baseUrl().toString());
            Result none = run(time, env, "capture", "MariamBarghouti", "--follow-links");
            assertEquals(2, none.code(), "--follow-links without a domain is a usage error: " + none.err());

            Result r = run(time, env, "capture", "MariamBarghouti", "--follow-links", "--allow-domain",
                    "washingtonpost.com");
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().contains("Linked documents: 1 downloaded, 0 kept earlier, 0 failed, "
                    + otherLinks.size() + " link(s) outside the allowed domains not followed."), r.out());
            List<String> fetched = api.log().stream().filter(l -> l.startsWith("(file) ")).toList();
            assertEquals(List.of("(file) " + served), fetched, "only the allowed domain is requested");

            Result found = run(time, env, "search", word);
            assertEquals(0, found.code(), found.err());
            assertTrue(found.out().contains(linkingTweet), found.out());
            assertEquals("1", run(time, env, "search", "--count", word).out().strip());

            Result reindex = run(time, env, "reindex");
            assertEquals(0, reindex.code(), reindex.err());
            assertEquals("1", run(time, env, "search", "--count", word).out().strip(),
                    "the rebuilt index reads the text from the store");

            try (RecordOffice office = RecordOffice.open(new DataDir(data), time)) {
                org.chancery.record.Tweet t = office.store().find(linkingTweet).orElseThrow().tweet();
                org.chancery.media.Attachment doc = new org.chancery.media.Attachments(office.store())
                        .list(org.chancery.store.OcflArchive.objectIdFor(t)).getFirst();
                assertEquals("application/pdf", doc.detectedType(), "content, not the served text/html");
                assertEquals("text/html", doc.declaredType());
                assertEquals(link, doc.key());
                assertArrayEquals(pdf, office.store().readFile(org.chancery.store.OcflArchive.objectIdFor(t), doc.path()));
            }
            Result again = run(time, env, "capture", "MariamBarghouti", "--follow-links", "--allow-domain",
                    "washingtonpost.com");
            assertTrue(again.out().contains("Linked documents: 0 downloaded, 1 kept earlier"), again.out());
            assertEquals(0, run(time, env, "verify").code());
        }
    }

    @Test
    void wrongTokenExitsOneWithOneClearLine() throws Exception {
        FakeTime time = new FakeTime(Instant.parse("2021-05-12T00:00:00Z"));
        try (XApiEmulator api = new XApiEmulator(time).load("timeline-mariambarghouti.jsonl.gz")) {
            Result r = run(time, Map.of(XApiConfig.TOKEN_ENV, "not-the-token", XApiConfig.BASE_URL_ENV,
                    api.baseUrl().toString()), "capture", "MariamBarghouti", "SomeoneElse");
            assertEquals(Main.FAILED, r.code());
            assertTrue(r.err().contains("HTTP 401 Unauthorized: check the bearer token in $CHANCERY_X_BEARER_TOKEN"), r.err());
            assertFalse(r.err().contains("not-the-token"));
            assertEquals(1, api.log().size(), "stops at the first refusal, for every account");
        }
    }

    @Test
    void missingTokenIsAOneLineError() {
        FakeTime time = new FakeTime(Instant.parse("2021-05-12T00:00:00Z"));
        Result r = run(time, Map.of(), "capture", "MariamBarghouti");
        assertEquals(Main.FAILED, r.code());
        assertTrue(r.err().contains("No X API bearer token: set $CHANCERY_X_BEARER_TOKEN, or the key \"bearer-token\" in a"
                + " config file given with --config."), r.err());
    }

    @Test
    void zeroByteCapsAndWatchWithMediaAreUsageErrorsNamingTheOption(@TempDir Path etc) throws Exception {
        FakeTime time = new FakeTime(Instant.parse("2021-05-12T00:00:00Z"));
        Map<String, String> env = Map.of(XApiConfig.TOKEN_ENV, XApiEmulator.TOKEN);
        Path accounts = Files.writeString(etc.resolve("accounts.txt"), "MariamBarghouti\n");
        String[][] cases = {
            {"--link-max-bytes", "capture", "MariamBarghouti", "--follow-links", "--allow-domain", "gov.uk",
                "--link-max-bytes", "0"},
            {"--media-max-bytes", "capture", "MariamBarghouti", "--media", "--media-max-bytes", "0"},
            {"--watch", "capture", "--watch", "--accounts", accounts.toString(), "--media"}};
        for (String[] c : cases) {
            Result r = run(time, env, java.util.Arrays.copyOfRange(c, 1, c.length));
            assertEquals(2, r.code(), r.err());
            String first = r.err().lines().findFirst().orElse("");
            assertTrue(first.contains(c[0]), first);
            assertFalse(r.err().contains("Exception"), r.err());
        }
    }
}
