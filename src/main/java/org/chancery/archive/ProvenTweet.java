package org.chancery.archive;

import java.util.Optional;
import org.chancery.ledger.Checkpoint;
import org.chancery.ledger.InclusionProof;
import org.chancery.store.StoredTweet;

/**
 * A stored tweet with the evidence that it is in the log: its ledger entry and an inclusion proof against the
 * latest signed checkpoint. The evidence is empty while the tweet is acknowledged but not yet committed (still
 * in the journal).
 */
public record ProvenTweet(StoredTweet stored, Optional<Evidence> evidence) {

    /**
     * @param leafIndex the entry's position in the log
     * @param entry     the entry's canonical bytes (UTF-8 JSON), whose leaf hash is SHA-256(0x00 || entry)
     * @param proof     RFC 9162 inclusion proof of the entry in the tree of the checkpoint
     * @param checkpoint the signed checkpoint the proof is against
     */
    public record Evidence(long leafIndex, String entry, InclusionProof proof, Checkpoint checkpoint) {}
}
