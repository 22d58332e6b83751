package org.chancery.ledger;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The upper interior nodes (subtrees of {@value #KEPT_LEVEL} to 2^7 leaves, 30 hashes) of complete blocks of
 * {@value NodeCache#BLOCK} leaves, for the blocks used last. Without them every proof rebuilt one subtree of each
 * size inside its leaf's block from the block's leaves: about 250 hashes and 8 KB read per proof. With them a proof
 * needs at most 15 leaf hashes and 11 hashes beyond what is kept; a block is built once while it stays among the
 * {@value #KEPT} kept (about 1 KB each). Complete blocks never change, so nothing kept goes stale.
 */
final class BlockTrees {
    /** Blocks kept: about 16 MB, the upper nodes of every block of a log of 4 million entries. */
    static final int KEPT = 1 << 14;
    /** Subtrees of 2^KEPT_LEVEL leaves and more are kept; smaller ones are hashed from their leaves when asked. */
    static final int KEPT_LEVEL = 4;
    private static final int BLOCK = NodeCache.BLOCK;
    private static final int TOP = NodeCache.BASE_LEVEL;

    /** Where leaf hashes come from: {@code count} of them from leaf {@code first}, packed. */
    interface Leaves {
        byte[] read(long first, int count);
    }

    private final Sha256 sha;
    private final Map<Long, byte[]> blocks = new LinkedHashMap<>(1024, 0.75f, true);

    BlockTrees(Sha256 sha) {
        this.sha = sha;
    }

    /**
     * Root of the perfect subtree of 2^level leaves ({@code level < BASE_LEVEL}) starting at {@code start}, inside
     * a complete block.
     */
    Hash perfect(long start, int level, Leaves leaves) {
        if (level < KEPT_LEVEL) {
            int count = 1 << level;
            return new Hash(sha.perfectRoot(leaves.read(start, count), 0, count));
        }
        long block = start / BLOCK;
        byte[] kept = blocks.get(block);
        if (kept == null) {
            kept = build(leaves.read(block * BLOCK, BLOCK));
            blocks.put(block, kept);
            if (blocks.size() > KEPT) {
                Iterator<Long> eldest = blocks.keySet().iterator();
                eldest.next();
                eldest.remove();
            }
        }
        int within = Math.toIntExact((start - block * BLOCK) >>> level);
        return Hash.copyOf(kept, (offset(level) + within) * Hash.LENGTH);
    }

    /** Index of the first kept node of {@code level}: the kept levels below it hold BLOCK/2^KEPT_LEVEL + ... nodes. */
    private static int offset(int level) {
        return (BLOCK >> (KEPT_LEVEL - 1)) - (BLOCK >> (level - 1));
    }

    /** Hashes the block up to its root's children and keeps levels KEPT_LEVEL to BASE_LEVEL − 1. */
    private byte[] build(byte[] leaves) {
        byte[] level = leaves;
        byte[] kept = new byte[offset(TOP) * Hash.LENGTH];
        for (int l = 1; l < TOP; l++) {
            int nodes = BLOCK >> l;
            byte[] up = new byte[nodes * Hash.LENGTH];
            for (int i = 0; i < nodes; i++) {
                sha.node(level, 2 * i * Hash.LENGTH, level, (2 * i + 1) * Hash.LENGTH, up, i * Hash.LENGTH);
            }
            if (l >= KEPT_LEVEL) {
                System.arraycopy(up, 0, kept, offset(l) * Hash.LENGTH, up.length);
            }
            level = up;
        }
        return kept;
    }
}
