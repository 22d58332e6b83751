package org.chancery.store;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The in-memory index of every archived payload: tweet id to its chain of payloads (original first, then
 * observations), and raw SHA-256 to payload, held in primitive arrays (about 70 bytes per payload).
 *
 * <p>A payload is either committed (its records or observations line is in a file of the {@link #file file
 * table}) or pending (it lives in the journal at {@link #offset}, file index {@link #JOURNAL}). Digests are
 * kept to their first 128 bits, which makes a false "already archived" less likely than 1 in 10^20 even for
 * a billion payloads.
 */
final class IdMap {
    static final int JOURNAL = -1;
    private static final int NONE = -1;
    private static final byte OBSERVATION = 1;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    /** A records or observations file of one object version. */
    record FileRef(String objectId, int version, String logicalPath) {}

    private long[] key = new long[1024];
    private long[] digestHi = new long[1024];
    private long[] digestLo = new long[1024];
    private int[] file = new int[1024];
    private long[] offset = new long[1024];
    private int[] length = new int[1024];
    private int[] next = new int[1024];
    private byte[] flags = new byte[1024];
    private int size;

    private final LongIntMap firstByTweet = new LongIntMap(1024);
    private int[] digestSlots = newSlots(2048);
    private final List<FileRef> files = new ArrayList<>();
    private final Map<FileRef, Integer> fileIndex = new HashMap<>();
    private final Map<String, Integer> indexedHead = new HashMap<>();
    /** Objects with a version that holds no tweet lines: those may hold files added beside their tweets. */
    private final Set<String> withFiles = new HashSet<>();

    int size() {
        return size;
    }

    /** The tweet id as the map's key; the archive only holds 64-bit snowflake ids written without leading zeros. */
    static long tweetKey(String tweetId) {
        long k;
        try {
            k = Long.parseUnsignedLong(tweetId);
        } catch (NumberFormatException e) {
            k = 0;
        }
        if (!Long.toUnsignedString(k).equals(tweetId)) {
            throw new org.chancery.InvalidInputException("Tweet id <" + tweetId
                    + "> is not a 64-bit snowflake id written without leading zeros; the archive cannot key it.");
        }
        return k;
    }

    static String tweetId(long key) {
        return Long.toUnsignedString(key);
    }

    static long digestHi(String sha256Hex) {
        return HexFormat.fromHexDigitsToLong(sha256Hex, 0, 16);
    }

    static long digestLo(String sha256Hex) {
        return HexFormat.fromHexDigitsToLong(sha256Hex, 16, 32);
    }

    /** {@link #digestHi(String)} of the digest's bytes: its first eight, big-endian (no hex form to make and parse). */
    static long digestHi(byte[] sha256) {
        return (long) LONGS.get(sha256, 0);
    }

    /** {@link #digestLo(String)} of the digest's bytes: its second eight, big-endian. */
    static long digestLo(byte[] sha256) {
        return (long) LONGS.get(sha256, 8);
    }

    /** The first payload of a tweet, or -1. */
    int first(long tweetKey) {
        return firstByTweet.get(tweetKey);
    }

    /** The payloads of a tweet in archive order. */
    int[] chain(long tweetKey) {
        int[] out = new int[4];
        int n = 0;
        for (int p = first(tweetKey); p != NONE; p = next[p]) {
            if (n == out.length) {
                out = Arrays.copyOf(out, n * 2);
            }
            out[n++] = p;
        }
        return Arrays.copyOf(out, n);
    }

    /** The payload whose raw digest starts with these 128 bits, or -1. */
    int findDigest(long hi, long lo) {
        int mask = digestSlots.length - 1;
        for (int i = LongIntMap.slot(hi, mask); ; i = (i + 1) & mask) {
            int p = digestSlots[i];
            if (p == NONE) {
                return NONE;
            }
            if (digestHi[p] == hi && digestLo[p] == lo) {
                return p;
            }
        }
    }

    long key(int payload) {
        return key[payload];
    }

    long digestHi(int payload) {
        return digestHi[payload];
    }

    long digestLo(int payload) {
        return digestLo[payload];
    }

    int file(int payload) {
        return file[payload];
    }

    long offset(int payload) {
        return offset[payload];
    }

    int length(int payload) {
        return length[payload];
    }

    boolean observation(int payload) {
        return (flags[payload] & OBSERVATION) != 0;
    }

    /** Adds a payload at the end of its tweet's chain and returns its index. */
    int add(long tweetKey, long hi, long lo, int fileRef, long off, int len, boolean isObservation) {
        if (size == key.length) {
            growTable();
        }
        int p = size++;
        key[p] = tweetKey;
        digestHi[p] = hi;
        digestLo[p] = lo;
        file[p] = fileRef;
        offset[p] = off;
        length[p] = len;
        next[p] = NONE;
        flags[p] = isObservation ? OBSERVATION : 0;
        int head = firstByTweet.get(tweetKey);
        if (head == NONE) {
            firstByTweet.put(tweetKey, p);
        } else {
            int last = head;
            while (next[last] != NONE) {
                last = next[last];
            }
            next[last] = p;
        }
        if ((size * 2) > digestSlots.length) {
            rehashDigests(digestSlots.length * 2);
        } else {
            insertDigest(p);
        }
        return p;
    }

    /** Moves a pending payload to its committed line. */
    void relocate(int payload, int fileRef, long off, int len) {
        file[payload] = fileRef;
        offset[payload] = off;
        length[payload] = len;
    }

    int fileRef(String objectId, int version, String logicalPath) {
        FileRef ref = new FileRef(objectId, version, logicalPath);
        Integer existing = fileIndex.get(ref);
        if (existing != null) {
            return existing;
        }
        files.add(ref);
        fileIndex.put(ref, files.size() - 1);
        return files.size() - 1;
    }

    FileRef fileAt(int index) {
        return files.get(index);
    }

    /** The highest version of an object whose payloads are in this map; 0 if none. */
    int indexedHead(String objectId) {
        return indexedHead.getOrDefault(objectId, 0);
    }

    void markFiles(String objectId) {
        withFiles.add(objectId);
    }

    /** False when no version of the object can hold added files; true may include a version of observations only. */
    boolean mayHoldFiles(String objectId) {
        return withFiles.contains(objectId);
    }

    void setIndexedHead(String objectId, int version) {
        indexedHead.merge(objectId, version, Math::max);
    }

    private void insertDigest(int p) {
        int mask = digestSlots.length - 1;
        int i = LongIntMap.slot(digestHi[p], mask);
        while (digestSlots[i] != NONE) {
            i = (i + 1) & mask;
        }
        digestSlots[i] = p;
    }

    private void rehashDigests(int capacity) {
        digestSlots = newSlots(capacity);
        for (int p = 0; p < size; p++) {
            insertDigest(p);
        }
    }

    private static int[] newSlots(int capacity) {
        int[] slots = new int[capacity];
        Arrays.fill(slots, NONE);
        return slots;
    }

    private void growTable() {
        int n = key.length * 2;
        key = Arrays.copyOf(key, n);
        digestHi = Arrays.copyOf(digestHi, n);
        digestLo = Arrays.copyOf(digestLo, n);
        file = Arrays.copyOf(file, n);
        offset = Arrays.copyOf(offset, n);
        length = Arrays.copyOf(length, n);
        next = Arrays.copyOf(next, n);
        flags = Arrays.copyOf(flags, n);
    }
}
