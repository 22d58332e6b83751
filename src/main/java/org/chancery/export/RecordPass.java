package org.chancery.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.chancery.ledger.Hash;
import org.chancery.ledger.InclusionProof;
import org.chancery.ledger.MerkleTree;
import org.chancery.ledger.ProofVerification;
import org.chancery.ledger.TweetVersionEntry;

/**
 * Checks every record of a bag in one sequential pass over {@code data/records.jsonl}, {@code proofs/inclusion.jsonl},
 * the raw files and the WARC file together: line n of the records and of the proofs and the nth WARC resource record
 * are one record. Each record's raw payload must hash to what its proof and log entry say, each proof must lead to
 * the checkpoint's root, and the raw files must hold nothing but the records' payloads. Memory holds the set of
 * record ids (to find repeats), nothing else that grows with the bag.
 */
final class RecordPass {
    private final ObjectMapper json = new ObjectMapper();
    private final Path bag;
    private final long treeSize;
    private final Hash root;
    private final List<ExportProblem> problems;

    /**
     * @param treeSize the checkpoint's tree size, or -1 when it could not be read
     * @param root     the checkpoint's root hash, or null when it could not be read (proofs are then not folded)
     * @param problems where problems are added
     */
    RecordPass(Path bag, long treeSize, Hash root, List<ExportProblem> problems) {
        this.bag = bag;
        this.treeSize = treeSize;
        this.root = root;
        this.problems = problems;
    }

    private void problem(String file, String id, String what) {
        problems.add(new ExportProblem(file, id, what));
    }

    /** Runs the checks and returns the number of records seen. */
    long run() {
        Path recordsFile = bag.resolve(BagExport.RECORDS);
        Path proofsFile = bag.resolve(ProofJson.INCLUSION_PATH);
        boolean missing = false;
        if (!Files.isRegularFile(recordsFile, LinkOption.NOFOLLOW_LINKS)) {
            problem(BagExport.RECORDS, null, "The normalized records file is missing.");
            missing = true;
        }
        if (!Files.isRegularFile(proofsFile, LinkOption.NOFOLLOW_LINKS)) {
            problem(ProofJson.INCLUSION_PATH, null, "The inclusion proofs file is missing; this is not a Chancery"
                    + " export with proofs.");
            missing = true;
        }
        if (missing) {
            return 0;
        }
        long n = 0;
        try (BufferedReader records = Files.newBufferedReader(recordsFile, StandardCharsets.UTF_8);
                BufferedReader proofs = Files.newBufferedReader(proofsFile, StandardCharsets.UTF_8);
                RawReader raw = new RawReader(bag);
                WarcCheck warc = new WarcCheck(bag.resolve(BagExport.WARC), problems)) {
            Set<String> ids = new HashSet<>();
            for (;;) {
                String record = records.readLine();
                String proof = proofs.readLine();
                if (record == null && proof == null) {
                    break;
                }
                n++;
                String id = record == null ? null : recordId(record, n, ids);
                if (proof == null) {
                    problem(ProofJson.INCLUSION_PATH, id, "Record " + n + " of " + BagExport.RECORDS + " has no"
                            + " proof: the file ends at line " + (n - 1) + ".");
                    warc.next(n, id, null);
                    continue;
                }
                warc.next(n, id, checkProof(proof, n, id, record == null, raw));
            }
            coverage(raw.covered());
            warc.finish();
        } catch (IOException e) {
            problem(BagExport.RECORDS, null, "The records and their proofs could not be read: " + e.getMessage());
        }
        return n;
    }

    private String recordId(String line, long n, Set<String> ids) {
        String id;
        try {
            id = json.readTree(line).path("id").asText(null);
        } catch (IOException e) {
            id = null;
        }
        if (id == null) {
            problem(BagExport.RECORDS, null, "Line " + n + " is not a record with an id.");
        } else if (!ids.add(id)) {
            problem(BagExport.RECORDS, id, "Line " + n + " repeats the record.");
        }
        return id;
    }

    /** Checks line {@code n} of the proofs; returns the SHA-256 of the raw payload it names, if it could be read. */
    private String checkProof(String line, long n, String recordId, boolean noRecord, RawReader raw) {
        String at = ProofJson.INCLUSION_PATH;
        JsonNode proof;
        try {
            proof = json.readTree(line);
        } catch (IOException e) {
            problem(at, recordId, "Line " + n + " is not JSON: " + e.getMessage());
            return null;
        }
        String proofId = proof.path("tweetId").asText();
        if (noRecord) {
            problem(at, proofId, "Line " + n + " proves a record that is not in " + BagExport.RECORDS
                    + ", which ends at line " + (n - 1) + ".");
        } else if (recordId != null && !recordId.equals(proofId)) {
            problem(at, recordId, "Line " + n + " is the proof of tweet \"" + proofId + "\", but line " + n + " of "
                    + BagExport.RECORDS + " is tweet " + recordId + ".");
        }
        String id = recordId != null ? recordId : proofId;
        String sha256 = rawSha256(proof, n, id, raw);
        String rawPath = proof.path("raw").asText(at);
        if (sha256 != null && !sha256.equals(proof.path("rawSha256").asText())) {
            problem(rawPath, id, "The raw payload's SHA-256 is " + sha256 + ", but its proof (line " + n + " of "
                    + at + ") says " + proof.path("rawSha256").asText() + ".");
        }
        String entryText = proof.path("entry").asText();
        TweetVersionEntry entry;
        try {
            entry = TweetVersionEntry.decode(entryText.getBytes(StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            problem(at, id, "Line " + n + ": the log entry is not a canonical tweet-version entry: " + e.getMessage());
            return sha256;
        }
        if (!entry.tweetId().equals(id)) {
            problem(at, id, "Line " + n + ": the log entry is for tweet " + entry.tweetId() + ".");
        }
        if (sha256 != null && !entry.sha256().equals(sha256)) {
            problem(rawPath, id, "The raw payload's SHA-256 is " + sha256 + ", but the log entry says "
                    + entry.sha256() + ": the payload is not the one the log holds.");
        }
        if (root == null) {
            return sha256;
        }
        InclusionProof inclusion;
        try {
            List<Hash> path = new ArrayList<>();
            for (JsonNode h : proof.path("inclusionProof")) {
                path.add(Hash.fromBase64(h.asText()));
            }
            inclusion = new InclusionProof(proof.path("leafIndex").asLong(-1), proof.path("treeSize").asLong(-1), path);
        } catch (RuntimeException e) {
            problem(at, id, "Line " + n + ": the inclusion proof is malformed: " + e.getMessage());
            return sha256;
        }
        if (inclusion.treeSize() != treeSize) {
            problem(at, id, "Line " + n + ": the proof is for a tree of size " + inclusion.treeSize()
                    + ", but the checkpoint's tree has " + treeSize + " entries.");
        }
        Hash leaf = MerkleTree.leafHash(entryText.getBytes(StandardCharsets.UTF_8));
        if (MerkleTree.verifyInclusion(inclusion, leaf, root) instanceof ProofVerification.Invalid invalid) {
            problem(at, id, "Line " + n + ": the inclusion proof does not lead to the checkpoint's root: "
                    + invalid.reason());
        }
        return sha256;
    }

    private String rawSha256(JsonNode proof, long n, String id, RawReader raw) {
        ProofJson.RawSlice slice;
        try {
            if (!proof.path("raw").isTextual() || !proof.path("rawOffset").canConvertToLong()
                    || !proof.path("rawLength").canConvertToInt()) {
                throw new IllegalArgumentException("\"raw\", \"rawOffset\" or \"rawLength\" is missing");
            }
            slice = new ProofJson.RawSlice(proof.path("raw").asText(), proof.path("rawOffset").asLong(),
                    proof.path("rawLength").asInt());
        } catch (IllegalArgumentException e) {
            problem(ProofJson.INCLUSION_PATH, id, "Line " + n + " does not say where the raw payload lies: "
                    + e.getMessage());
            return null;
        }
        try {
            RawReader.Read read = raw.read(slice);
            if (read.misplaced() != null) {
                problem(slice.path(), id, read.misplaced());
            }
            return read.sha256();
        } catch (RawReader.SliceException e) {
            problem(ProofJson.INCLUSION_PATH, id, "Line " + n + ": " + e.getMessage());
            return null;
        }
    }

    /** Every byte of every file under data/raw/ must belong to a record's payload. */
    private void coverage(Map<String, Long> covered) throws IOException {
        Path dir = bag.resolve("data/raw");
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList()) {
                String rel = bag.relativize(f).toString().replace('\\', '/');
                Long end = covered.get(rel);
                long size = Files.size(f);
                if (end == null) {
                    problem(rel, null, "The raw file holds no record's payload: no line of "
                            + ProofJson.INCLUSION_PATH + " points into it.");
                } else if (end < size) {
                    problem(rel, null, "Bytes " + end + " to " + size + " of the raw file belong to no record's"
                            + " payload.");
                }
            }
        }
    }
}
