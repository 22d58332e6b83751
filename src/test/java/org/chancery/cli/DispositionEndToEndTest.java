package org.chancery.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.chancery.ledger.CheckpointVerifier;
import org.chancery.ledger.Hash;
import org.chancery.ledger.InclusionProof;
import org.chancery.ledger.MerkleTree;
import org.chancery.ledger.NoteVerification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A disposition run end to end through the real CLI on a real fixture store: the real congresstweets account
 * registry makes campaign accounts subject to campaign-personal v1 (one year after creation, then destroy);
 * plan → approval refused for the planner → approval by a second person → a hold placed meanwhile → execute
 * withdraws the held object and purges the rest → verify stays clean, the certificate is in the signed log,
 * and retrieval answers "disposed of".
 */
class DispositionEndToEndTest {
    private static final int SAMPLE = 150;

    @TempDir
    Path data;
    @TempDir
    Path input;

    @Test
    void planApproveExecuteDisposesEligibleObjectsAndLeavesAVerifiableCertificate() throws Exception {
        Path day = RetentionFixtures.firstItems(input, SAMPLE);
        Set<String> campaign = RetentionFixtures.campaignAccounts();
        // Expected, from the payloads: campaign tweets grouped by author (one OCFL object per author and month).
        Map<String, Set<String>> tweetsByAuthor = new TreeMap<>();
        Map<String, String> handleOf = new TreeMap<>();
        for (JsonNode item : RetentionFixtures.items(day)) {
            String author = item.path("user_id").asText();
            if (campaign.contains(author)) {
                tweetsByAuthor.computeIfAbsent(author, k -> new TreeSet<>()).add(item.path("id").asText());
                handleOf.put(author, item.path("screen_name").asText());
            }
        }
        assertTrue(tweetsByAuthor.size() >= 3, "the sample must hold several campaign accounts");
        int campaignTweets = tweetsByAuthor.values().stream().mapToInt(Set::size).sum();

        Cli cli = new Cli(data);
        assertEquals(0, cli.run("import", day.toString()).exitCode());
        assertEquals(0, cli.run("accounts", "import", RetentionFixtures.USERS.toString()).exitCode());

        // A year after creation is not yet over on 2018-07-09: nothing is eligible.
        Cli early = new Cli(data).clock(Clock.fixed(Instant.parse("2018-07-09T00:00:00Z"), ZoneOffset.UTC));
        Cli.Result none = early.run("disposition", "plan", "--by", "alice");
        assertEquals(0, none.exitCode(), none.err());
        assertTrue(none.out().contains("Nothing is eligible"), none.out());

        Cli.Result plan = cli.run("disposition", "plan", "--by", "alice");
        assertEquals(0, plan.exitCode(), plan.err());
        assertTrue(plan.out().contains(tweetsByAuthor.size() + " object(s), " + campaignTweets + " record(s)"), plan.out());
        Matcher m = Pattern.compile("Plan (DP-\\S+) by alice").matcher(plan.out());
        assertTrue(m.find(), plan.out());
        String planId = m.group(1);

        Cli.Result self = cli.run("disposition", "approve", planId, "--by", "Alice");
        assertEquals(1, self.exitCode(), self.out());
        assertTrue(self.err().contains("second person"), self.err());
        Cli.Result approved = cli.run("disposition", "approve", planId, "--by", "bob");
        assertEquals(0, approved.exitCode(), approved.err());

        // A hold placed after approval must still stop its object at execution.
        String held = tweetsByAuthor.keySet().iterator().next();
        assertEquals(0, cli.run("holds", "create", "--id", "H-2026-001", "--reason", "Records request 7",
                "--by", "carol", "--account", held).exitCode());
        String keptTweet = tweetsByAuthor.get(held).iterator().next();
        Cli.Result keptBefore = cli.run("show", "--json", keptTweet);
        assertEquals(0, keptBefore.exitCode());
        List<String> disposedTweets = new ArrayList<>();
        tweetsByAuthor.forEach((author, ids) -> {
            if (!author.equals(held)) {
                disposedTweets.addAll(ids);
            }
        });
        String probe = disposedTweets.get(0);
        String probeSha = RetentionFixtures.JSON.readTree(cli.run("show", "--json", probe).out())
                .path("storage").path("sha256").asText();

        Cli.Result exec = cli.run("disposition", "execute", planId, "--by", "dave");
        assertEquals(0, exec.exitCode(), exec.err());
        assertTrue(exec.out().contains("Withdrawn urn:chancery:account:" + held + ":2017-07"), exec.out());
        assertTrue(exec.out().contains("under legal hold H-2026-001"), exec.out());
        assertTrue(exec.out().contains("disposed of " + (tweetsByAuthor.size() - 1) + " object(s), "
                + disposedTweets.size() + " record(s)"), exec.out());

        Cli.Result verify = cli.run("verify");
        assertEquals(0, verify.exitCode(), verify.out());
        assertTrue(verify.out().contains((SAMPLE - disposedTweets.size()) + " tweet version(s)"), verify.out());

        // The certificate: kept in the data folder, listing exactly the disposed tweets.
        Path certFile;
        try (Stream<Path> s = Files.list(data.resolve("disposition/certificates"))) {
            List<Path> certs = s.filter(p -> p.toString().endsWith(".json")).toList();
            assertEquals(1, certs.size(), certs.toString());
            certFile = certs.get(0);
        }
        byte[] certBytes = Files.readAllBytes(certFile);
        JsonNode cert = RetentionFixtures.JSON.readTree(certBytes);
        Set<String> certified = new TreeSet<>();
        cert.path("objects").forEach(o -> o.path("records").forEach(r -> {
            certified.add(r.path("tweetId").asText());
            assertEquals("campaign-personal", r.path("policy").asText());
            assertEquals(1, r.path("policyVersion").asInt());
            assertEquals("non-record-roles", r.path("rule").asText());
        }));
        assertEquals(new TreeSet<>(disposedTweets), certified);
        assertEquals("bob", cert.path("approver").asText());
        assertEquals("alice", cert.path("planner").asText());
        assertEquals("dave", cert.path("executor").asText(), "the certificate names who carried the disposition out");
        // Its commitment to the destroyed payload, recomputed from the digest recorded before disposal.
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(HexFormat.of().parseHex(cert.path("salt").asText()));
        sha.update(probeSha.getBytes(StandardCharsets.US_ASCII));
        sha.update(probe.getBytes(StandardCharsets.US_ASCII));
        String commitment = HexFormat.of().formatHex(sha.digest());
        boolean committed = false;
        for (JsonNode o : cert.path("objects")) {
            for (JsonNode r : o.path("records")) {
                if (r.path("tweetId").asText().equals(probe)) {
                    for (JsonNode c : r.path("commitments")) {
                        committed |= c.asText().equals(commitment);
                    }
                }
            }
        }
        assertTrue(committed, "the certificate commits to the destroyed payload");

        // Retrieval answers with the certificate, which verifies against the signed log.
        Cli.Result shown = cli.run("show", probe);
        assertEquals(0, shown.exitCode(), shown.err());
        assertTrue(shown.out().contains("Tweet " + probe + " was disposed of on 2026-12-01 under campaign-personal v1"
                + " rule non-record-roles"), shown.out());
        JsonNode proof = RetentionFixtures.JSON.readTree(cli.run("show", "--json", probe).out());
        assertEquals(cert, proof.path("disposed").path("certificate"));
        JsonNode ledger = proof.path("ledger");
        assertEquals(new String(certBytes, StandardCharsets.UTF_8), ledger.path("entry").asText());
        assertEquals(List.of(ledger.path("leafIndex").asLong()), RetentionFixtures.logIndexesOf(data, certBytes));
        List<Hash> path = new ArrayList<>();
        ledger.path("inclusionProof").forEach(h -> path.add(Hash.fromBase64(h.asText())));
        InclusionProof inclusion = new InclusionProof(ledger.path("leafIndex").asLong(), ledger.path("treeSize").asLong(), path);
        String key = cli.run("public-key").out().strip();
        NoteVerification note = new CheckpointVerifier(key, null).verify(ledger.path("checkpoint").asText());
        NoteVerification.Verified ok = assertInstanceOf(NoteVerification.Verified.class, note);
        assertEquals(ledger.path("treeSize").asLong(), ok.checkpoint().size());
        assertTrue(MerkleTree.verifyInclusion(inclusion, MerkleTree.leafHash(certBytes), ok.checkpoint().root()).valid());

        // Gone from search; the held account's tweets stay, searchable and retrievable.
        String disposedHandle = handleOf.get(cert.path("objects").get(0).path("objectId").asText().split(":")[3]);
        assertEquals("0", cli.run("search", "--count", "from:" + disposedHandle).out().strip());
        assertFalse(cli.run("search", "--count", "from:" + handleOf.get(held)).out().strip().equals("0"));
        JsonNode keptAfter = RetentionFixtures.JSON.readTree(cli.run("show", "--json", keptTweet).out());
        assertEquals(RetentionFixtures.JSON.readTree(keptBefore.out()).path("storage"), keptAfter.path("storage"));

        // After a rebuild of every derived index the answers are the same, and executing twice is refused.
        assertEquals(0, cli.run("reindex").exitCode());
        assertEquals("0", cli.run("search", "--count", "from:" + disposedHandle).out().strip());
        assertEquals(1, cli.run("disposition", "execute", planId, "--by", "dave").exitCode());
        assertEquals(0, cli.run("verify").exitCode());
    }
}
