package org.chancery.ledger;

import java.util.ArrayList;
import java.util.List;

/**
 * Merkle tree math of RFC 9162 §2.1: the tree hash (MTH), inclusion proofs (§2.1.3) and consistency proofs
 * (§2.1.4), generation and verification. Leaf hash = SHA-256(0x00 || entry); node hash =
 * SHA-256(0x01 || left || right); the empty tree's hash is SHA-256 of nothing.
 *
 * <p>The {@code List<Hash>} methods suit small trees and tests; {@link MerkleLog} produces the same proofs from
 * its files through the package-private {@link Subtrees} view.
 */
public final class MerkleTree {
    private MerkleTree() {}

    /**
     * Source of perfect-subtree hashes: the root of the 2^level leaves starting at {@code start}, where
     * {@code start} is a multiple of 2^level.
     */
    interface Subtrees {
        Hash perfect(long start, int level);
    }

    /** SHA-256(0x00 || entry). */
    public static Hash leafHash(byte[] entry) {
        return new Hash(new Sha256().leaf(entry));
    }

    /** SHA-256(0x01 || left || right). */
    public static Hash nodeHash(Hash left, Hash right) {
        return new Hash(new Sha256().node(left.shared(), right.shared()));
    }

    /** MTH of the empty tree: SHA-256 of the empty string. */
    public static Hash emptyRoot() {
        return new Hash(new Sha256().plain(new byte[0]));
    }

    /** MTH of the tree whose leaves have these hashes, in order. */
    public static Hash root(List<Hash> leafHashes) {
        return rangeRoot(new ListSubtrees(leafHashes), new Sha256(), 0, leafHashes.size());
    }

    /** Inclusion proof for leaf {@code index} in the tree made of the first {@code treeSize} leaf hashes. */
    public static InclusionProof inclusionProof(List<Hash> leafHashes, long index, long treeSize) {
        checkSize(treeSize, leafHashes.size());
        return inclusionProof(new ListSubtrees(leafHashes), new Sha256(), index, treeSize);
    }

    /** Consistency proof between the trees made of the first {@code fromSize} and {@code toSize} leaf hashes. */
    public static ConsistencyProof consistencyProof(List<Hash> leafHashes, long fromSize, long toSize) {
        checkSize(toSize, leafHashes.size());
        return consistencyProof(new ListSubtrees(leafHashes), new Sha256(), fromSize, toSize);
    }

    /**
     * Checks an inclusion proof with the algorithm of RFC 9162 §2.1.3.2: the leaf with hash {@code leafHash}
     * sits at {@code proof.leafIndex()} of the tree of size {@code proof.treeSize()} whose root is {@code root}.
     */
    public static ProofVerification verifyInclusion(InclusionProof proof, Hash leafHash, Hash root) {
        long index = proof.leafIndex();
        long size = proof.treeSize();
        if (index >= size) {
            return new ProofVerification.Invalid(
                    "Leaf index " + index + " is not inside a tree of size " + size + ".");
        }
        Sha256 sha = new Sha256();
        long fn = index;
        long sn = size - 1;
        byte[] r = leafHash.shared();
        for (Hash p : proof.path()) {
            if (sn == 0) {
                return new ProofVerification.Invalid(
                        "The inclusion proof has " + proof.path().size() + " hashes, more than the path needs.");
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = sha.node(p.shared(), r);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                r = sha.node(r, p.shared());
            }
            fn >>= 1;
            sn >>= 1;
        }
        if (sn != 0) {
            return new ProofVerification.Invalid(
                    "The inclusion proof has " + proof.path().size() + " hashes, fewer than the path needs.");
        }
        if (!new Hash(r).equals(root)) {
            return new ProofVerification.Invalid(
                    "The root computed from the inclusion proof, " + new Hash(r) + ", is not the expected root " + root + ".");
        }
        return new ProofVerification.Valid();
    }

    /**
     * Checks a consistency proof with the algorithm of RFC 9162 §2.1.4.2: the tree of size
     * {@code proof.fromSize()} with root {@code fromRoot} is a prefix of the tree of size {@code proof.toSize()}
     * with root {@code toRoot}. Equal sizes need an empty proof and equal roots; a proof from the empty tree is
     * refused as meaningless (as the transparency-dev reference verifier does).
     */
    public static ProofVerification verifyConsistency(ConsistencyProof proof, Hash fromRoot, Hash toRoot) {
        long first = proof.fromSize();
        long second = proof.toSize();
        List<Hash> path = proof.path();
        if (first > second) {
            return new ProofVerification.Invalid(
                    "The earlier tree size " + first + " is larger than the later size " + second + ".");
        }
        if (first == 0) {
            return new ProofVerification.Invalid("A consistency proof from the empty tree proves nothing.");
        }
        if (first == second) {
            if (!path.isEmpty()) {
                return new ProofVerification.Invalid("Equal tree sizes need an empty proof, got " + path.size() + " hashes.");
            }
            return fromRoot.equals(toRoot)
                    ? new ProofVerification.Valid()
                    : new ProofVerification.Invalid("Equal tree sizes have different roots " + fromRoot + " and " + toRoot + ".");
        }
        if (path.isEmpty()) {
            return new ProofVerification.Invalid("The consistency proof is empty.");
        }
        List<Hash> c = new ArrayList<>(path.size() + 1);
        if (Long.bitCount(first) == 1) {
            c.add(fromRoot);
        }
        c.addAll(path);
        Sha256 sha = new Sha256();
        long fn = first - 1;
        long sn = second - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = c.get(0).shared();
        byte[] sr = fr;
        for (Hash h : c.subList(1, c.size())) {
            if (sn == 0) {
                return new ProofVerification.Invalid(
                        "The consistency proof has " + path.size() + " hashes, more than the sizes need.");
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = sha.node(h.shared(), fr);
                sr = sha.node(h.shared(), sr);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                sr = sha.node(sr, h.shared());
            }
            fn >>= 1;
            sn >>= 1;
        }
        if (sn != 0) {
            return new ProofVerification.Invalid(
                    "The consistency proof has " + path.size() + " hashes, fewer than the sizes need.");
        }
        if (!new Hash(fr).equals(fromRoot)) {
            return new ProofVerification.Invalid(
                    "The proof gives earlier root " + new Hash(fr) + ", not the expected " + fromRoot + ".");
        }
        if (!new Hash(sr).equals(toRoot)) {
            return new ProofVerification.Invalid(
                    "The proof gives later root " + new Hash(sr) + ", not the expected " + toRoot + ".");
        }
        return new ProofVerification.Valid();
    }

    // Generation over any subtree source (RFC 9162 §2.1.1, §2.1.3.1, §2.1.4.1).

    /** MTH(D[start:end]); the ranges the RFC recursion produces always start on a suitable boundary. */
    static Hash rangeRoot(Subtrees tree, Sha256 sha, long start, long end) {
        long n = end - start;
        if (n == 0) {
            return new Hash(sha.plain(new byte[0]));
        }
        if (Long.bitCount(n) == 1) {
            return tree.perfect(start, Long.numberOfTrailingZeros(n));
        }
        long k = Long.highestOneBit(n);
        Hash left = tree.perfect(start, Long.numberOfTrailingZeros(k));
        Hash right = rangeRoot(tree, sha, start + k, end);
        return new Hash(sha.node(left.shared(), right.shared()));
    }

    static InclusionProof inclusionProof(Subtrees tree, Sha256 sha, long index, long treeSize) {
        if (index < 0 || index >= treeSize) {
            throw new IllegalArgumentException(
                    "Leaf index " + index + " is not inside a tree of size " + treeSize + ".");
        }
        List<Hash> path = new ArrayList<>(64);
        inclusionPath(tree, sha, index, 0, treeSize, path);
        return new InclusionProof(index, treeSize, path);
    }

    static ConsistencyProof consistencyProof(Subtrees tree, Sha256 sha, long fromSize, long toSize) {
        if (fromSize < 0 || fromSize > toSize) {
            throw new IllegalArgumentException(
                    "A consistency proof needs 0 <= from <= to, got from " + fromSize + " and to " + toSize + ".");
        }
        List<Hash> path = new ArrayList<>(64);
        if (fromSize > 0 && fromSize < toSize) {
            subproof(tree, sha, fromSize, 0, toSize, true, path);
        }
        return new ConsistencyProof(fromSize, toSize, path);
    }

    /**
     * Inclusion proofs of many leaves in one tree, in the order of {@code indices}. The roots of the ranges on the
     * tree's right edge (the only ranges of a proof that are not perfect subtrees) are computed once for all of them.
     */
    static List<InclusionProof> inclusionProofs(Subtrees tree, Sha256 sha, long[] indices, long treeSize) {
        java.util.Map<Long, Hash> edge = new java.util.HashMap<>();
        Ranges ranges = new Ranges() {
            @Override
            public Hash root(long start, long end) {
                if (end != treeSize || Long.bitCount(end - start) == 1) {
                    return rangeRoot(tree, sha, start, end);
                }
                // MTH(D[start:n]) = node(perfect left part, MTH of the rest): the rest is on the edge too.
                Hash known = edge.get(start);
                if (known == null) {
                    long k = Long.highestOneBit(end - start);
                    Hash left = tree.perfect(start, Long.numberOfTrailingZeros(k));
                    known = new Hash(sha.node(left.shared(), root(start + k, end).shared()));
                    edge.put(start, known);
                }
                return known;
            }
        };
        List<InclusionProof> proofs = new ArrayList<>(indices.length);
        for (long index : indices) {
            if (index < 0 || index >= treeSize) {
                throw new IllegalArgumentException(
                        "Leaf index " + index + " is not inside a tree of size " + treeSize + ".");
            }
            List<Hash> path = new ArrayList<>(64);
            inclusionPath(tree, ranges, index, 0, treeSize, path);
            proofs.add(new InclusionProof(index, treeSize, path));
        }
        return proofs;
    }

    /** The root of the leaves from {@code start} to {@code end} (exclusive), however it is found. */
    private interface Ranges {
        Hash root(long start, long end);
    }

    private static void inclusionPath(Subtrees tree, Sha256 sha, long m, long start, long end, List<Hash> out) {
        inclusionPath(tree, (s, e) -> rangeRoot(tree, sha, s, e), m, start, end, out);
    }

    private static void inclusionPath(Subtrees tree, Ranges ranges, long m, long start, long end, List<Hash> out) {
        long n = end - start;
        if (n <= 1) {
            return;
        }
        long k = Long.highestOneBit(n - 1);
        if (m - start < k) {
            inclusionPath(tree, ranges, m, start, start + k, out);
            out.add(ranges.root(start + k, end));
        } else {
            inclusionPath(tree, ranges, m, start + k, end, out);
            out.add(tree.perfect(start, Long.numberOfTrailingZeros(k)));
        }
    }

    private static void subproof(Subtrees tree, Sha256 sha, long m, long start, long end, boolean whole, List<Hash> out) {
        long n = end - start;
        if (m == n) {
            if (!whole) {
                out.add(rangeRoot(tree, sha, start, end));
            }
            return;
        }
        long k = Long.highestOneBit(n - 1);
        if (m <= k) {
            subproof(tree, sha, m, start, start + k, whole, out);
            out.add(rangeRoot(tree, sha, start + k, end));
        } else {
            subproof(tree, sha, m - k, start + k, end, false, out);
            out.add(tree.perfect(start, Long.numberOfTrailingZeros(k)));
        }
    }

    private static void checkSize(long treeSize, int available) {
        if (treeSize < 0 || treeSize > available) {
            throw new IllegalArgumentException(
                    "Tree size " + treeSize + " needs that many leaf hashes, " + available + " were given.");
        }
    }

    /** Perfect subtrees computed from an in-memory list, O(2^level) each. */
    private record ListSubtrees(List<Hash> leaves) implements Subtrees {
        @Override
        public Hash perfect(long start, int level) {
            int count = 1 << level;
            byte[] packed = new byte[count * Hash.LENGTH];
            for (int i = 0; i < count; i++) {
                System.arraycopy(leaves.get(Math.toIntExact(start + i)).shared(), 0, packed, i * Hash.LENGTH, Hash.LENGTH);
            }
            return new Hash(new Sha256().perfectRoot(packed, 0, count));
        }
    }
}
