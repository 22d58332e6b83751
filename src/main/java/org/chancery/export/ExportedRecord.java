package org.chancery.export;

import org.chancery.ledger.Hash;
import org.chancery.ledger.InclusionProof;
import org.chancery.record.Tweet;

/**
 * One record on its way into an export: the normalized tweet, its exact raw payload and the evidence that the
 * payload is in the log.
 *
 * @param tweet     the normalized record
 * @param tweetJson the record's canonical JSON ({@link org.chancery.record.TweetJson}) as the store holds it: what
 *                  record lines are written from, so they are the archived bytes and the tweet is not encoded again
 * @param raw       the exact captured payload bytes (newest version)
 * @param sha256    SHA-256 of {@code raw}, 64 lower-case hex digits
 * @param leafIndex the log entry of that version
 * @param entry     the entry's canonical bytes as text
 * @param proof     the inclusion proof of the entry against the export's checkpoint
 */
public record ExportedRecord(Tweet tweet, byte[] tweetJson, byte[] raw, String sha256, long leafIndex, String entry,
        InclusionProof proof) {

    public ExportedRecord {
        java.util.Objects.requireNonNull(tweet, "tweet");
        java.util.Objects.requireNonNull(tweetJson, "tweetJson");
        java.util.Objects.requireNonNull(raw, "raw");
        java.util.Objects.requireNonNull(entry, "entry");
        java.util.Objects.requireNonNull(proof, "proof");
        if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("The raw payload digest of tweet " + tweet.id()
                    + " must be 64 lower-case hex digits, got " + sha256 + ".");
        }
        if (leafIndex < 0 || leafIndex != proof.leafIndex()) {
            throw new IllegalArgumentException("The proof of tweet " + tweet.id() + " is for leaf " + proof.leafIndex()
                    + ", not " + leafIndex + ".");
        }
    }

    /** The log's leaf hash of the entry: SHA-256(0x00 || entry). */
    public Hash leafHash() {
        return org.chancery.ledger.MerkleTree.leafHash(entry.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
