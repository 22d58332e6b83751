package org.chancery.ledger;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * In-memory hashes of every complete perfect subtree of 2^{@value #BASE_LEVEL} leaves or more (about n/16 hashes,
 * 2 MB per million leaves). With them a root or proof needs at most a few dozen leaf hashes from disk and a few
 * dozen interior hashes: the API computes a proof for every tweet it serves, and 256-leaf blocks made that 255
 * hashes a proof.
 */
final class NodeCache {
    static final int BASE_LEVEL = 5;
    static final int BLOCK = 1 << BASE_LEVEL;

    private final Sha256 sha;
    private final List<byte[]> levels = new ArrayList<>();
    private final List<Long> counts = new ArrayList<>();

    NodeCache(Sha256 sha) {
        this.sha = sha;
    }

    /** Adds the root of the next complete block of {@value #BLOCK} leaves and of every subtree it completes. */
    void addBlock(byte[] blockRoot) {
        byte[] h = blockRoot;
        int slot = 0;
        while (true) {
            long index = put(slot, h);
            if ((index & 1) == 0) {
                return;
            }
            byte[] level = levels.get(slot);
            int left = Math.toIntExact((index - 1) * Hash.LENGTH);
            h = sha.node(level, left, level, left + Hash.LENGTH);
            slot++;
        }
    }

    /** Root of the perfect subtree of 2^level leaves starting at {@code start}; it must be complete. */
    Hash get(int level, long start) {
        int slot = level - BASE_LEVEL;
        long index = start >>> level;
        if (slot < 0 || slot >= levels.size() || index >= counts.get(slot)) {
            throw new IllegalStateException(
                    "No cached subtree at level " + level + " starting at leaf " + start + ".");
        }
        return Hash.copyOf(levels.get(slot), Math.toIntExact(index * Hash.LENGTH));
    }

    private long put(int slot, byte[] h) {
        if (slot == levels.size()) {
            levels.add(new byte[16 * Hash.LENGTH]);
            counts.add(0L);
        }
        long index = counts.get(slot);
        byte[] level = levels.get(slot);
        long needed = (index + 1) * Hash.LENGTH;
        if (needed > level.length) {
            level = Arrays.copyOf(level, Math.toIntExact(Math.max(needed, 2L * level.length)));
            levels.set(slot, level);
        }
        System.arraycopy(h, 0, level, Math.toIntExact(index * Hash.LENGTH), Hash.LENGTH);
        counts.set(slot, index + 1);
        return index;
    }
}
