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
        if (!isLowerHex64(sha256)) {
            throw new IllegalArgumentException("The raw payload digest of tweet " + tweet.id()
                    + " must be 64 lower-case hex digits, got " + sha256 + ".");
        }
        if (leafIndex < 0 || leafIndex != proof.leafIndex()) {
            throw new IllegalArgumentException("The proof of tweet " + tweet.id() + " is for leaf " + proof.leafIndex()
                    + ", not " + leafIndex + ".");
        }
    }

    /** Whether {@code s} is 64 lower-case hex digits (checked per record, so without a regular expression). */
    private static boolean isLowerHex64(String s) {
        if (s == null || s.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char c = s.charAt(i);
            if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
                return false;
            }
        }
        return true;
    }

    /** The log's leaf hash of the entry: SHA-256(0x00 || entry). */
    public Hash leafHash() {
        return org.chancery.ledger.MerkleTree.leafHash(entry.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
