package org.chancery.ledger;

/**
 * RFC 9162 leaf hashes, SHA-256(0x00 || entry), with one reusable digest: for callers that hash millions of entries,
 * where {@link MerkleTree#leafHash} would look up a new digest each time. Not thread-safe: one per thread.
 */
public final class LeafHasher {
    private final Sha256 sha = new Sha256();

    /** The leaf hash of {@code entry}, 32 bytes. */
    public byte[] leaf(byte[] entry) {
        return sha.leaf(entry);
    }
}
