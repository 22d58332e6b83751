package org.chancery.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.chancery.ChanceryException;
import org.chancery.InvalidInputException;
import org.chancery.ledger.CheckpointVerifier;
import org.chancery.ledger.Hash;
import org.chancery.ledger.InclusionProof;
import org.chancery.ledger.MerkleTree;
import org.chancery.ledger.NoteVerification;
import org.chancery.ledger.ProofVerification;
import org.chancery.ledger.TweetVersionEntry;

/**
 * Checks a Chancery bag (a folder or a zip) with nothing but the bag and, optionally, a verifier key the user pins:
 * the bag itself (RFC 8493), each raw payload's SHA-256 against its proof and log entry, each inclusion proof against
 * the checkpoint's root and size, and the checkpoint's signature against the bag's key (and the pinned one).
 */
public final class ExportVerifier {
    private final ObjectMapper json = new ObjectMapper();

    /** The outcome: what was checked and every problem found (none means the export verifies). */
    public record Report(long records, long checkpointSize, List<ExportProblem> problems) {
        public Report {
            problems = List.copyOf(problems);
        }

        public boolean clean() {
            return problems.isEmpty();
        }
    }

    /** Checks only the BagIt structure and fixity of the bag in {@code folder}. */
    public static List<ExportProblem> checkBag(Path folder) {
        return BagChecker.check(folder);
    }

    /**
     * Verifies an export.
     *
     * @param path      the bag folder or its zip
     * @param pinnedKey a verifier key ({@code <name>+<key id>+<base64>}) the checkpoint must also be signed by
     */
    public Report verify(Path path, Optional<String> pinnedKey) {
        if (Files.isRegularFile(path)) {
            Path temp = null;
            try {
                temp = Files.createTempDirectory("chancery-verify-export");
                Path bag = ExportFiles.unzip(path, temp);
                return verifyFolder(bag, pinnedKey);
            } catch (IOException e) {
                return new Report(0, 0, List.of(new ExportProblem(path.getFileName().toString(), null,
                        "The file is not a readable zip of a bag: " + e.getMessage())));
            } catch (InvalidInputException e) {
                return new Report(0, 0, List.of(new ExportProblem(path.getFileName().toString(), null, e.getMessage())));
            } finally {
                if (temp != null) {
                    try {
                        ExportFiles.deleteTree(temp);
                    } catch (IOException ignored) {
                        // a leftover temporary folder does not change the verdict
                    }
                }
            }
        }
        return verifyFolder(path, pinnedKey);
    }

    private Report verifyFolder(Path bag, Optional<String> pinnedKey) {
        List<ExportProblem> problems = new ArrayList<>(BagChecker.check(bag));
        if (!Files.isDirectory(bag)) {
            return new Report(0, 0, problems);
        }
        for (String required : List.of("manifest-sha256.txt", "manifest-sha512.txt", "tagmanifest-sha256.txt",
                "tagmanifest-sha512.txt")) {
            if (!Files.isRegularFile(bag.resolve(required))) {
                problems.add(new ExportProblem(required, null,
                        "The file is missing; every Chancery bag carries it, so the bag was altered."));
            }
        }
        Anchor anchor = anchor(bag, pinnedKey, problems);
        Set<String> recordIds = recordIds(bag, problems);
        long records = 0;
        Set<String> rawIds = new HashSet<>();
        Path rawDir = bag.resolve("data/raw");
        if (Files.isDirectory(rawDir)) {
            try (Stream<Path> raws = Files.list(rawDir)) {
                for (Path raw : raws.sorted().toList()) {
                    String name = raw.getFileName().toString();
                    if (!name.endsWith(".json")) {
                        problems.add(new ExportProblem("data/raw/" + name, null, "A raw payload file must be <id>.json."));
                        continue;
                    }
                    String id = name.substring(0, name.length() - 5);
                    rawIds.add(id);
                    records++;
                    checkRecord(bag, id, anchor, recordIds.contains(id), problems);
                }
            } catch (IOException e) {
                problems.add(new ExportProblem("data/raw", null, "The folder could not be listed: " + e.getMessage()));
            }
        }
        for (String id : recordIds) {
            if (!rawIds.contains(id)) {
                problems.add(new ExportProblem(BagExport.RECORDS, id, "The record has no raw payload "
                        + ProofJson.rawPath(id) + "."));
            }
        }
        checkWarc(bag, rawIds, problems);
        try (Stream<Path> proofs = Files.isDirectory(bag.resolve("proofs")) ? Files.list(bag.resolve("proofs")) : Stream.empty()) {
            for (Path p : proofs.sorted().toList()) {
                String name = p.getFileName().toString();
                String id = name.endsWith(".json") ? name.substring(0, name.length() - 5) : null;
                if (id != null && !rawIds.contains(id)) {
                    problems.add(new ExportProblem("proofs/" + name, id, "The proof has no raw payload "
                            + ProofJson.rawPath(id) + "."));
                }
            }
        } catch (IOException e) {
            problems.add(new ExportProblem("proofs", null, "The folder could not be listed: " + e.getMessage()));
        }
        return new Report(records, anchor.size, problems);
    }

    /** What proofs are checked against: the checkpoint's size and root, read even if its signature fails. */
    private record Anchor(long size, Hash root) {}

    private Anchor anchor(Path bag, Optional<String> pinnedKey, List<ExportProblem> problems) {
        String checkpoint = read(bag, ProofJson.CHECKPOINT_PATH, problems);
        String key = read(bag, ProofJson.KEY_PATH, problems);
        if (checkpoint == null) {
            return new Anchor(-1, null);
        }
        if (key != null) {
            signature(checkpoint, key.strip(), ProofJson.KEY_PATH, "the bag's key", problems);
        }
        if (pinnedKey.isPresent()) {
            if (key != null && !key.strip().equals(pinnedKey.get().strip())) {
                problems.add(new ExportProblem(ProofJson.KEY_PATH, null, "The bag's key " + key.strip()
                        + " is not the pinned key " + pinnedKey.get().strip() + "."));
            }
            signature(checkpoint, pinnedKey.get().strip(), ProofJson.CHECKPOINT_PATH, "the pinned key", problems);
        }
        String[] lines = checkpoint.split("\n", -1);
        try {
            return new Anchor(Long.parseLong(lines[1]), Hash.fromBase64(lines[2]));
        } catch (RuntimeException e) {
            problems.add(new ExportProblem(ProofJson.CHECKPOINT_PATH, null,
                    "The checkpoint has no tree size and root hash on its second and third lines."));
            return new Anchor(-1, null);
        }
    }

    private static void signature(String checkpoint, String key, String keyFile, String whose,
            List<ExportProblem> problems) {
        CheckpointVerifier verifier;
        try {
            verifier = new CheckpointVerifier(key, null);
        } catch (ChanceryException e) {
            problems.add(new ExportProblem(keyFile, null, "The key is not a valid verifier key: " + e.getMessage()));
            return;
        }
        if (verifier.verify(checkpoint) instanceof NoteVerification.Rejected r) {
            for (String p : r.problems()) {
                problems.add(new ExportProblem(ProofJson.CHECKPOINT_PATH, null,
                        "The checkpoint does not verify with " + whose + ": " + p));
            }
        }
    }

    private Set<String> recordIds(Path bag, List<ExportProblem> problems) {
        Set<String> ids = new HashSet<>();
        Path file = bag.resolve(BagExport.RECORDS);
        if (!Files.isRegularFile(file)) {
            problems.add(new ExportProblem(BagExport.RECORDS, null, "The normalized records file is missing."));
            return ids;
        }
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int n = 0;
            for (String line; (line = in.readLine()) != null; ) {
                n++;
                String id;
                try {
                    id = json.readTree(line).path("id").asText(null);
                } catch (IOException e) {
                    id = null;
                }
                if (id == null) {
                    problems.add(new ExportProblem(BagExport.RECORDS, null, "Line " + n
                            + " is not a record with an id."));
                } else if (!ids.add(id)) {
                    problems.add(new ExportProblem(BagExport.RECORDS, id, "Line " + n + " repeats the record."));
                }
            }
        } catch (IOException e) {
            problems.add(new ExportProblem(BagExport.RECORDS, null, "The file could not be read: " + e.getMessage()));
        }
        return ids;
    }

    private void checkRecord(Path bag, String id, Anchor anchor, boolean inRecords, List<ExportProblem> problems) {
        String rawPath = ProofJson.rawPath(id);
        String proofPath = ProofJson.proofPath(id);
        if (!inRecords) {
            problems.add(new ExportProblem(rawPath, id, "The raw payload has no record in " + BagExport.RECORDS + "."));
        }
        String sha256;
        try {
            sha256 = FileDigest.hex(bag.resolve(rawPath), "SHA-256");
        } catch (IOException e) {
            problems.add(new ExportProblem(rawPath, id, "The raw payload could not be read: " + e.getMessage()));
            return;
        }
        JsonNode proof;
        try {
            proof = json.readTree(bag.resolve(proofPath).toFile());
        } catch (IOException e) {
            problems.add(new ExportProblem(proofPath, id, "The proof is missing or not JSON: " + e.getMessage()));
            return;
        }
        if (!id.equals(proof.path("tweetId").asText())) {
            problems.add(new ExportProblem(proofPath, id, "The proof is for tweet \"" + proof.path("tweetId").asText()
                    + "\", not " + id + "."));
        }
        if (!sha256.equals(proof.path("rawSha256").asText())) {
            problems.add(new ExportProblem(rawPath, id, "The raw payload's SHA-256 is " + sha256 + ", but the proof"
                    + " says " + proof.path("rawSha256").asText() + "."));
        }
        String entryText = proof.path("entry").asText();
        TweetVersionEntry entry;
        try {
            entry = TweetVersionEntry.decode(entryText.getBytes(StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            problems.add(new ExportProblem(proofPath, id, "The log entry is not a canonical tweet-version entry: "
                    + e.getMessage()));
            return;
        }
        if (!entry.tweetId().equals(id)) {
            problems.add(new ExportProblem(proofPath, id, "The log entry is for tweet " + entry.tweetId() + "."));
        }
        if (!entry.sha256().equals(sha256)) {
            problems.add(new ExportProblem(rawPath, id, "The raw payload's SHA-256 is " + sha256
                    + ", but the log entry says " + entry.sha256() + ": the payload is not the one the log holds."));
        }
        if (anchor.root() == null) {
            return;
        }
        InclusionProof inclusion;
        try {
            List<Hash> path = new ArrayList<>();
            for (JsonNode h : proof.path("inclusionProof")) {
                path.add(Hash.fromBase64(h.asText()));
            }
            inclusion = new InclusionProof(proof.path("leafIndex").asLong(-1), proof.path("treeSize").asLong(-1), path);
        } catch (RuntimeException e) {
            problems.add(new ExportProblem(proofPath, id, "The inclusion proof is malformed: " + e.getMessage()));
            return;
        }
        if (inclusion.treeSize() != anchor.size()) {
            problems.add(new ExportProblem(proofPath, id, "The proof is for a tree of size " + inclusion.treeSize()
                    + ", but the checkpoint's tree has " + anchor.size() + " entries."));
        }
        Hash leaf = MerkleTree.leafHash(entryText.getBytes(StandardCharsets.UTF_8));
        if (MerkleTree.verifyInclusion(inclusion, leaf, anchor.root()) instanceof ProofVerification.Invalid invalid) {
            problems.add(new ExportProblem(proofPath, id, "The inclusion proof does not lead to the checkpoint's root: "
                    + invalid.reason()));
        }
    }

    /** The WARC file must hold each raw payload, byte for byte, once, and nothing else. */
    private static void checkWarc(Path bag, Set<String> rawIds, List<ExportProblem> problems) {
        Path file = bag.resolve(BagExport.WARC);
        if (!Files.isRegularFile(file)) {
            problems.add(new ExportProblem(BagExport.WARC, null, "The WARC file of the raw payloads is missing."));
            return;
        }
        Set<String> seen = new HashSet<>();
        try (org.netpreserve.jwarc.WarcReader reader = new org.netpreserve.jwarc.WarcReader(file)) {
            for (org.netpreserve.jwarc.WarcRecord record : reader) {
                if (!(record instanceof org.netpreserve.jwarc.WarcResource resource)) {
                    continue;
                }
                String target = resource.target();
                String id = target.substring(target.lastIndexOf('/') + 1);
                if (!rawIds.contains(id) || !seen.add(id)) {
                    problems.add(new ExportProblem(BagExport.WARC, id, "The resource record for " + target
                            + " has no raw payload in the bag, or appears twice."));
                    continue;
                }
                java.security.MessageDigest md = HashingOutputStream.digest("SHA-256");
                byte[] buffer = new byte[1 << 16];
                try (java.io.InputStream in = resource.body().stream()) {
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        md.update(buffer, 0, n);
                    }
                }
                String warcSha = java.util.HexFormat.of().formatHex(md.digest());
                String rawSha = FileDigest.hex(bag.resolve(ProofJson.rawPath(id)), "SHA-256");
                if (!warcSha.equals(rawSha)) {
                    problems.add(new ExportProblem(BagExport.WARC, id, "The resource record's payload has SHA-256 "
                            + warcSha + ", but " + ProofJson.rawPath(id) + " has " + rawSha + "."));
                }
            }
        } catch (IOException | RuntimeException e) {
            problems.add(new ExportProblem(BagExport.WARC, null, "The WARC file could not be read: " + e.getMessage()));
            return;
        }
        for (String id : rawIds) {
            if (!seen.contains(id)) {
                problems.add(new ExportProblem(BagExport.WARC, id, "The WARC file has no resource record for the tweet."));
            }
        }
    }

    private static String read(Path bag, String rel, List<ExportProblem> problems) {
        try {
            return Files.readString(bag.resolve(rel), StandardCharsets.UTF_8);
        } catch (IOException e) {
            problems.add(new ExportProblem(rel, null, "The file is missing or unreadable; this is not a Chancery export"
                    + " with proofs."));
            return null;
        }
    }
}
