package org.chancery.store;

import java.util.List;
import java.util.Objects;
import org.chancery.record.Capture;

/**
 * Captures handed to the archive together.
 *
 * @param producer what produced them, recorded in the OCFL version message: e.g.
 *                 {@code "import api-v2 file tweets.jsonl"}, {@code "capture run 2026-12-01T10:00Z"}
 */
public record Batch(String producer, List<Capture> captures) {
    public Batch {
        Objects.requireNonNull(producer, "producer");
        captures = List.copyOf(captures);
    }
}
