package org.chancery.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gov.loc.repository.bagit.domain.Bag;
import gov.loc.repository.bagit.reader.BagReader;
import gov.loc.repository.bagit.verify.BagVerifier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.chancery.ledger.ArchiveKey;
import org.chancery.ledger.MerkleLog;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netpreserve.jwarc.WarcMetadata;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcResource;

/**
 * Exports 150 real congresstweets items through the real CLI and checks the results offline against the fixture,
 * read independently with Jackson: the bag verifies (also with the Library of Congress BagIt library), each kind of
 * tampering is named, the WARC and CSV read back, and what a role may not see is left out.
 */
class ExportCommandTest {
    private static final int ITEMS = 150;
    private static final String QUERY = "since:2017-01-01";

    @TempDir
    static Path dir;
    static Path data;
    static Cli cli;
    static Map<String, JsonNode> items = new LinkedHashMap<>();
    static Path bag;

    @BeforeAll
    static void importAndExport() throws IOException {
        data = dir.resolve("data");
        Path day = RetentionFixtures.firstItems(Files.createDirectories(dir.resolve("in")), ITEMS);
        for (JsonNode item : RetentionFixtures.items(day)) {
            items.put(item.path("id").asText(), item);
        }
        cli = new Cli(data);
        assertEquals(0, cli.run("import", day.toString()).exitCode());
        assertEquals(0, cli.run("accounts", "import", RetentionFixtures.USERS.toString()).exitCode());
        bag = dir.resolve("bag");
        Cli.Result r = export("--out", bag.toString(), "--by", "Ada Archivist");
        assertEquals(0, r.exitCode(), r.err());
    }

    private static Cli.Result export(String... options) {
        List<String> args = new ArrayList<>(List.of("--policies", "retention-policies", "export", QUERY));
        args.addAll(List.of(options));
        return cli.run(args.toArray(String[]::new));
    }

    private static Cli.Result verify(Path path, String... options) {
        List<String> args = new ArrayList<>(List.of("verify-export", path.toString()));
        args.addAll(List.of(options));
        return new Cli(null).run(args.toArray(String[]::new));
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static Set<String> rawIds(Path bagRoot) throws IOException {
        return new TreeSet<>(BagPayloads.byPayloadId(bagRoot).keySet());
    }

    @Test
    void exportedBagHoldsEveryMatchingRecordAsCapturedAndVerifiesOffline() throws Exception {
        assertEquals(items.keySet(), rawIds(bag));
        List<String> lines = Files.readAllLines(bag.resolve("data/records.jsonl"), StandardCharsets.UTF_8);
        assertEquals(ITEMS, lines.size());
        List<JsonNode> proofs = BagPayloads.proofs(bag);
        assertEquals(ITEMS, proofs.size());
        long rawBytes = 0;
        for (int i = 0; i < ITEMS; i++) {
            JsonNode proof = proofs.get(i);
            byte[] raw = BagPayloads.slice(bag, proof);
            rawBytes += raw.length;
            String id = RetentionFixtures.JSON.readTree(raw).path("id").asText();
            assertEquals(items.get(id), RetentionFixtures.JSON.readTree(raw), id);
            assertEquals(id, RetentionFixtures.JSON.readTree(lines.get(i)).path("id").asText(), "line " + (i + 1));
            assertEquals(id, proof.path("tweetId").asText());
            assertEquals(sha256(raw), proof.path("rawSha256").asText());
            assertTrue(proof.path("entry").asText().contains("\"sha256\":\"" + sha256(raw) + "\""));
        }
        long onDisk = 0;
        try (Stream<Path> s = Files.list(bag.resolve("data/raw"))) {
            for (Path p : s.toList()) {
                onDisk += Files.size(p);
            }
        }
        assertEquals(rawBytes, onDisk, "the raw files hold the payloads and nothing else");
        String info = Files.readString(bag.resolve("bag-info.txt"), StandardCharsets.UTF_8);
        assertTrue(info.contains("Chancery-Query: " + QUERY + "\n"), info);
        assertTrue(info.contains("Chancery-Exported-By: Ada Archivist\n"), info);
        assertTrue(info.contains("Chancery-Records-Exported: " + ITEMS + "\n"), info);
        assertTrue(info.contains("Chancery-Policy-Decision: campaign-personal v"), info);
        Cli.Result verified = verify(bag);
        assertEquals(0, verified.exitCode(), verified.out());
        assertTrue(verified.out().contains("Checked " + ITEMS + " record(s)"), verified.out());
    }

    @Test
    void recordLinesAreTheArchivedTweetJsonByteForByte() throws IOException {
        // What the store holds, read straight from the OCFL content files: the "tweet" member, the last of each line.
        Map<String, String> archived = new HashMap<>();
        try (Stream<Path> files = Files.walk(data.resolve("store"))) {
            for (Path f : files.filter(p -> p.toString().replace('\\', '/').contains("/content/records/")
                    && p.toString().endsWith(".jsonl")).toList()) {
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    int at = line.indexOf(",\"context\":[");
                    int tweet = line.indexOf(",\"tweet\":{", at);
                    String json = line.substring(tweet + ",\"tweet\":".length(), line.length() - 1);
                    archived.put(RetentionFixtures.JSON.readTree(json).path("id").asText(), json);
                }
            }
        }
        List<String> lines = Files.readAllLines(bag.resolve("data/records.jsonl"), StandardCharsets.UTF_8);
        assertEquals(ITEMS, lines.size());
        org.chancery.record.TweetJson codec = new org.chancery.record.TweetJson();
        for (String line : lines) {
            String id = RetentionFixtures.JSON.readTree(line).path("id").asText();
            assertEquals(archived.get(id), line, id);
            // Byte-identical to encoding the decoded tweet again, which is what exports wrote before.
            assertEquals(codec.encodeToString(codec.decode(line)), line, id);
            // Compact JSON as Jackson's UTF-8 writer puts it (which escapes characters outside the BMP).
            assertEquals(new String(RetentionFixtures.JSON.writeValueAsBytes(RetentionFixtures.JSON.readTree(line)),
                    StandardCharsets.UTF_8), line, "compact canonical JSON: " + id);
        }
    }

    @Test
    void checkpointInTheBagIsTheArchivesAndSignedByItsPublishedKey() throws IOException {
        String key = cli.run("public-key").out().strip();
        assertEquals(key, Files.readString(bag.resolve("proofs/public-key.txt"), StandardCharsets.UTF_8).strip());
        Cli.Result pinned = verify(bag, "--key", key);
        assertEquals(0, pinned.exitCode(), pinned.out());
        String other = ArchiveKey.fromSeed("chancery", new byte[32]).verifierKey();
        Cli.Result wrong = verify(bag, "--key", other);
        assertEquals(1, wrong.exitCode());
        assertTrue(wrong.out().contains("PROBLEM proofs/public-key.txt: The bag's key"), wrong.out());
        assertTrue(wrong.out().contains("PROBLEM proofs/checkpoint.txt: The checkpoint does not verify with the pinned key"),
                wrong.out());
    }

    /**
     * What README.txt tells a recipient to do, done here with the JDK alone (no Chancery code): every leaf hash is
     * SHA-256(0x00 || entry), every proof folds to the checkpoint's root per RFC 9162 §2.1.3.2, and the checkpoint's
     * Ed25519 signature verifies with the bag's key.
     */
    @Test
    void proofsAndSignatureCheckWithPlainSha256AndEd25519() throws Exception {
        String[] checkpoint = Files.readString(bag.resolve("proofs/checkpoint.txt"), StandardCharsets.UTF_8).split("\n");
        long size = Long.parseLong(checkpoint[1]);
        byte[] root = java.util.Base64.getDecoder().decode(checkpoint[2]);
        for (JsonNode proof : BagPayloads.proofs(bag)) {
            String id = proof.path("tweetId").asText();
            assertEquals(size, proof.path("treeSize").asLong());
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((byte) 0);
            byte[] r = sha.digest(proof.path("entry").asText().getBytes(StandardCharsets.UTF_8));
            long fn = proof.path("leafIndex").asLong();
            long sn = size - 1;
            for (JsonNode p : proof.path("inclusionProof")) {
                byte[] h = java.util.Base64.getDecoder().decode(p.asText());
                assertTrue(sn != 0, id);
                if ((fn & 1) == 1 || fn == sn) {
                    r = node(h, r);
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                } else {
                    r = node(r, h);
                }
                fn >>= 1;
                sn >>= 1;
            }
            assertEquals(0, sn, id);
            assertArrayEquals(root, r, id);
        }
        // <name>+<key id>+<base64 key>: the base64 part may itself contain '+'.
        String[] key = Files.readString(bag.resolve("proofs/public-key.txt"), StandardCharsets.UTF_8).strip()
                .split("\\+", 3);
        byte[] typed = java.util.Base64.getDecoder().decode(key[2]);
        assertEquals(1, typed[0]);
        byte[] x509 = java.util.HexFormat.of().parseHex("302a300506032b6570032100" + HexFormat.of().formatHex(typed, 1, 33));
        java.security.PublicKey pub = java.security.KeyFactory.getInstance("Ed25519")
                .generatePublic(new java.security.spec.X509EncodedKeySpec(x509));
        String signatureLine = checkpoint[4];
        assertTrue(signatureLine.startsWith("\u2014 " + key[0] + " "), signatureLine);
        byte[] sig = java.util.Base64.getDecoder().decode(signatureLine.substring(signatureLine.lastIndexOf(' ') + 1));
        assertEquals(key[1], HexFormat.of().formatHex(sig, 0, 4));
        java.security.Signature ed = java.security.Signature.getInstance("Ed25519");
        ed.initVerify(pub);
        ed.update((checkpoint[0] + "\n" + checkpoint[1] + "\n" + checkpoint[2] + "\n").getBytes(StandardCharsets.UTF_8));
        assertTrue(ed.verify(java.util.Arrays.copyOfRange(sig, 4, sig.length)));
    }

    private static byte[] node(byte[] left, byte[] right) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update((byte) 1);
        sha.update(left);
        return sha.digest(right);
    }

    @Test
    void independentBagItImplementationAcceptsTheBag() throws Exception {
        Bag read = new BagReader().read(bag);
        try (BagVerifier verifier = new BagVerifier()) {
            verifier.isValid(read, false);
        }
        assertEquals("1.0", read.getVersion().toString());
    }

    @Test
    void exportIsRecordedInTheLogWithItsDigest() throws Exception {
        byte[] tagManifest = Files.readAllBytes(bag.resolve("tagmanifest-sha256.txt"));
        String digest = sha256(tagManifest);
        boolean found = false;
        try (MerkleLog log = MerkleLog.open(data.resolve("ledger"))) {
            for (long i = 0; i < log.size(); i++) {
                String entry = new String(log.entry(i), StandardCharsets.UTF_8);
                if (entry.contains("\"sha256\":\"" + digest + "\"")) {
                    JsonNode e = RetentionFixtures.JSON.readTree(entry);
                    assertEquals("export", e.path("type").asText());
                    assertEquals(QUERY, e.path("query").asText());
                    assertEquals(ITEMS, e.path("records").asInt());
                    found = true;
                }
            }
        }
        assertTrue(found, "no log entry names the bag's digest " + digest);
    }

    private static Path tamperedCopy(String name) throws IOException {
        return org.chancery.export.BagConformanceTestAccess.copy(bag, dir.resolve("tampered-" + name));
    }

    private static String firstId() {
        return items.keySet().iterator().next();
    }

    /**
     * Changes one byte inside the raw payload of the bag's 20th record (its "text" key becomes "teXt", so every other
     * payload stays where its proof says) and returns that record's proof line.
     */
    private static JsonNode tamperWithOnePayload(Path copy) throws IOException {
        JsonNode proof = BagPayloads.proofs(copy).get(19);
        byte[] raw = BagPayloads.slice(copy, proof);
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int at = text.indexOf("\"text\"");
        assertTrue(at >= 0, text);
        Path file = copy.resolve(proof.path("raw").asText());
        byte[] all = Files.readAllBytes(file);
        all[Math.toIntExact(proof.path("rawOffset").asLong()) + at + 3] = 'X';
        Files.write(file, all);
        return proof;
    }

    private static long problems(Cli.Result r) {
        return r.out().lines().filter(l -> l.startsWith("PROBLEM")).count();
    }

    @Test
    void changedRecordIsNamed() throws IOException {
        Path copy = tamperedCopy("record");
        JsonNode proof = tamperWithOnePayload(copy);
        String id = proof.path("tweetId").asText();
        String file = proof.path("raw").asText();
        Cli.Result r = verify(copy);
        assertEquals(1, r.exitCode());
        assertTrue(r.out().contains("PROBLEM " + file + ": Its sha256 is"), r.out());
        assertTrue(r.out().contains("PROBLEM " + file + " [tweet " + id + "]: The raw payload's SHA-256 is"), r.out());
        assertTrue(r.out().contains("the payload is not the one the log holds"), r.out());
        assertTrue(r.out().contains("PROBLEM data/warc/records.warc [tweet " + id
                + "]: The resource record's payload has SHA-256"), r.out());
        // both manifests, the proof and the log entry, the WARC copy: all about that one record's file
        assertEquals(5, problems(r), r.out());
    }

    @Test
    void changedRecordWithRewrittenManifestsIsStillCaughtByItsProof() throws Exception {
        Path copy = tamperedCopy("rebagged");
        JsonNode proof = tamperWithOnePayload(copy);
        String id = proof.path("tweetId").asText();
        rehash(copy, "manifest-sha256.txt", "SHA-256");
        rehash(copy, "manifest-sha512.txt", "SHA-512");
        rehash(copy, "tagmanifest-sha256.txt", "SHA-256");
        rehash(copy, "tagmanifest-sha512.txt", "SHA-512");
        try (BagVerifier verifier = new BagVerifier()) {
            verifier.isValid(new BagReader().read(copy), false);
        }
        Cli.Result r = verify(copy);
        assertEquals(1, r.exitCode());
        assertTrue(r.out().contains("[tweet " + id + "]: The raw payload's SHA-256 is"), r.out());
        assertTrue(r.out().contains("the payload is not the one the log holds"), r.out());
        assertFalse(r.out().contains("sha256 is"), "the manifests were rewritten consistently: " + r.out());
    }

    /** Recomputes every digest of a manifest, as someone covering their tracks would. */
    private static void rehash(Path bagRoot, String manifest, String algorithm) throws Exception {
        StringBuilder s = new StringBuilder();
        for (String line : Files.readAllLines(bagRoot.resolve(manifest), StandardCharsets.UTF_8)) {
            String path = line.substring(line.indexOf("  ") + 2);
            byte[] bytes = Files.readAllBytes(bagRoot.resolve(path));
            s.append(HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes))).append("  ")
                    .append(path).append('\n');
        }
        Files.writeString(bagRoot.resolve(manifest), s, StandardCharsets.UTF_8);
    }

    @Test
    void warcThatDisagreesWithTheRawPayloadsIsNamed() throws Exception {
        Path copy = tamperedCopy("warc");
        String id = firstId();
        Path warc = copy.resolve("data/warc/records.warc");
        Files.delete(warc);
        try (org.netpreserve.jwarc.WarcWriter writer = new org.netpreserve.jwarc.WarcWriter(
                java.nio.channels.FileChannel.open(warc, java.nio.file.StandardOpenOption.CREATE_NEW,
                        java.nio.file.StandardOpenOption.WRITE), org.netpreserve.jwarc.WarcCompression.NONE)) {
            for (JsonNode proof : BagPayloads.proofs(copy)) {
                String other = proof.path("tweetId").asText();
                byte[] body = BagPayloads.slice(copy, proof);
                if (other.equals(id)) {
                    body = "{}".getBytes(StandardCharsets.UTF_8);
                }
                writer.write(new WarcResource.Builder(java.net.URI.create("https://twitter.com/i/web/status/" + other))
                        .body(org.netpreserve.jwarc.MediaType.JSON, body).build());
            }
        }
        rehash(copy, "manifest-sha256.txt", "SHA-256");
        rehash(copy, "manifest-sha512.txt", "SHA-512");
        rehash(copy, "tagmanifest-sha256.txt", "SHA-256");
        rehash(copy, "tagmanifest-sha512.txt", "SHA-512");
        Cli.Result r = verify(copy);
        assertEquals(1, r.exitCode());
        assertTrue(r.out().contains("PROBLEM data/warc/records.warc [tweet " + id
                + "]: The resource record's payload has SHA-256"), r.out());
        // The rewritten WARC is smaller (no metadata records), which Payload-Oxum notices too; nothing else differs.
        assertTrue(r.out().contains("PROBLEM bag-info.txt: Payload-Oxum is"), r.out());
        assertEquals(2, r.out().lines().filter(l -> l.startsWith("PROBLEM")).count(), r.out());
    }

    @Test
    void addedAndRemovedFilesAreNamed() throws IOException {
        Path copy = tamperedCopy("files");
        Files.writeString(copy.resolve("data/raw/1.json"), "{}", StandardCharsets.UTF_8);
        Files.writeString(copy.resolve("notes.txt"), "planted", StandardCharsets.UTF_8);
        Files.delete(copy.resolve("tagmanifest-sha512.txt"));
        Cli.Result r = verify(copy);
        assertEquals(1, r.exitCode());
        assertTrue(r.out().contains("PROBLEM data/raw/1.json: The payload file is not listed in manifest-sha256.txt."),
                r.out());
        assertTrue(r.out().contains("PROBLEM notes.txt: The tag file is not listed in tagmanifest-sha256.txt."), r.out());
        assertTrue(r.out().contains("PROBLEM tagmanifest-sha512.txt: The file is missing"), r.out());
        assertTrue(r.out().contains("PROBLEM data/raw/1.json: The raw file holds no record's payload"), r.out());
    }

    @Test
    void changedProofIsNamed() throws IOException {
        Path copy = tamperedCopy("proof");
        Path proofFile = copy.resolve("proofs/inclusion.jsonl");
        List<String> lines = new ArrayList<>(Files.readAllLines(proofFile, StandardCharsets.UTF_8));
        ObjectNode proof = (ObjectNode) RetentionFixtures.JSON.readTree(lines.get(41));
        String id = proof.path("tweetId").asText();
        ArrayNode path = (ArrayNode) proof.path("inclusionProof");
        path.set(0, RetentionFixtures.JSON.getNodeFactory().textNode(proof.path("leafHash").asText()));
        lines.set(41, RetentionFixtures.JSON.writeValueAsString(proof));
        Files.write(proofFile, lines, StandardCharsets.UTF_8);
        Cli.Result r = verify(copy);
        assertEquals(1, r.exitCode());
        assertTrue(r.out().contains("PROBLEM proofs/inclusion.jsonl [tweet " + id
                + "]: Line 42: the inclusion proof does not lead to the checkpoint's root"), r.out());
        assertTrue(r.out().contains("PROBLEM proofs/inclusion.jsonl: Its sha256 is"), r.out());
        assertEquals(3, problems(r), r.out());
    }

    /** A proof line may only point into data/raw/: one that points elsewhere (path traversal) is named, not read. */
    @Test
    void proofPointingOutsideTheRawFilesIsNamedAndNotFollowed() throws IOException {
        Path copy = tamperedCopy("escape");
        Path proofFile = copy.resolve("proofs/inclusion.jsonl");
        List<String> lines = new ArrayList<>(Files.readAllLines(proofFile, StandardCharsets.UTF_8));
        ObjectNode proof = (ObjectNode) RetentionFixtures.JSON.readTree(lines.get(0));
        String id = proof.path("tweetId").asText();
        Files.write(dir.resolve("outside.bin"), BagPayloads.slice(copy, proof));
        proof.put("raw", "data/raw/../../outside.bin");
        proof.put("rawOffset", 0);
        lines.set(0, RetentionFixtures.JSON.writeValueAsString(proof));
        Files.write(proofFile, lines, StandardCharsets.UTF_8);
        Cli.Result r = verify(copy);
        assertEquals(1, r.exitCode());
        assertTrue(r.out().contains("PROBLEM proofs/inclusion.jsonl [tweet " + id + "]: Line 1: The raw payload is"
                + " said to be in \"data/raw/../../outside.bin\", which is not a file of data/raw/"), r.out());
        // the first raw file's first payload now belongs to no line, which shifts no other record's payload
        assertTrue(r.out().contains("The raw payload is said to start at byte"), r.out());
    }

    /** A proof line naming a path the system cannot open (a NUL byte) is a problem, not a crash of the verifier. */
    @Test
    void proofNamingAnUnopenablePathIsAProblemNotACrash() throws IOException {
        Path copy = tamperedCopy("nul");
        Path proofFile = copy.resolve("proofs/inclusion.jsonl");
        List<String> lines = new ArrayList<>(Files.readAllLines(proofFile, StandardCharsets.UTF_8));
        ObjectNode proof = (ObjectNode) RetentionFixtures.JSON.readTree(lines.get(0));
        proof.put("raw", "data/raw/payloads\u0000.bin");
        lines.set(0, RetentionFixtures.JSON.writeValueAsString(proof));
        Files.write(proofFile, lines, StandardCharsets.UTF_8);
        Cli.Result r = verify(copy);
        assertEquals(1, r.exitCode(), r.err());
        assertTrue(r.out().contains("PROBLEM proofs/inclusion.jsonl [tweet " + proof.path("tweetId").asText()
                + "]: Line 1:"), r.out());
    }

    @Test
    void changedCheckpointIsNamed() throws IOException {
        Path copy = tamperedCopy("checkpoint");
        Path cp = copy.resolve("proofs/checkpoint.txt");
        String[] lines = Files.readString(cp, StandardCharsets.UTF_8).split("\n", -1);
        lines[1] = Long.toString(Long.parseLong(lines[1]) + 1);
        Files.writeString(cp, String.join("\n", lines), StandardCharsets.UTF_8);
        Cli.Result r = verify(copy);
        assertEquals(1, r.exitCode());
        assertTrue(r.out().contains("PROBLEM proofs/checkpoint.txt: The checkpoint does not verify with the bag's key"),
                r.out());
        assertTrue(r.out().contains("but the checkpoint's tree has"), r.out());
    }

    @Test
    void changedManifestIsNamed() throws IOException {
        Path copy = tamperedCopy("manifest");
        Path manifest = copy.resolve("manifest-sha256.txt");
        List<String> lines = new ArrayList<>(Files.readAllLines(manifest, StandardCharsets.UTF_8));
        String first = lines.get(0);
        String path = first.substring(first.indexOf("  ") + 2);
        lines.set(0, "0".repeat(64) + "  " + path);
        Files.write(manifest, lines, StandardCharsets.UTF_8);
        Cli.Result r = verify(copy);
        assertEquals(1, r.exitCode());
        assertTrue(r.out().contains("PROBLEM " + path + ": Its sha256 is"), r.out());
        assertTrue(r.out().contains("manifest-sha256.txt line 1 says " + "0".repeat(64)), r.out());
        assertTrue(r.out().contains("PROBLEM manifest-sha256.txt: Its sha256 is"), r.out());
    }

    @Test
    void zippedBagVerifies() throws IOException {
        Path zip = dir.resolve("bag.zip");
        Cli.Result r = export("--out", zip.toString(), "--zip", "--by", "Ada");
        assertEquals(0, r.exitCode(), r.err());
        assertFalse(Files.exists(dir.resolve("bag.zip.partial")));
        Cli.Result verified = verify(zip);
        assertEquals(0, verified.exitCode(), verified.out());
    }

    @Test
    void publicExportLeavesOutWhatThePublicMayNotSee() throws IOException {
        Set<String> campaign = RetentionFixtures.campaignAccounts();
        Set<String> restricted = new TreeSet<>();
        items.forEach((id, item) -> {
            if (campaign.contains(item.path("user_id").asText())) {
                restricted.add(id);
            }
        });
        assertFalse(restricted.isEmpty());
        Path pub = dir.resolve("public-bag");
        Cli.Result r = export("--out", pub.toString(), "--role", "public", "--by", "Ada");
        assertEquals(0, r.exitCode(), r.err());
        Set<String> exported = rawIds(pub);
        for (String id : restricted) {
            assertFalse(exported.contains(id), id + " is a campaign tweet");
        }
        String info = Files.readString(pub.resolve("bag-info.txt"), StandardCharsets.UTF_8);
        assertTrue(info.contains("Chancery-Records-Withheld: " + (ITEMS - exported.size()) + "\n"), info);
        assertTrue(ITEMS - exported.size() >= restricted.size());
        assertEquals(0, verify(pub).exitCode());
    }

    @Test
    void warcReadsBackWithOneResourceAndOneMetadataRecordPerTweet() throws IOException {
        Map<String, byte[]> bodies = new HashMap<>();
        int metadata = 0;
        try (WarcReader reader = new WarcReader(bag.resolve("data/warc/records.warc"))) {
            for (WarcRecord record : reader) {
                if (record instanceof WarcResource res) {
                    String uri = res.target();
                    bodies.put(uri.substring(uri.lastIndexOf('/') + 1), res.body().stream().readAllBytes());
                } else if (record instanceof WarcMetadata) {
                    metadata++;
                }
            }
        }
        assertEquals(items.keySet(), bodies.keySet());
        assertEquals(ITEMS, metadata);
        Map<String, byte[]> raw = BagPayloads.byPayloadId(bag);
        for (String id : items.keySet()) {
            assertArrayEquals(raw.get(id), bodies.get(id), id);
            assertEquals(items.get(id), RetentionFixtures.JSON.readTree(bodies.get(id)));
        }
    }

    @Test
    void csvParsesBackWithQuotesNewlinesAndEmojiIntact() throws IOException {
        Path csv = dir.resolve("export.csv");
        assertEquals(0, export("--out", csv.toString(), "--format", "csv", "--bom", "--by", "Ada").exitCode());
        byte[] bytes = Files.readAllBytes(csv);
        assertArrayEquals(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, java.util.Arrays.copyOf(bytes, 3));
        List<List<String>> rows = TinyCsv.parse(new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8));
        assertEquals(ITEMS + 1, rows.size());
        List<String> header = rows.get(0);
        int idCol = header.indexOf("id");
        int textCol = header.indexOf("text");
        int handleCol = header.indexOf("handle");
        int newlines = 0;
        int quotes = 0;
        int emoji = 0;
        for (List<String> row : rows.subList(1, rows.size())) {
            assertEquals(header.size(), row.size());
            JsonNode item = items.get(row.get(idCol));
            assertEquals(item.path("screen_name").asText(), row.get(handleCol));
            String text = row.get(textCol);
            String original = item.path("text").asText();
            if (!original.startsWith("RT @") && !original.contains("&")) {
                assertEquals(original, text, row.get(idCol));
                newlines += text.contains("\n") ? 1 : 0;
                quotes += text.contains("\"") ? 1 : 0;
                emoji += text.codePoints().anyMatch(c -> c >= 0x1F300 && c <= 0x1FAFF) ? 1 : 0;
            }
        }
        assertTrue(newlines > 0 && quotes > 0 && emoji > 0, newlines + " " + quotes + " " + emoji);
    }

    @Test
    void datLoadFileUsesConcordanceDelimitersAndPointsToNatives() throws IOException {
        Path out = dir.resolve("dat");
        assertEquals(0, export("--out", out.toString(), "--format", "dat", "--by", "Ada").exitCode());
        byte[] bytes = Files.readAllBytes(out.resolve("export.dat"));
        assertArrayEquals(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, java.util.Arrays.copyOf(bytes, 3));
        String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        String[] rows = text.split("\r\n");
        assertEquals(ITEMS + 1, rows.length);
        assertEquals("\u00FEBEGDOC\u00FE\u0014\u00FETWEETID\u00FE", rows[0].substring(0, 18));
        List<String> header = fields(rows[0]);
        for (int i = 1; i < rows.length; i++) {
            List<String> f = fields(rows[i]);
            assertEquals(header.size(), f.size(), rows[i]);
            String id = f.get(header.indexOf("TWEETID"));
            String original = items.get(id).path("text").asText();
            if (!original.startsWith("RT @") && !original.contains("&")) {
                assertEquals(original.replace("\n", "\u00AE"), f.get(header.indexOf("TEXT")));
            }
            Path nativeFile = out.resolve(f.get(header.indexOf("NATIVEPATH")).replace('\\', '/'));
            assertEquals(items.get(id), RetentionFixtures.JSON.readTree(nativeFile.toFile()));
        }
    }

    private static List<String> fields(String row) {
        List<String> out = new ArrayList<>();
        for (String f : row.split("\u0014", -1)) {
            assertTrue(f.length() >= 2 && f.charAt(0) == '\u00FE' && f.charAt(f.length() - 1) == '\u00FE', f);
            out.add(f.substring(1, f.length() - 1));
        }
        return out;
    }

    @Test
    void pdfReportListsEveryTweetAndAttachesItsOriginalJson() throws IOException {
        Path out = dir.resolve("report.pdf");
        assertEquals(0, export("--out", out.toString(), "--format", "pdf", "--by", "Ada").exitCode());
        try (org.apache.pdfbox.pdmodel.PDDocument pdf = org.apache.pdfbox.Loader.loadPDF(out.toFile())) {
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(pdf);
            assertTrue(text.contains("Query: " + QUERY), text.substring(0, Math.min(400, text.length())));
            Map<String, org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification> files =
                    pdf.getDocumentCatalog().getNames().getEmbeddedFiles().getNames();
            assertEquals(ITEMS, files.size());
            for (Map.Entry<String, JsonNode> e : items.entrySet()) {
                assertTrue(text.contains("tweet " + e.getKey()), e.getKey());
                assertTrue(text.contains("@" + e.getValue().path("screen_name").asText()), e.getKey());
                byte[] attached = files.get(e.getKey() + ".json").getEmbeddedFile().toByteArray();
                assertEquals(e.getValue(), RetentionFixtures.JSON.readTree(attached));
                assertTrue(text.contains("SHA-256 " + sha256(attached)), e.getKey());
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void jsonlHasOneNormalizedRecordPerMatch() throws IOException {
        Path out = dir.resolve("export.jsonl");
        assertEquals(0, export("--out", out.toString(), "--format", "jsonl", "--by", "Ada").exitCode());
        Set<String> ids = new TreeSet<>();
        for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
            ids.add(RetentionFixtures.JSON.readTree(line).path("id").asText());
        }
        assertEquals(new TreeSet<>(items.keySet()), ids);
    }

    @Test
    void existingTargetIsRefused() {
        Cli.Result r = export("--out", bag.toString(), "--by", "Ada");
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("already exists"), r.err());
    }

    /** A small RFC 4180 reader, independent of the exporter. */
    static final class TinyCsv {
        static List<List<String>> parse(String s) {
            List<List<String>> rows = new ArrayList<>();
            List<String> row = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < s.length() && s.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        field.append(c);
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (c == ',') {
                    row.add(field.toString());
                    field.setLength(0);
                } else if (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                    row.add(field.toString());
                    field.setLength(0);
                    rows.add(row);
                    row = new ArrayList<>();
                    i++;
                } else {
                    field.append(c);
                }
            }
            return rows;
        }
    }
}
