package org.chancery.store;

import java.util.Arrays;

/**
 * A map from {@code long} to non-negative {@code int} with open addressing in two primitive arrays, so that
 * millions of entries cost 24 bytes each and no boxing. Not thread-safe.
 */
public final class LongIntMap {
    private static final int EMPTY = -1;

    private long[] keys;
    private int[] values;
    private int size;

    public LongIntMap(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        keys = new long[capacity];
        values = new int[capacity];
        Arrays.fill(values, EMPTY);
    }

    public int size() {
        return size;
    }

    /** The value for {@code key}, or -1. */
    public int get(long key) {
        int mask = keys.length - 1;
        for (int i = slot(key, mask); ; i = (i + 1) & mask) {
            if (values[i] == EMPTY) {
                return EMPTY;
            }
            if (keys[i] == key) {
                return values[i];
            }
        }
    }

    public void put(long key, int value) {
        if (value < 0) {
            throw new IllegalArgumentException("value must not be negative, got " + value);
        }
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        for (int i = slot(key, mask); ; i = (i + 1) & mask) {
            if (values[i] == EMPTY) {
                keys[i] = key;
                values[i] = value;
                size++;
                return;
            }
            if (keys[i] == key) {
                values[i] = value;
                return;
            }
        }
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new int[oldValues.length * 2];
        Arrays.fill(values, EMPTY);
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldValues[i] != EMPTY) {
                put(oldKeys[i], oldValues[i]);
            }
        }
    }

    static int slot(long key, int mask) {
        // murmur3 finaliser: snowflake ids share their low bits, so they must be mixed before masking
        long h = key;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return (int) h & mask;
    }
}
