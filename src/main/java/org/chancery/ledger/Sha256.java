package org.chancery.ledger;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The RFC 9162 §2.1.1 hashing with one reusable digest, for loops that hash millions of nodes. Not thread-safe:
 * each owner keeps its own instance.
 */
final class Sha256 {
    static final byte LEAF_PREFIX = 0x00;
    static final byte NODE_PREFIX = 0x01;

    private final MessageDigest digest;

    Sha256() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime must provide SHA-256, this one does not.", e);
        }
    }

    /** SHA-256 of arbitrary bytes, with no domain prefix. */
    byte[] plain(byte[] data) {
        return digest.digest(data);
    }

    /** Leaf hash: SHA-256(0x00 || entry). */
    byte[] leaf(byte[] entry) {
        digest.update(LEAF_PREFIX);
        digest.update(entry);
        return digest.digest();
    }

    /** Interior node: SHA-256(0x01 || left || right). */
    byte[] node(byte[] left, byte[] right) {
        return node(left, 0, right, 0);
    }

    /** Interior node over 32-byte slices of larger arrays. */
    byte[] node(byte[] left, int leftOffset, byte[] right, int rightOffset) {
        digest.update(NODE_PREFIX);
        digest.update(left, leftOffset, Hash.LENGTH);
        digest.update(right, rightOffset, Hash.LENGTH);
        return digest.digest();
    }

    /** Interior node, written into {@code out} at {@code outOffset}. */
    void node(byte[] left, int leftOffset, byte[] right, int rightOffset, byte[] out, int outOffset) {
        byte[] h = node(left, leftOffset, right, rightOffset);
        System.arraycopy(h, 0, out, outOffset, Hash.LENGTH);
    }

    /**
     * Root of a perfect subtree whose {@code count} leaf hashes (a power of two) lie back to back in
     * {@code leaves} from {@code offset}. Works in a scratch copy so the input stays intact.
     */
    byte[] perfectRoot(byte[] leaves, int offset, int count) {
        if (count == 1) {
            return Arrays.copyOfRange(leaves, offset, offset + Hash.LENGTH);
        }
        byte[] level = new byte[count / 2 * Hash.LENGTH];
        for (int i = 0; i < count / 2; i++) {
            node(leaves, offset + 2 * i * Hash.LENGTH, leaves, offset + (2 * i + 1) * Hash.LENGTH, level, i * Hash.LENGTH);
        }
        for (int n = count / 2; n > 1; n /= 2) {
            for (int i = 0; i < n / 2; i++) {
                node(level, 2 * i * Hash.LENGTH, level, (2 * i + 1) * Hash.LENGTH, level, i * Hash.LENGTH);
            }
        }
        return Arrays.copyOf(level, Hash.LENGTH);
    }
}
