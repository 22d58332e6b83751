package org.chancery.ledger;

import java.util.List;

/**
 * RFC 9162 §2.1.3 inclusion proof (audit path): the sibling hashes, lowest first, that connect leaf
 * {@code leafIndex} to the root of the tree of size {@code treeSize}.
 *
 * @param leafIndex zero-based index of the leaf
 * @param treeSize  number of leaves in the tree the proof is for
 * @param path      the audit path, lowest level first
 */
public record InclusionProof(long leafIndex, long treeSize, List<Hash> path) {
    public InclusionProof {
        if (leafIndex < 0 || treeSize < 0) {
            throw new IllegalArgumentException(
                    "Inclusion proof index and tree size must not be negative, got " + leafIndex + " and " + treeSize + ".");
        }
        path = List.copyOf(path);
    }
}
