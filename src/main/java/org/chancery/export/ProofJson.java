package org.chancery.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.chancery.ledger.Checkpoint;
import org.chancery.ledger.Hash;

/**
 * The shape of {@code proofs/<id>.json} in a bag: what a verifier needs to check that the raw payload is the one
 * the log holds. Hashes are standard base64, as in checkpoints.
 */
final class ProofJson {
    static final String CHECKPOINT_PATH = "proofs/checkpoint.txt";
    static final String KEY_PATH = "proofs/public-key.txt";

    private ProofJson() {}

    static String rawPath(String tweetId) {
        return "data/raw/" + tweetId + ".json";
    }

    static String proofPath(String tweetId) {
        return "proofs/" + tweetId + ".json";
    }

    static ObjectNode of(ObjectMapper json, ExportedRecord r, Checkpoint checkpoint) {
        ObjectNode node = json.createObjectNode();
        node.put("tweetId", r.tweet().id());
        node.put("raw", rawPath(r.tweet().id()));
        node.put("rawSha256", r.sha256());
        node.put("leafIndex", r.leafIndex());
        node.put("treeSize", r.proof().treeSize());
        node.put("entry", r.entry());
        node.put("leafHash", r.leafHash().base64());
        ArrayNode path = node.putArray("inclusionProof");
        for (Hash h : r.proof().path()) {
            path.add(h.base64());
        }
        node.put("rootHash", checkpoint.root().base64());
        node.put("checkpoint", CHECKPOINT_PATH);
        return node;
    }
}
