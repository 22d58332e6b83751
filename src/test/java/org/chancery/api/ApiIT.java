package org.chancery.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.chancery.retention.ViewerRole;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every endpoint through real HTTP on port 0, against a real archive with retention decisions. */
class ApiIT {
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

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return ApiFixture.JSON.readTree(r.body());
    }

    private static void assertProblem(HttpResponse<String> r, int status) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse("").split(";")[0], r.body());
        JsonNode p = json(r);
        assertEquals(status, p.path("status").asInt());
        assertFalse(p.path("title").asText().isEmpty());
        assertFalse(p.path("detail").asText().isEmpty());
        assertFalse(r.body().contains("Exception") || r.body().contains("\tat "), "no stack traces: " + r.body());
    }

    @Test
    void eachRoleSeesExactlyWhatItsAccessLevelAllows() throws Exception {
        // kind -> expected status for public, staff, archivist, legal, admin
        Map<String, int[]> expected = Map.of(
                "public", new int[] {200, 200, 200, 200, 200},
                "internal", new int[] {404, 200, 200, 200, 200},
                "embargoed", new int[] {404, 200, 200, 200, 200},
                "restricted", new int[] {404, 403, 200, 200, 200},
                "held", new int[] {200, 200, 200, 200, 200},
                "disposed", new int[] {404, 410, 410, 410, 410});
        for (Map.Entry<String, int[]> e : expected.entrySet()) {
            for (ViewerRole role : ViewerRole.values()) {
                String id = f.firstId(e.getKey());
                HttpResponse<String> r = f.get("/tweets/" + id, role);
                int want = e.getValue()[role.ordinal()];
                assertEquals(want, r.statusCode(), e.getKey() + " as " + role + ": " + r.body());
                if (want == 200) {
                    assertEquals(id, json(r).path("tweet").path("id").asText());
                } else {
                    assertProblem(r, want);
                }
                if (want == 404) {
                    // The same answer as for a tweet that was never archived: existence does not leak.
                    assertEquals(json(f.get("/tweets/1", role)).path("detail").asText().replace(" 1 ", " " + id + " "),
                            json(r).path("detail").asText());
                }
            }
        }
        JsonNode forbidden = json(f.get("/tweets/" + f.firstId("restricted"), ViewerRole.STAFF));
        assertTrue(forbidden.path("detail").asText().contains("personal-restricted v1"), forbidden.toString());
        JsonNode gone = json(f.get("/tweets/" + f.firstId("disposed"), ViewerRole.ADMIN));
        assertTrue(gone.path("disposed").path("certificateId").asText().startsWith("DC-"), gone.toString());
        assertEquals("campaign-destroy", gone.path("disposed").path("policyId").asText());
        JsonNode held = json(f.get("/tweets/" + f.firstId("held"), ViewerRole.LEGAL));
        assertEquals("held", held.path("retention").path("disposition").asText());
        assertEquals("H-1", held.path("retention").path("holds").get(0).asText());
    }

    @Test
    void heldTweetsRevealTheirHoldsOnlyToLegalAndAdmin() throws Exception {
        String heldId = f.firstId("held");
        // The held author's policy (public-officials, senior-official) is the public author's too, and permanent.
        String unheldId = f.firstId("public");
        String handle = f.tweets.get("held").get(0).path("screen_name").asText();
        for (ViewerRole role : ViewerRole.values()) {
            boolean told = role == ViewerRole.LEGAL || role == ViewerRole.ADMIN;
            HttpResponse<String> r = f.get("/tweets/" + heldId, role);
            assertEquals(200, r.statusCode(), role + ": " + r.body());
            JsonNode retention = json(r).path("retention");
            JsonNode unheld = json(f.get("/tweets/" + unheldId, role)).path("retention");
            if (told) {
                assertEquals("held", retention.path("disposition").asText(), role.wireName());
                assertEquals(List.of("H-1"), texts(retention.path("holds")), role.wireName());
                assertEquals(0, unheld.path("holds").size(), role.wireName());
                assertTrue(unheld.path("holds").isArray(), role + " is shown that a tweet is held by nothing");
            } else {
                assertFalse(r.body().contains("H-1"), role + ": " + r.body());
                assertFalse(retention.has("holds"), role + ": " + retention);
                assertFalse(unheld.has("holds"), role + ": " + unheld);
                assertEquals("retain", retention.path("disposition").asText(), role.wireName());
                // Nothing in the decision tells it from an unheld tweet under the same policy.
                assertEquals(names(unheld), names(retention), role.wireName());
                for (String member : List.of("policyId", "policyVersion", "rule", "access", "embargoEnd", "eligibleAt",
                        "disposition", "visibleTo")) {
                    assertEquals(unheld.path(member), retention.path(member), role + " " + member);
                }
            }
            for (String other : List.of("/tweets/" + heldId + "/history", "/tweets/" + heldId + "/raw",
                    "/search?q=from:" + handle, "/accounts/" + handle + "/timeline", "/accounts/" + handle)) {
                HttpResponse<String> o = f.get(other, role);
                assertEquals(200, o.statusCode(), role + " " + other + ": " + o.body());
                assertFalse(o.body().contains("H-1"), role + " " + other + ": " + o.body());
            }
        }
    }

    @Test
    void captureSourceIsOnlyAFileNameBelowTheArchivistRole() throws Exception {
        String id = f.firstId("public");
        String path = dir.resolve("input").resolve("2017-07-10.json").toString();
        for (ViewerRole role : ViewerRole.values()) {
            String want = role.sees(org.chancery.retention.Access.RESTRICTED) ? path : "2017-07-10.json";
            HttpResponse<String> r = f.get("/tweets/" + id, role);
            assertEquals(want, json(r).path("tweet").path("provenance").path("source").asText(), role.wireName());
            JsonNode history = json(f.get("/tweets/" + id + "/history", role));
            for (JsonNode o : history.path("observations")) {
                assertEquals(want, o.path("tweet").path("provenance").path("source").asText(), role.wireName());
            }
            if (!want.equals(path)) {
                assertFalse(r.body().contains(dir.toString()), role + ": " + r.body());
            }
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void embargoEndsByItselfWithTheClock() throws Exception {
        String id = f.firstId("embargoed");
        JsonNode asStaff = json(f.get("/tweets/" + id, ViewerRole.STAFF));
        assertEquals("internal", asStaff.path("retention").path("access").asText());
        Instant created = Instant.parse(java.time.OffsetDateTime.parse(f.tweets.get("embargoed").get(0).path("time").asText())
                .toInstant().toString());
        assertEquals(created.atZone(java.time.ZoneOffset.UTC).plusYears(10).toInstant().toString(),
                asStaff.path("retention").path("embargoEnd").asText());
        String q = "/search?q=from:" + f.tweets.get("embargoed").get(0).path("screen_name").asText();
        assertEquals(0, json(f.get(q, null)).path("total").asInt());
        try {
            f.clock.set(Instant.parse("2027-08-01T00:00:00Z"));
            assertEquals(200, f.get("/tweets/" + id, null).statusCode());
            assertEquals(f.tweets.get("embargoed").size(), json(f.get(q, null)).path("total").asInt());
        } finally {
            f.clock.set(ApiFixture.NOW);
        }
        assertEquals(404, f.get("/tweets/" + id, null).statusCode());
    }

    @Test
    void tweetCarriesProvenanceRetentionAndAProofThatVerifiesAgainstTheCheckpoint() throws Exception {
        JsonNode item = f.tweets.get("public").get(0);
        String id = item.path("id").asText();
        JsonNode t = json(f.get("/tweets/" + id, null));
        assertEquals(item.path("text").asText(), t.path("tweet").path("text").asText());
        assertEquals("public-officials", t.path("retention").path("policyId").asText());
        assertEquals(1, t.path("retention").path("policyVersion").asInt());
        assertEquals("public", t.path("retention").path("access").asText());

        HttpResponse<byte[]> raw = f.getBytes("/tweets/" + id + "/raw", null);
        assertEquals(200, raw.statusCode());
        assertEquals(item, ApiFixture.JSON.readTree(raw.body()));
        byte[] sha = MessageDigest.getInstance("SHA-256").digest(raw.body());
        assertEquals("sha-256=:" + Base64.getEncoder().encodeToString(sha) + ":", raw.headers().firstValue("Repr-Digest").orElseThrow());
        assertEquals(java.util.HexFormat.of().formatHex(sha), t.path("provenance").path("sha256").asText());
        assertEquals((long) raw.body().length, t.path("provenance").path("length").asLong());

        String checkpoint = f.get("/checkpoint", null).body();
        String[] lines = checkpoint.split("\n");
        long size = Long.parseLong(lines[1]);
        byte[] root = Base64.getDecoder().decode(lines[2]);
        JsonNode proof = t.path("proof");
        assertEquals(size, proof.path("treeSize").asLong());
        byte[] leaf = hash(new byte[] {0}, proof.path("entry").asText().getBytes(StandardCharsets.UTF_8));
        List<byte[]> path = new ArrayList<>();
        proof.path("path").forEach(p -> path.add(Base64.getDecoder().decode(p.asText())));
        assertArrayEquals(root, rootFromInclusion(proof.path("leafIndex").asLong(), size, leaf, path));
        assertTrue(proof.path("entry").asText().contains(id));

        JsonNode byId = json(f.get("/proof/inclusion?id=" + id, null));
        assertEquals(proof.path("leafIndex").asLong(), byId.path("leafIndex").asLong());
        JsonNode byIndex = json(f.get("/proof/inclusion?index=" + proof.path("leafIndex").asLong() + "&size=" + size, null));
        assertEquals(Base64.getEncoder().encodeToString(leaf), byIndex.path("leafHash").asText());
        assertEquals(lines[2], byIndex.path("rootHash").asText());
        JsonNode consistency = json(f.get("/proof/consistency?from=1&to=" + size, null));
        assertEquals(lines[2], consistency.path("toRoot").asText());
        assertTrue(f.get("/public-key", null).body().startsWith(lines[0].split("/")[0]));

        JsonNode history = json(f.get("/tweets/" + id + "/history", null));
        assertEquals(1, history.path("observations").size());
        assertEquals(id, history.path("observations").get(0).path("tweet").path("id").asText());
    }

    @Test
    void tweetAnswerHasEveryDocumentedMemberAndTheStoredTweetAsItIs() throws Exception {
        String id = f.firstId("held");
        HttpResponse<String> r = f.get("/tweets/" + id, ViewerRole.LEGAL);
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
        JsonNode t = json(r);
        assertEquals(List.of("tweet", "provenance", "retention", "proof"), names(t));
        assertEquals(List.of("object", "version", "path", "offset", "length", "sha256"), names(t.path("provenance")));
        assertEquals(List.of("policyId", "policyVersion", "rule", "reason", "access", "embargoEnd", "eligibleAt",
                "disposition", "holds", "visibleTo"), names(t.path("retention")));
        assertEquals(List.of("leafIndex", "entry", "treeSize", "path", "rootHash", "checkpoint"), names(t.path("proof")));
        // The history answer goes through the bean serializer: the same stored tweet JSON either way.
        JsonNode observation = json(f.get("/tweets/" + id + "/history", ViewerRole.LEGAL)).path("observations").get(0);
        assertEquals(observation.path("tweet"), t.path("tweet"));
        assertEquals(observation.path("provenance"), t.path("provenance"));
        String access = t.path("retention").path("access").asText();
        for (ViewerRole role : ViewerRole.values()) {
            assertEquals(role.sees(org.chancery.retention.Access.fromWireName(access)),
                    t.path("retention").path("visibleTo").path(role.wireName()).asBoolean(), role.wireName());
        }
        assertEquals(ViewerRole.values().length, t.path("retention").path("visibleTo").size());
        assertTrue(t.path("retention").path("embargoEnd").isNull() || t.path("retention").path("embargoEnd").isTextual());
        assertEquals("H-1", t.path("retention").path("holds").get(0).asText());
        String checkpoint = f.get("/checkpoint", null).body();
        assertEquals(checkpoint, t.path("proof").path("checkpoint").asText());
    }

    private static List<String> names(JsonNode object) {
        List<String> out = new ArrayList<>();
        object.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static byte[] hash(byte[]... parts) throws Exception {
        MessageDigest d = MessageDigest.getInstance("SHA-256");
        for (byte[] p : parts) {
            d.update(p);
        }
        return d.digest();
    }

    /** RFC 9162 section 2.1.3.2, written here from the RFC. */
    private static byte[] rootFromInclusion(long index, long size, byte[] leaf, List<byte[]> path) throws Exception {
        long fn = index;
        long sn = size - 1;
        byte[] r = leaf;
        for (byte[] p : path) {
            assertTrue(sn != 0);
            if ((fn & 1) == 1 || fn == sn) {
                r = hash(new byte[] {1}, p, r);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                r = hash(new byte[] {1}, r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        assertEquals(0, sn);
        return r;
    }

    @Test
    void searchTotalsHitsAndFacetsNeverCountWhatTheCallerMayNotSee() throws Exception {
        Set<String> publicAuthors = Set.of(f.authorOf.get("public"), f.authorOf.get("held"));
        Set<String> hiddenFromStaff = Set.of(f.authorOf.get("restricted"), f.authorOf.get("disposed"));
        Set<String> gone = Set.of(f.authorOf.get("disposed"));
        String q = "/search?q=since:2017-07-01&limit=1000&facets=account";
        for (ViewerRole role : ViewerRole.values()) {
            Set<String> expected = new TreeSet<>();
            for (JsonNode i : f.items) {
                String a = i.path("user_id").asText();
                boolean visible = switch (role) {
                    case PUBLIC -> publicAuthors.contains(a);
                    case STAFF -> !hiddenFromStaff.contains(a);
                    default -> !gone.contains(a);
                };
                if (visible) {
                    expected.add(i.path("id").asText());
                }
            }
            JsonNode page = json(f.get(q, role));
            assertEquals(expected.size(), page.path("total").asInt(), role + ": " + f.authorOf + " " + expected + " " + page);
            Set<String> got = new TreeSet<>();
            page.path("hits").forEach(h -> got.add(h.path("id").asText()));
            assertEquals(expected, got, role.toString());
            long facetSum = 0;
            for (JsonNode c : page.path("facets").path("account")) {
                facetSum += c.path("count").asLong();
            }
            assertEquals(expected.size(), facetSum, role.toString());
        }
    }

    @Test
    void searchPagesWithCursorsAndExportsNdjsonAndCsv() throws Exception {
        JsonNode first = json(f.get("/search?q=since:2017-07-01&sort=oldest&limit=5", ViewerRole.ADMIN));
        assertEquals(5, first.path("hits").size());
        String cursor = first.path("nextCursor").asText();
        JsonNode second = json(f.get("/search?q=since:2017-07-01&sort=oldest&limit=5&cursor=" + cursor, ViewerRole.ADMIN));
        Set<String> ids = new HashSet<>();
        first.path("hits").forEach(h -> ids.add(h.path("id").asText()));
        second.path("hits").forEach(h -> assertTrue(ids.add(h.path("id").asText())));
        long total = first.path("total").asLong();

        HttpResponse<String> nd = f.get("/search?q=since:2017-07-01", ViewerRole.ADMIN, "Accept", "application/x-ndjson");
        assertEquals(200, nd.statusCode(), nd.body());
        String[] ndLines = nd.body().split("\n");
        assertEquals(total, ndLines.length);
        assertFalse(ApiFixture.JSON.readTree(ndLines[0]).path("id").asText().isEmpty());
        HttpResponse<String> csv = f.get("/search?q=since:2017-07-01&limit=3", ViewerRole.ADMIN, "Accept", "text/csv");
        assertEquals(200, csv.statusCode(), csv.body());
        assertTrue(csv.headers().firstValue("Content-Type").orElseThrow().startsWith("text/csv"));
        assertTrue(csv.body().startsWith("id,handle,created_at,text\r\n"));
    }

    @Test
    void accountsAndTimelineFollowTheRegistryAndRetention() throws Exception {
        JsonNode all = json(f.get("/accounts", null));
        assertEquals(ApiFixture.KINDS.length, all.path("accounts").size());
        JsonNode first = f.tweets.get("public").get(0);
        String handle = first.path("screen_name").asText();
        JsonNode account = json(f.get("/accounts/" + handle.toLowerCase(java.util.Locale.ROOT), null));
        assertEquals(f.authorOf.get("public"), account.path("id").asText());
        assertEquals("senior-official", account.path("roles").get(0).path("role").asText());
        JsonNode timeline = json(f.get("/accounts/" + handle + "/timeline?since=2017-07-10&until=2017-07-11", null));
        assertEquals(f.tweets.get("public").size(), timeline.path("total").asInt());
        String restricted = f.tweets.get("restricted").get(0).path("screen_name").asText();
        assertEquals(0, json(f.get("/accounts/" + restricted + "/timeline", null)).path("total").asInt());
        assertEquals(f.tweets.get("restricted").size(),
                json(f.get("/accounts/" + restricted + "/timeline", ViewerRole.ARCHIVIST)).path("total").asInt());
        assertProblem(f.get("/accounts/nobody_here", null), 404);
    }

    @Test
    void coverageCountsPerDayOnlyWhatTheCallerMaySeeAndValidatesItsDays() throws Exception {
        String open = f.tweets.get("public").get(0).path("screen_name").asText();
        JsonNode c = json(f.get("/accounts/" + open + "/coverage", null));
        assertEquals(f.authorOf.get("public"), c.path("userId").asText());
        assertEquals(0, c.path("runs").asInt(), "never captured from the X API, only imported");
        assertTrue(c.path("statements").toString().contains("No capture from the X API is logged"), c.toString());
        assertEquals(0, c.path("failureCount").asInt(), c.toString());
        assertTrue(c.path("failures").isNull(), "what failed runs reported is not shown to the public: " + c);
        assertTrue(json(f.get("/accounts/" + open + "/coverage", ViewerRole.STAFF)).path("failures").isArray());
        Map<String, Integer> perDay = new java.util.TreeMap<>();
        for (JsonNode t : f.tweets.get("public")) {
            // congresstweets' "time" is the posting instant; days are UTC days of posting.
            perDay.merge(java.time.OffsetDateTime.parse(t.path("time").asText()).toInstant().toString().substring(0, 10), 1,
                    Integer::sum);
        }
        Map<String, Integer> reported = new java.util.TreeMap<>();
        c.path("days").forEach(d -> reported.put(d.path("day").asText(), d.path("tweets").asInt()));
        assertEquals(perDay, reported);

        String hidden = f.tweets.get("restricted").get(0).path("screen_name").asText();
        JsonNode publicView = json(f.get("/accounts/" + hidden + "/coverage", null));
        assertEquals(0, publicView.path("days").size(), "restricted tweets are not counted for the public");
        int held = 0;
        for (JsonNode d : json(f.get("/accounts/" + hidden + "/coverage", ViewerRole.ARCHIVIST)).path("days")) {
            held += d.path("tweets").asInt();
        }
        assertEquals(f.tweets.get("restricted").size(), held);

        String day = reported.keySet().iterator().next();
        JsonNode narrowed = json(f.get("/accounts/" + open + "/coverage?from=" + day + "&to=" + day, null));
        assertEquals(1, narrowed.path("days").size(), narrowed.toString());
        assertEquals(day, narrowed.path("from").asText());
        assertEquals(0, json(f.get("/accounts/" + open + "/coverage?from=1999-01-01&to=1999-12-31", null)).path("days").size());
        for (String[] bad : new String[][] {{"from=2017-13-01", "from"}, {"to=tomorrow", "to"},
                {"from=2017-07-11&to=2017-07-10", "to"}}) {
            HttpResponse<String> r = f.get("/accounts/" + open + "/coverage?" + bad[0], null);
            assertProblem(r, 400);
            assertEquals(bad[1], json(r).path("parameter").asText(), r.body());
        }
        assertProblem(f.get("/accounts/nobody_here/coverage", null), 404);
        assertProblem(f.get("/accounts/not-a-handle!/coverage", null), 400);
    }

    @Test
    void badInputGetsAProblemNamingTheParameter() throws Exception {
        Map<String, String> cases = Map.of(
                "/tweets/abc", "id",
                "/search?q=since:2017-07-01&limit=100000000", "limit",
                "/search?q=since:2017-07-01&cursor=bm9wZQ", "cursor",
                "/search?q=%22unclosed", "q",
                "/search", "q",
                "/search?q=x&sort=sideways", "sort",
                "/search?q=x&facets=colour", "facets",
                "/proof/consistency?from=zero", "from",
                "/accounts/x/timeline?since=yesterday", "since");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            HttpResponse<String> r = f.get(c.getKey(), null);
            assertProblem(r, 400);
            assertEquals(c.getValue(), json(r).path("parameter").asText(), c.getKey() + ": " + r.body());
        }
        assertProblem(f.get("/no/such/thing", null), 404);
    }

    @Test
    void tokensMissingUnknownExpiredOrRevokedAreRefused() throws Exception {
        HttpResponse<String> unknown = f.get("/health", null, "Authorization", "Bearer chy_not-a-token");
        assertProblem(f.get("/tweets/" + f.firstId("public"), null, "Authorization", "Bearer chy_not-a-token"), 401);
        assertEquals(401, unknown.statusCode());
        assertProblem(f.get("/tweets/" + f.firstId("public"), null, "Authorization", "Basic abc"), 401);
        TokenStore store = new TokenStore(f.data.resolve("tokens"), f.clock);
        String shortLived = store.create("short-lived", ViewerRole.STAFF, java.time.Duration.ofHours(1));
        String revoked = store.create("to-revoke", ViewerRole.ADMIN, null);
        assertEquals(200, f.get("/tweets/" + f.firstId("internal"), null, "Authorization", "Bearer " + revoked).statusCode());
        store.revoke("to-revoke");
        HttpResponse<String> r = f.get("/tweets/" + f.firstId("internal"), null, "Authorization", "Bearer " + revoked);
        assertProblem(r, 401);
        assertTrue(json(r).path("detail").asText().contains("revoked"));
        try {
            f.clock.set(ApiFixture.NOW.plusSeconds(7200));
            HttpResponse<String> expired = f.get("/tweets/" + f.firstId("internal"), null, "Authorization", "Bearer " + shortLived);
            assertProblem(expired, 401);
            assertTrue(json(expired).path("detail").asText().contains("expired"));
        } finally {
            f.clock.set(ApiFixture.NOW);
        }
        // Only hashes are stored.
        String file = Files.readString(f.data.resolve("tokens/tokens.json"));
        assertFalse(file.contains(revoked) || file.contains(shortLived));
    }

    @Test
    void hostileInputsAreRefusedAndTheServerStaysUp() throws Exception {
        for (String path : List.of("/tweets/..%2F..%2Fetc%2Fpasswd", "/tweets/%2e%2e/%2e%2e/etc/passwd",
                "/tweets/1%00", "/search?q=%FF%FE%FD", "/search?q=" + "a".repeat(5000),
                "/accounts/..%2F..%2F/timeline", "/proof/inclusion?id=../../etc/passwd")) {
            HttpResponse<String> r = f.get(path, null);
            assertTrue(r.statusCode() >= 200 && r.statusCode() < 500, path + " gave " + r.statusCode());
            assertFalse(r.body().contains("root:"), path);
        }
        HttpResponse<String> big = f.get("/health", null, "X-Big", "x".repeat(64 * 1024));
        assertEquals(431, big.statusCode());
        assertEquals(200, f.get("/health", null).statusCode());
    }

    @Test
    void everyRequestIsInTheHashChainedAuditTrailAndOnlyAdminsReadIt() throws Exception {
        f.get("/tweets/" + f.firstId("public"), ViewerRole.LEGAL);
        f.get("/search?q=from:nobody_at_all", null, "Authorization", "Bearer chy_forged");
        assertProblem(f.get("/audit", ViewerRole.STAFF), 403);
        assertProblem(f.get("/audit", null), 401);
        JsonNode lines = json(f.get("/audit?who=legal-token", ViewerRole.ADMIN));
        assertTrue(lines.size() >= 1);
        JsonNode last = lines.get(lines.size() - 1);
        assertEquals("legal", last.path("role").asText());
        assertEquals("/tweets/" + f.firstId("public"), last.path("path").asText());
        assertEquals(200, last.path("status").asInt());
        assertEquals("127.0.0.1", last.path("client").asText());
        assertEquals(1, last.path("count").asInt());
        // Refused requests are audited too, as the anonymous caller they were treated as.
        JsonNode refused = json(f.get("/audit?who=anonymous", ViewerRole.ADMIN));
        boolean found = false;
        for (JsonNode l : refused) {
            found |= l.path("status").asInt() == 401 && l.path("query").asText().equals("q=from%3Anobody_at_all");
        }
        assertTrue(found, refused.toString());
        // The chain, checked from the file itself.
        List<String> file = Files.readAllLines(f.data.resolve("audit/audit.jsonl"), StandardCharsets.UTF_8);
        String prev = "0".repeat(64);
        for (String line : file) {
            assertEquals(prev, ApiFixture.JSON.readTree(line).path("prev").asText());
            prev = java.util.HexFormat.of().formatHex(hash(line.getBytes(StandardCharsets.UTF_8)));
        }
    }

    @Test
    void policiesAreReadableByAllAndHoldsOnlyByLegalAndAdmin() throws Exception {
        JsonNode policies = json(f.get("/policies", null));
        Set<String> ids = new TreeSet<>();
        policies.forEach(p -> ids.add(p.path("id").asText()));
        Set<String> files = new TreeSet<>();
        try (var list = Files.list(dir.resolve("policies"))) {
            list.forEach(p -> files.add(p.getFileName().toString().replace(".yaml", "")));
        }
        assertEquals(files, ids);
        for (JsonNode p : policies) {
            if (p.path("id").asText().equals("official-embargoed")) {
                assertEquals("internal for P10Y", p.path("embargo").asText());
            }
        }
        assertProblem(f.get("/holds", null), 401);
        assertProblem(f.get("/holds", ViewerRole.ARCHIVIST), 403);
        for (ViewerRole r : List.of(ViewerRole.LEGAL, ViewerRole.ADMIN)) {
            JsonNode holds = json(f.get("/holds", r));
            assertEquals(1, holds.size());
            assertEquals("H-1", holds.get(0).path("id").asText());
            assertEquals(f.authorOf.get("held"), holds.get(0).path("accountIds").get(0).asText());
        }
    }

    @Test
    void aRequestWhoseAuditLineCannotBeWrittenFails() throws Exception {
        Path audit = f.data.resolve("audit/audit.jsonl");
        Path aside = f.data.resolve("audit-aside.jsonl");
        Files.move(audit, aside);
        Files.createDirectory(audit);
        try {
            assertProblem(f.get("/tweets/" + f.firstId("public"), null), 500);
        } finally {
            Files.delete(audit);
            Files.move(aside, audit);
        }
        assertEquals(200, f.get("/tweets/" + f.firstId("public"), null).statusCode());
    }

    @Test
    void openApiDocumentMatchesTheRegisteredEndpoints() throws Exception {
        JsonNode doc = json(f.get("/openapi.json", null));
        assertTrue(doc.path("openapi").asText().startsWith("3."));
        Set<String> documented = new TreeSet<>();
        doc.path("paths").properties().forEach(p -> p.getValue().fieldNames()
                .forEachRemaining(m -> documented.add(m.toUpperCase(java.util.Locale.ROOT) + " " + p.getKey())));
        Set<String> served = new TreeSet<>();
        for (Class<?> c : ApiServer.RESOURCES) {
            collect(Resource.from(c), "", served);
        }
        assertEquals(served, documented);
        for (String op : served) {
            if (!op.startsWith("GET ") || op.contains("{jobId}")) {
                continue; // export jobs are exercised end to end in ExportsApiIT
            }
            String path = op.substring(op.indexOf(' ') + 1).replace("{id}", f.firstId("public"))
                    .replace("{handle}", f.tweets.get("public").get(0).path("screen_name").asText());
            String query = path.startsWith("/search") ? "?q=x" : path.startsWith("/proof/consistency") ? "?from=1"
                    : path.startsWith("/proof/inclusion") ? "?id=" + f.firstId("public") : "";
            int status = f.get(path + query, ViewerRole.ADMIN).statusCode();
            assertEquals(200, status, op);
        }
    }

    @Test
    void everyParameterInTheOpenApiDocumentIsValidOpenApi() throws Exception {
        JsonNode doc = json(f.get("/openapi.json", null));
        List<JsonNode> parameters = new ArrayList<>();
        parametersIn(doc, parameters);
        assertTrue(parameters.size() >= 30, "the walk finds the documented parameters: " + parameters.size());
        Set<String> places = Set.of("path", "query", "header", "cookie");
        for (JsonNode p : parameters) {
            String name = p.path("in").asText() + " " + p.path("name").asText();
            assertTrue(p.path("name").isTextual() && !p.path("name").asText().isEmpty(), p.toString());
            assertTrue(places.contains(p.path("in").asText()), name + ": 'in' is one of " + places);
            assertTrue(p.path("required").isBoolean(), name + ": 'required' is a boolean, not " + p.path("required"));
            if (p.path("in").asText().equals("path")) {
                assertTrue(p.path("required").asBoolean(), name + ": a path parameter is required");
            }
            assertTrue(p.path("schema").path("type").isTextual(), name + ": has a schema with a type");
        }
    }

    /** Every member of a {@code parameters} array anywhere in the document (operations, path items, components). */
    private static void parametersIn(JsonNode node, List<JsonNode> out) {
        if (node.isObject()) {
            node.properties().forEach(e -> {
                if (e.getKey().equals("parameters") && e.getValue().isArray()) {
                    e.getValue().forEach(out::add);
                } else if (e.getKey().equals("parameters") && e.getValue().isObject()) {
                    e.getValue().forEach(out::add);
                } else {
                    parametersIn(e.getValue(), out);
                }
            });
        } else if (node.isArray()) {
            node.forEach(n -> parametersIn(n, out));
        }
    }

    private static void collect(Resource r, String prefix, Set<String> out) {
        String path = (prefix + "/" + (r.getPath() == null ? "" : r.getPath())).replaceAll("/+", "/");
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        for (ResourceMethod m : r.getResourceMethods()) {
            out.add(m.getHttpMethod() + " " + path);
        }
        for (Resource child : r.getChildResources()) {
            collect(child, path, out);
        }
    }
}
