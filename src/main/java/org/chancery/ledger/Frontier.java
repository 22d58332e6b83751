package org.chancery.ledger;

import java.util.ArrayList;
import java.util.List;

/**
 * The compact range of a growing tree: the roots of the perfect subtrees that make up its leaves so far, largest
 * first. Adding a leaf costs amortised O(1) hashes; the root of the current size costs O(log n).
 */
final class Frontier {
    private final Sha256 sha;
    private final List<byte[]> hashes = new ArrayList<>();
    private final List<Integer> levels = new ArrayList<>();
    private long size;

    Frontier(Sha256 sha) {
        this.sha = sha;
    }

    void add(byte[] leafHash) {
        byte[] h = leafHash;
        int level = 0;
        while (!levels.isEmpty() && levels.get(levels.size() - 1) == level) {
            int top = levels.size() - 1;
            h = sha.node(hashes.remove(top), h);
            levels.remove(top);
            level++;
        }
        hashes.add(h);
        levels.add(level);
        size++;
    }

    long size() {
        return size;
    }

    Hash root() {
        if (hashes.isEmpty()) {
            return new Hash(sha.plain(new byte[0]));
        }
        byte[] r = hashes.get(hashes.size() - 1);
        for (int i = hashes.size() - 2; i >= 0; i--) {
            r = sha.node(hashes.get(i), r);
        }
        return new Hash(r);
    }
}
