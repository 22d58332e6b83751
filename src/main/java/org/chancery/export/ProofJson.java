package org.chancery.export;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.Objects;
import org.chancery.ledger.Hash;

/**
 * The shape of a line of {@code proofs/inclusion.jsonl} in a bag: what a verifier needs to check that a record's raw
 * payload is the one the log holds. Line n is the proof of line n of {@code data/records.jsonl}. Hashes are standard
 * base64, as in checkpoints.
 */
final class ProofJson {
    static final String CHECKPOINT_PATH = "proofs/checkpoint.txt";
    static final String KEY_PATH = "proofs/public-key.txt";
    static final String INCLUSION_PATH = "proofs/inclusion.jsonl";

    private ProofJson() {}

    /**
     * Where a record's exact payload lies in the bag.
     *
     * @param path   the raw file, relative to the bag
     * @param offset the first byte in that file
     * @param length the payload's length in bytes
     */
    record RawSlice(String path, long offset, int length) {
        RawSlice {
            Objects.requireNonNull(path, "path");
            if (offset < 0 || length < 0) {
                throw new IllegalArgumentException("A raw slice of " + path + " needs a non-negative offset and"
                        + " length, got " + offset + " and " + length + ".");
            }
        }
    }

    /**
     * Writes the record's proof as one line, with its leaf hash ({@link ExportedRecord#leafHash()}) computed by the
     * caller, who keeps one digest for every record rather than a new one per record.
     */
    static void write(JsonGenerator g, ExportedRecord r, RawSlice raw, Hash leafHash) throws IOException {
        g.writeStartObject();
        g.writeStringField("tweetId", r.tweet().id());
        g.writeStringField("raw", raw.path());
        g.writeNumberField("rawOffset", raw.offset());
        g.writeNumberField("rawLength", raw.length());
        g.writeStringField("rawSha256", r.sha256());
        g.writeNumberField("leafIndex", r.leafIndex());
        g.writeNumberField("treeSize", r.proof().treeSize());
        g.writeStringField("entry", r.entry());
        g.writeStringField("leafHash", leafHash.base64());
        g.writeArrayFieldStart("inclusionProof");
        for (Hash h : r.proof().path()) {
            g.writeString(h.base64());
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeRaw('\n');
    }
}
