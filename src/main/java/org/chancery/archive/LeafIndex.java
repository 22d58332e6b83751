package org.chancery.archive;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.OptionalLong;
import org.chancery.StorageException;
import org.chancery.ledger.MerkleLog;
import org.chancery.ledger.TweetVersionEntry;
import org.chancery.store.LongIntMap;

/**
 * Tweet id to the ledger index of its newest version, so that a proof for a tweet costs no scan of the log.
 *
 * <p>Kept in {@code leaves.bin} as 16-byte records (tweet id, leaf index), appended after each ledger append
 * and never forced: the file is derived from the ledger, and on open whatever it lacks (or all of it, if its
 * last record disagrees with the log) is read back from the log's entries.
 */
final class LeafIndex implements AutoCloseable {
    private static final int RECORD = 16;
    private final FileChannel file;
    private LongIntMap latest = new LongIntMap(1 << 16);
    private long covered;

    private LeafIndex(FileChannel file) {
        this.file = file;
    }

    static LeafIndex open(Path dir, MerkleLog log) {
        try {
            Files.createDirectories(dir);
            FileChannel ch = FileChannel.open(dir.resolve("leaves.bin"), StandardOpenOption.CREATE,
                    StandardOpenOption.READ, StandardOpenOption.WRITE);
            LeafIndex index = new LeafIndex(ch);
            if (!index.load(log)) {
                ch.truncate(0);
                index.latest = new LongIntMap(1 << 16);
                index.covered = 0;
            }
            index.catchUp(log);
            return index;
        } catch (IOException e) {
            throw new StorageException("Cannot open the leaf index in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Reads the file; false if it does not agree with the log and must be rebuilt. */
    private boolean load(MerkleLog log) throws IOException {
        long records = file.size() / RECORD;
        file.truncate(records * RECORD);
        ByteBuffer buf = ByteBuffer.allocate(RECORD * 4096);
        long pos = 0;
        long lastId = -1;
        long lastLeaf = -1;
        while (pos < records * RECORD) {
            buf.clear();
            int n = file.read(buf, pos);
            buf.flip();
            while (buf.remaining() >= RECORD) {
                lastId = buf.getLong();
                lastLeaf = buf.getLong();
                if (lastLeaf < 0 || lastLeaf >= log.size() || lastLeaf > Integer.MAX_VALUE) {
                    return false;
                }
                latest.put(lastId, (int) lastLeaf);
            }
            pos += n - buf.remaining();
        }
        if (lastLeaf >= 0) {
            TweetVersionEntry e = decode(log, lastLeaf);
            if (e == null || Long.parseLong(e.tweetId()) != lastId) {
                return false;
            }
        }
        covered = lastLeaf + 1;
        return true;
    }

    /** Indexes the log's entries this index has not seen yet. */
    private void catchUp(MerkleLog log) throws IOException {
        long size = log.size();
        ByteBuffer buf = ByteBuffer.allocate(RECORD * 4096);
        for (long i = covered; i < size; i++) {
            TweetVersionEntry e = decode(log, i);
            if (e != null) {
                if (buf.remaining() < RECORD) {
                    flush(buf);
                }
                add(buf, Long.parseLong(e.tweetId()), i);
            }
        }
        flush(buf);
        covered = size;
    }

    private static TweetVersionEntry decode(MerkleLog log, long index) {
        try {
            return TweetVersionEntry.decode(log.entry(index));
        } catch (RuntimeException e) {
            return null; // another kind of entry (hold, disposition): not a tweet version
        }
    }

    /** Records that the tweets {@code ids} got the consecutive leaves from {@code firstLeaf} on. */
    synchronized void record(List<String> ids, long firstLeaf) {
        ByteBuffer buf = ByteBuffer.allocate(RECORD * Math.max(1, ids.size()));
        for (int i = 0; i < ids.size(); i++) {
            add(buf, Long.parseLong(ids.get(i)), firstLeaf + i);
        }
        try {
            flush(buf);
        } catch (IOException e) {
            throw new StorageException("Cannot append to the leaf index: " + e.getMessage(), e);
        }
        covered = firstLeaf + ids.size();
    }

    private void add(ByteBuffer buf, long tweetId, long leaf) {
        buf.putLong(tweetId).putLong(leaf);
        latest.put(tweetId, Math.toIntExact(leaf));
    }

    private void flush(ByteBuffer buf) throws IOException {
        buf.flip();
        long pos = file.size();
        while (buf.hasRemaining()) {
            pos += file.write(buf, pos);
        }
        buf.clear();
    }

    /** The ledger index of the newest version of a tweet, if it is in the log. */
    synchronized OptionalLong find(String tweetId) {
        int leaf = latest.get(Long.parseLong(tweetId));
        return leaf < 0 ? OptionalLong.empty() : OptionalLong.of(leaf);
    }

    /**
     * {@link #find} for many tweets under one acquisition of the lock (an export's reader threads would otherwise
     * contend for it per tweet): the ledger index of each, or -1 where the tweet is not in the log or the id is
     * not a number.
     */
    synchronized long[] findAll(List<String> tweetIds) {
        long[] leaves = new long[tweetIds.size()];
        for (int i = 0; i < leaves.length; i++) {
            long key;
            try {
                key = Long.parseLong(tweetIds.get(i));
            } catch (NumberFormatException e) {
                leaves[i] = -1;
                continue;
            }
            int leaf = latest.get(key);
            leaves[i] = leaf < 0 ? -1 : leaf;
        }
        return leaves;
    }

    @Override
    public synchronized void close() {
        try {
            file.close();
        } catch (IOException e) {
            throw new StorageException("Cannot close the leaf index: " + e.getMessage(), e);
        }
    }
}
