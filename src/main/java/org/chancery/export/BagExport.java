package org.chancery.export;

import java.io.IOException;
import java.util.List;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.chancery.ledger.Checkpoint;

/**
 * Writes a bag: {@code data/records.jsonl}, {@code data/raw/payloads-NNNNNN.bin}, {@code data/warc/records.warc};
 * tag files {@code proofs/inclusion.jsonl}, {@code proofs/checkpoint.txt}, {@code proofs/public-key.txt},
 * {@code README.txt}, {@code bag-info.txt}; SHA-512 and SHA-256 manifests and tag manifests. Records, proofs and WARC
 * records are in the same order, so line n of {@code records.jsonl} and of {@code inclusion.jsonl} are one record:
 * a bag is a handful of large files written sequentially, whatever the number of records.
 */
final class BagExport implements ExportSink {
    static final String RECORDS = "data/records.jsonl";
    static final String WARC = "data/warc/records.warc";

    private final BagWriter bag;
    private final Checkpoint checkpoint;
    private final OutputStream records;
    private final RawPayloadFiles raw;
    private final OutputStream proofs;
    private final ProofLines proofLines;
    private final WarcRecords warc;
    private boolean finished;

    BagExport(Path root, Checkpoint checkpoint, String verifierKey, Instant exportedAt, String query)
            throws IOException {
        this.bag = new BagWriter(root);
        this.checkpoint = checkpoint;
        bag.tag(ProofJson.CHECKPOINT_PATH, checkpoint.text());
        bag.tag(ProofJson.KEY_PATH, verifierKey + "\n");
        this.records = bag.payload(RECORDS);
        this.raw = new RawPayloadFiles(bag);
        this.proofs = bag.tag(ProofJson.INCLUSION_PATH);
        this.proofLines = new ProofLines(proofs);
        this.warc = new WarcRecords(bag.payload(WARC), false, exportedAt, "Chancery export of the query: " + query);
    }

    @Override
    public void add(ExportedRecord r) throws IOException {
        if (r.proof().treeSize() != checkpoint.size()) {
            throw new IllegalArgumentException("The proof of tweet " + r.tweet().id() + " is for a tree of size "
                    + r.proof().treeSize() + ", not the bag's checkpoint of size " + checkpoint.size() + ".");
        }
        records.write(r.tweetJson());
        records.write('\n');
        proofLines.write(r, raw.add(r.raw()));
        warc.add(r);
    }

    @Override
    public String finish(ExportTotals t) throws IOException {
        finished = true;
        closeStreams();
        bag.tag("README.txt", readme(t));
        bag.finish(bagInfo(t));
        byte[] tagManifest = Files.readAllBytes(bag.root().resolve("tagmanifest-sha256.txt"));
        return org.chancery.record.RawPayload.sha256Hex(tagManifest);
    }

    private String bagInfo(ExportTotals t) {
        StringBuilder s = new StringBuilder();
        label(s, "Bag-Software-Agent", "Chancery export (BagIt 1.0, RFC 8493)");
        label(s, "Bagging-Date", t.exportedAt().atZone(ZoneOffset.UTC).toLocalDate().toString());
        label(s, "Payload-Oxum", bag.payloadOxum());
        label(s, "Contact-Name", t.exportedBy());
        label(s, "External-Description", "Tweets archived by Chancery matching the query \"" + t.query()
                + "\", exported by " + t.exportedBy() + " at " + t.exportedAt() + " as seen by the role "
                + t.role().wireName() + ": " + t.exported() + " record(s) exported, " + t.withheld()
                + " withheld by retention decisions. Each record's raw payload is proved by its line in "
                + ProofJson.INCLUSION_PATH + " against proofs/checkpoint.txt, signed by proofs/public-key.txt; see README.txt.");
        label(s, "Chancery-Query", t.query());
        label(s, "Chancery-Exported-By", t.exportedBy());
        label(s, "Chancery-Exported-At", t.exportedAt().toString());
        label(s, "Chancery-Role", t.role().wireName());
        label(s, "Chancery-Records-Exported", Long.toString(t.exported()));
        label(s, "Chancery-Records-Withheld", Long.toString(t.withheld()));
        for (Map.Entry<String, ExportSummary.PolicyCount> p : t.policies().entrySet()) {
            label(s, "Chancery-Policy-Decision", p.getKey() + ": " + p.getValue().exported() + " exported, "
                    + p.getValue().withheld() + " withheld");
        }
        label(s, "Chancery-Checkpoint", t.checkpoint().origin() + " size " + t.checkpoint().size() + " root "
                + t.checkpoint().root().base64());
        return s.toString();
    }

    /** One bag-info line; values are kept on one line (RFC 8493 §2.2.2 allows folding, which we do not need). */
    private static void label(StringBuilder s, String name, String value) {
        s.append(name).append(": ").append(value.replace('\r', ' ').replace('\n', ' ')).append('\n');
    }

    static String readme(ExportTotals t) {
        return """
                Chancery export: a BagIt 1.0 bag (RFC 8493) that proves itself
                ==============================================================

                Query: %s
                Exported by %s at %s, as the role %s: %d record(s), %d withheld by retention decisions.

                Contents
                  data/records.jsonl         one normalized record (Chancery's canonical tweet JSON) per line
                  data/raw/payloads-*.bin    every tweet's payload exactly as it was captured, back to back, in
                                             the order of records.jsonl (100,000 payloads a file)
                  data/warc/records.warc     the same payloads as WARC 1.1 resource records, with metadata records
                  proofs/inclusion.jsonl     line n: where record n's payload lies ("raw", "rawOffset",
                                             "rawLength"), its SHA-256, its log entry and the RFC 9162 inclusion
                                             proof of that entry
                  proofs/checkpoint.txt      the signed checkpoint (C2SP signed note) every proof is against
                  proofs/public-key.txt      the archive's Ed25519 verifier key (<name>+<key id>+<base64 key>)
                  manifest-*.txt, tagmanifest-*.txt  SHA-512 and SHA-256 of every file

                Verifying with ordinary tools
                  1. Fixity: sha256sum -c manifest-sha256.txt && sha256sum -c tagmanifest-sha256.txt
                     (or sha512sum with the -sha512 files; or any BagIt validator, e.g. bagit.py --validate).
                  2. Each record (a line of proofs/inclusion.jsonl): its payload is "rawLength" bytes from byte
                     "rawOffset" (counting from 0) of the file "raw":
                       tail -c +$((rawOffset + 1)) RAW | head -c rawLength | sha256sum
                     equals "rawSha256" and the "sha256" inside its "entry" (the log entry, one line of JSON).
                  3. The leaf hash is SHA-256(0x00 || entry):  (printf '\\0'; printf '%%s' "$entry") | sha256sum
                  4. Fold the "inclusionProof" hashes (base64) into the leaf hash as RFC 9162 section 2.1.3.2 says,
                     using "leafIndex" and "treeSize"; the result must equal the root hash, the third line of
                     proofs/checkpoint.txt, and "treeSize" must equal its second line.
                  5. The checkpoint's signature line (after the blank line) is base64 of a 4-byte key id and a
                     64-byte Ed25519 signature over the first three lines; it verifies with the key in
                     proofs/public-key.txt (the base64 part after the second '+' is 0x01 then the 32-byte key).
                     Compare that key with the one the archive publishes (chancery public-key) before trusting it.
                  Or, with Chancery: chancery verify-export PATH [--key VKEY]
                """.formatted(t.query(), t.exportedBy(), t.exportedAt(), t.role().wireName(), t.exported(),
                t.withheld());
    }

    /** Closes every stream even when one fails to close; the first failure is thrown, the others suppressed. */
    private void closeStreams() throws IOException {
        IOException failure = null;
        for (Closer c : List.<Closer>of(records::close, raw::close, proofs::close, warc::close)) {
            try {
                c.close();
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private interface Closer {
        void close() throws IOException;
    }

    @Override
    public void close() throws IOException {
        if (!finished) {
            closeStreams();
        }
    }
}
