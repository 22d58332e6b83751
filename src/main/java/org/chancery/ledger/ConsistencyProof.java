package org.chancery.ledger;

import java.util.List;

/**
 * RFC 9162 §2.1.4 consistency proof: the hashes that show the tree of size {@code fromSize} is a prefix of the
 * tree of size {@code toSize}.
 *
 * @param fromSize size of the earlier tree
 * @param toSize   size of the later tree
 * @param path     the proof hashes in RFC order
 */
public record ConsistencyProof(long fromSize, long toSize, List<Hash> path) {
    public ConsistencyProof {
        if (fromSize < 0 || toSize < 0) {
            throw new IllegalArgumentException(
                    "Consistency proof sizes must not be negative, got " + fromSize + " and " + toSize + ".");
        }
        path = List.copyOf(path);
    }
}
