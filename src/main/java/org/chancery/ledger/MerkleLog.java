package org.chancery.ledger;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.CRC32C;
import org.chancery.StorageException;

/**
 * An append-only, durable RFC 9162 log of opaque byte entries kept in one directory. The caller defines what an
 * entry means (see {@link TweetVersionEntry} for the archive's own encoding).
 *
 * <h2>Files</h2>
 * <ul>
 *   <li>{@value #ENTRIES} (authoritative): one record per entry, {@code u32 length || entry || u32 CRC-32C}
 *       (big-endian; the checksum covers the length and the entry bytes).
 *   <li>{@value #LEAVES}: 32 bytes per entry, the RFC 9162 leaf hash SHA-256(0x00 || entry), for O(1) access.
 *   <li>{@value #OFFSETS}: 8 bytes per entry, the byte offset of its record in {@value #ENTRIES}.
 * </ul>
 * The two derived files can be rebuilt from the entries file at any time.
 *
 * <h2>Durability and recovery</h2>
 * {@link #append} writes and forces the entries file first, then the two derived files, then the directory, and
 * only then returns; so after a crash every acknowledged entry is complete and the derived files never run ahead
 * of the entries. A crash during an append may leave a prefix of that batch complete: those entries are kept
 * (the entries file is authoritative) and {@link #size()} tells the caller which were. On {@link #open}, bytes
 * after the last complete, checksum-valid record are a torn tail: they are copied to
 * {@code torn-<offset>.bin} for inspection and cut off, and the derived files are cut or extended to match.
 * Records already covered by the derived files are not re-read on open (that is {@link #audit}'s job), so a
 * damaged old record never causes truncation.
 *
 * <h2>Cost</h2>
 * Appending n entries costs n leaf hashes plus about n interior hashes; the hashes of all complete subtrees of 32
 * leaves or more stay in memory (rebuilt on open by one pass over {@value #LEAVES}), so a root or proof for any
 * size needs O(log n) cached hashes and at most a few dozen leaf hashes read from disk.
 *
 * <p>Thread-safe: every public method is synchronized. One process at a time: the entries file is locked.
 */
public final class MerkleLog implements Closeable {
    /** Largest entry accepted, in bytes. */
    public static final int MAX_ENTRY_BYTES = 16 << 20;

    static final String ENTRIES = "entries.log";
    static final String LEAVES = "leaf-hashes.bin";
    static final String OFFSETS = "entry-offsets.bin";

    private static final int HEADER = 4;
    private static final int TRAILER = 4;
    private static final int WRITE_CHUNK = 8 << 20;
    /** Consecutive entries {@link #entries} reads at once: bounds the buffer of a run. */
    private static final int RUN_ENTRIES = 4096;
    private static final long RUN_BYTES = 4 << 20;

    private final Path directory;
    private final FileChannel entries;
    private final FileChannel leaves;
    private final FileChannel offsets;
    private final FileLock lock;
    private final Sha256 sha = new Sha256();
    private final NodeCache nodes = new NodeCache(sha);
    private final byte[] tail = new byte[NodeCache.BLOCK * Hash.LENGTH];
    private final MerkleTree.Subtrees subtrees = this::perfectSubtree;

    private long size;
    private long entriesEnd;
    private Hash currentRoot;
    private boolean broken;
    private boolean closed;

    private MerkleLog(Path directory, FileChannel entries, FileChannel leaves, FileChannel offsets, FileLock lock) {
        this.directory = directory;
        this.entries = entries;
        this.leaves = leaves;
        this.offsets = offsets;
        this.lock = lock;
    }

    /**
     * Opens the log in {@code directory}, creating the directory and empty files if needed, and repairs a torn
     * tail left by a crash (see the class description).
     *
     * @throws StorageException if the files cannot be opened, are locked by another process, or are damaged
     *                          in a way recovery must not guess about
     */
    public static MerkleLog open(Path directory) {
        FileChannel e = null;
        FileChannel l = null;
        FileChannel o = null;
        try {
            Files.createDirectories(directory);
            boolean created = !Files.exists(directory.resolve(ENTRIES));
            e = openChannel(directory.resolve(ENTRIES));
            l = openChannel(directory.resolve(LEAVES));
            o = openChannel(directory.resolve(OFFSETS));
            FileLock lock;
            try {
                lock = e.tryLock();
            } catch (OverlappingFileLockException ex) {
                lock = null;
            }
            if (lock == null) {
                throw new StorageException("The ledger log in " + directory + " is already open elsewhere.");
            }
            MerkleLog log = new MerkleLog(directory, e, l, o, lock);
            log.recover(created);
            return log;
        } catch (IOException ex) {
            closeQuietly(e, l, o);
            throw new StorageException("Cannot open the ledger log in " + directory + ": " + ex.getMessage(), ex);
        } catch (RuntimeException ex) {
            closeQuietly(e, l, o);
            throw ex;
        }
    }

    /**
     * Appends the entries in order and returns the new tree size once they are durable (files and directory
     * forced). An empty list changes nothing.
     *
     * @throws StorageException if writing fails; the log must then be closed and reopened
     */
    public synchronized long append(List<byte[]> batch) {
        ensureUsable();
        for (int i = 0; i < batch.size(); i++) {
            byte[] entry = batch.get(i);
            if (entry == null) {
                throw new IllegalArgumentException("Entry " + i + " of the batch is null.");
            }
            if (entry.length > MAX_ENTRY_BYTES) {
                throw new IllegalArgumentException("Entry " + i + " of the batch has " + entry.length
                        + " bytes, more than the " + MAX_ENTRY_BYTES + " a ledger entry may have.");
            }
        }
        if (batch.isEmpty()) {
            return size;
        }
        int n = batch.size();
        long oldEntriesEnd = entriesEnd;
        byte[] leafBytes = new byte[Math.multiplyExact(n, Hash.LENGTH)];
        ByteBuffer offsetBytes = ByteBuffer.allocate(Math.multiplyExact(n, Long.BYTES));
        try {
            long total = 0;
            for (byte[] entry : batch) {
                total += HEADER + entry.length + TRAILER;
            }
            ByteBuffer chunk = ByteBuffer.allocate((int) Math.min(WRITE_CHUNK, total));
            CRC32C crc = new CRC32C();
            long position = oldEntriesEnd;
            long written = oldEntriesEnd;
            for (int i = 0; i < n; i++) {
                byte[] entry = batch.get(i);
                offsetBytes.putLong(position);
                System.arraycopy(sha.leaf(entry), 0, leafBytes, i * Hash.LENGTH, Hash.LENGTH);
                ByteBuffer header = ByteBuffer.allocate(HEADER).putInt(0, entry.length);
                crc.reset();
                crc.update(header.array());
                crc.update(entry);
                byte[] trailer = ByteBuffer.allocate(TRAILER).putInt(0, (int) crc.getValue()).array();
                for (byte[] part : new byte[][] {header.array(), entry, trailer}) {
                    int from = 0;
                    while (from < part.length) {
                        if (!chunk.hasRemaining()) {
                            written += writeFully(entries, chunk.flip(), written);
                            chunk.clear();
                        }
                        int len = Math.min(chunk.remaining(), part.length - from);
                        chunk.put(part, from, len);
                        from += len;
                    }
                }
                position += HEADER + entry.length + TRAILER;
            }
            writeFully(entries, chunk.flip(), written);
            entries.force(true);
            writeFully(offsets, offsetBytes.flip(), size * Long.BYTES);
            writeFully(leaves, ByteBuffer.wrap(leafBytes), size * Hash.LENGTH);
            offsets.force(true);
            leaves.force(true);
            forceDirectory(directory);
            entriesEnd = position;
        } catch (IOException ex) {
            broken = true;
            rollBack(oldEntriesEnd);
            throw new StorageException("Appending " + n + " entries to the ledger log in " + directory
                    + " failed; the log must be reopened: " + ex.getMessage(), ex);
        }
        for (int i = 0; i < n; i++) {
            addLeafInMemory(leafBytes, i * Hash.LENGTH);
        }
        currentRoot = MerkleTree.rangeRoot(subtrees, sha, 0, size);
        return size;
    }

    /** Number of entries, which is the current tree size. */
    public synchronized long size() {
        ensureOpen();
        return size;
    }

    /**
     * The bytes of entry {@code index}.
     *
     * @throws StorageException if its record is damaged (checksum or length wrong)
     */
    public synchronized byte[] entry(long index) {
        ensureOpen();
        checkIndex(index);
        try {
            long offset = readLong(offsets, index * Long.BYTES);
            return readRecord(index, offset);
        } catch (IOException ex) {
            throw new StorageException("Cannot read entry " + index + " of the ledger log in " + directory + ".", ex);
        }
    }

    /** The stored RFC 9162 leaf hash of entry {@code index}. */
    public synchronized Hash leafHash(long index) {
        ensureOpen();
        checkIndex(index);
        long blockStart = size - size % NodeCache.BLOCK;
        if (index >= blockStart) {
            return Hash.copyOf(tail, Math.toIntExact((index - blockStart) * Hash.LENGTH));
        }
        try {
            return Hash.copyOf(readLeafHashes(index, 1), 0);
        } catch (IOException ex) {
            throw new StorageException(
                    "Cannot read leaf hash " + index + " from " + directory.resolve(LEAVES) + ".", ex);
        }
    }

    /** MTH of the first {@code treeSize} entries ({@code treeSize <= size()}). */
    public synchronized Hash root(long treeSize) {
        ensureOpen();
        checkSize(treeSize);
        if (treeSize == size && currentRoot != null) {
            return currentRoot;
        }
        return MerkleTree.rangeRoot(subtrees, sha, 0, treeSize);
    }

    /** Inclusion proof for entry {@code index} in the tree of the first {@code treeSize} entries. */
    public synchronized InclusionProof inclusionProof(long index, long treeSize) {
        ensureOpen();
        checkSize(treeSize);
        return MerkleTree.inclusionProof(new BlockMemo(), sha, index, treeSize);
    }

    /**
     * Inclusion proofs of entries {@code indices} in the tree of the first {@code treeSize} entries, in the order of
     * {@code indices}: the proofs {@link #inclusionProof} gives one by one. Proofs of nearby leaves share all but
     * their lowest nodes, so here each block of {@value NodeCache#BLOCK} leaf hashes is read and hashed once for as
     * many of its leaves as follow each other in {@code indices}, and the right edge of the tree once for all: an
     * export proves a page of records in log order for about one hash a record instead of dozens and five reads.
     */
    public synchronized List<InclusionProof> inclusionProofs(long[] indices, long treeSize) {
        ensureOpen();
        checkSize(treeSize);
        return MerkleTree.inclusionProofs(new BlockSubtrees(), sha, indices, treeSize);
    }

    /**
     * The bytes of entries {@code indices}, in their order: what {@link #entry} gives one by one, but each run of
     * consecutive indices costs two reads (its offsets, then its records) rather than three reads an entry.
     *
     * @throws StorageException if a record is damaged (checksum or length wrong)
     */
    public synchronized List<byte[]> entries(long[] indices) {
        ensureOpen();
        for (long index : indices) {
            checkIndex(index);
        }
        byte[][] found = new byte[indices.length][];
        int i = 0;
        try {
            while (i < indices.length) {
                long first = indices[i];
                int j = i + 1;
                while (j < indices.length && indices[j] == indices[j - 1] + 1 && j - i < RUN_ENTRIES) {
                    j++;
                }
                readRun(first, j - i, found, i);
                i = j;
            }
        } catch (IOException ex) {
            throw new StorageException("Cannot read entry " + indices[i] + " of the ledger log in " + directory + ".",
                    ex);
        }
        return Arrays.asList(found);
    }

    /** Reads entries {@code first} to {@code first + count - 1} into {@code out} from {@code at}. */
    private void readRun(long first, int count, byte[][] out, int at) throws IOException {
        boolean last = first + count == size;
        ByteBuffer offsetBytes = ByteBuffer.allocate((count + (last ? 0 : 1)) * Long.BYTES);
        if (!readFully(offsets, offsetBytes, first * Long.BYTES)) {
            throw new StorageException("The offset file " + directory.resolve(OFFSETS) + " ends before entry "
                    + (first + count) + ".");
        }
        long start = offsetBytes.getLong(0);
        long end = last ? entriesEnd : offsetBytes.getLong(count * Long.BYTES);
        if (start < 0 || end < start || end > entriesEnd || end - start > RUN_BYTES) {
            for (int k = 0; k < count; k++) {
                out[at + k] = readRecord(first + k, offsetBytes.getLong(k * Long.BYTES));
            }
            return;
        }
        ByteBuffer records = ByteBuffer.allocate(Math.toIntExact(end - start));
        if (!readFully(entries, records, start)) {
            throw new StorageException("The entries file " + directory.resolve(ENTRIES) + " ends before byte " + end
                    + ", where entry " + (first + count - 1) + " ends.");
        }
        CRC32C crc = new CRC32C();
        byte[] bytes = records.array();
        for (int k = 0; k < count; k++) {
            long offset = offsetBytes.getLong(k * Long.BYTES);
            long next = k + 1 < count || !last ? offsetBytes.getLong((k + 1) * Long.BYTES) : entriesEnd;
            String where = "Entry " + (first + k) + " at byte " + offset + " of " + directory.resolve(ENTRIES);
            if (offset < start || next > end || next - offset < HEADER + TRAILER) {
                throw new StorageException(where + " is damaged: the offsets of its neighbours leave it "
                        + (next - offset) + " bytes.");
            }
            int from = (int) (offset - start);
            int length = records.getInt(from);
            if (length < 0 || HEADER + (long) length + TRAILER != next - offset) {
                throw new StorageException(where + " is damaged: its length field says " + length + ".");
            }
            crc.reset();
            crc.update(bytes, from, HEADER + length);
            if ((int) crc.getValue() != records.getInt(from + HEADER + length)) {
                throw new StorageException(where + " is damaged: its checksum does not match its bytes.");
            }
            out[at + k] = Arrays.copyOfRange(bytes, from + HEADER, from + HEADER + length);
        }
    }

    /** Consistency proof from the tree of size {@code fromSize} to the tree of size {@code toSize}. */
    public synchronized ConsistencyProof consistencyProof(long fromSize, long toSize) {
        ensureOpen();
        checkSize(toSize);
        return MerkleTree.consistencyProof(subtrees, sha, fromSize, toSize);
    }

    /**
     * Re-reads every record of the entries file, recomputes each leaf hash from the entry bytes and checks
     * checksums, offsets and stored leaf hashes against it. The roots are computed from the entry bytes alone,
     * never from the derived files, for each of {@code sizes} that is readable.
     */
    public synchronized LogAudit audit(Collection<Long> sizes) {
        return audit(sizes, (index, entry, leaf) -> { });
    }

    /** {@link #audit(Collection)}, handing every readable entry to {@code visitor} on the way. */
    public synchronized LogAudit audit(Collection<Long> sizes, EntryVisitor visitor) {
        ensureOpen();
        Set<Long> wanted = new TreeSet<>(sizes);
        List<LedgerProblem> problems = new ArrayList<>();
        Map<Long, Hash> roots = new HashMap<>();
        Frontier frontier = new Frontier(new Sha256());
        Sha256 hasher = new Sha256();
        if (wanted.contains(0L)) {
            roots.put(0L, frontier.root());
        }
        WindowReader entryReader = new WindowReader(entries);
        WindowReader leafReader = new WindowReader(leaves);
        WindowReader offsetReader = new WindowReader(offsets);
        long position = 0;
        long readable = 0;
        byte[] header = new byte[HEADER];
        byte[] storedLeaf = new byte[Hash.LENGTH];
        byte[] storedOffset = new byte[Long.BYTES];
        CRC32C crc = new CRC32C();
        try {
            for (long i = 0; i < size; i++) {
                String item = "entry " + i;
                if (!entryReader.read(position, header)) {
                    problems.add(new LedgerProblem(item, "The entries file " + ENTRIES + " ends at byte " + position
                            + " before this entry; entries from here on cannot be checked."));
                    break;
                }
                int length = ByteBuffer.wrap(header).getInt();
                byte[] body = length < 0 || length > MAX_ENTRY_BYTES ? null : new byte[length + TRAILER];
                if (body == null || !entryReader.read(position + HEADER, body)) {
                    problems.add(new LedgerProblem(item, "The record at byte " + position + " of " + ENTRIES
                            + " has an impossible length " + length + "; entries from here on cannot be checked."));
                    break;
                }
                crc.reset();
                crc.update(header);
                crc.update(body, 0, length);
                int storedCrc = ByteBuffer.wrap(body, length, TRAILER).getInt();
                if ((int) crc.getValue() != storedCrc) {
                    problems.add(new LedgerProblem(item, "The record at byte " + position + " of " + ENTRIES
                            + " fails its checksum: the entry bytes were changed."));
                }
                byte[] entry = Arrays.copyOf(body, length);
                byte[] leaf = hasher.leaf(entry);
                if (!leafReader.read(i * Hash.LENGTH, storedLeaf) || !Arrays.equals(leaf, storedLeaf)) {
                    problems.add(new LedgerProblem(item, "The leaf hash stored in " + LEAVES
                            + " is not SHA-256(0x00 || entry) of the entry bytes."));
                }
                if (!offsetReader.read(i * Long.BYTES, storedOffset)
                        || ByteBuffer.wrap(storedOffset).getLong() != position) {
                    problems.add(new LedgerProblem(item, "The offset stored in " + OFFSETS
                            + " is not the record's position " + position + "."));
                }
                frontier.add(leaf);
                visitor.entry(i, entry, leaf);
                readable = i + 1;
                if (wanted.contains(readable)) {
                    roots.put(readable, frontier.root());
                }
                position += HEADER + length + TRAILER;
            }
            if (readable == size && position != entriesEnd) {
                problems.add(new LedgerProblem("log", "The entries file has " + (entriesEnd - position)
                        + " bytes after the last entry."));
            }
        } catch (IOException ex) {
            throw new StorageException("Cannot read the ledger log in " + directory + " to audit it.", ex);
        }
        return new LogAudit(problems, readable, roots);
    }

    /** The directory holding the log files. */
    public Path directory() {
        return directory;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            lock.release();
        } catch (IOException ignored) {
            // Closing the channel below releases the lock anyway.
        }
        closeQuietly(entries, leaves, offsets);
    }

    // Recovery.

    private void recover(boolean created) throws IOException {
        long entriesSize = entries.size();
        long trusted = Math.min(offsets.size() / Long.BYTES, leaves.size() / Hash.LENGTH);
        while (trusted > 0 && !chained(trusted - 1, entriesSize)) {
            trusted--;
        }
        long position = trusted == 0 ? 0 : recordEnd(readLong(offsets, (trusted - 1) * Long.BYTES));
        boolean changed = created;

        ByteBuffer newOffsets = ByteBuffer.allocate(1024);
        ByteBuffer newLeaves = ByteBuffer.allocate(1024);
        long count = trusted;
        CRC32C crc = new CRC32C();
        while (true) {
            byte[] entry = readValidRecord(position, entriesSize, crc);
            if (entry == null) {
                break;
            }
            newOffsets = ensureRoom(newOffsets, Long.BYTES).putLong(position);
            newLeaves = ensureRoom(newLeaves, Hash.LENGTH).put(sha.leaf(entry));
            position += HEADER + entry.length + TRAILER;
            count++;
        }
        if (position < entriesSize) {
            preserveTornTail(position, entriesSize);
            entries.truncate(position);
            entries.force(true);
            changed = true;
        }
        if (offsets.size() != count * Long.BYTES || count > trusted) {
            offsets.truncate(trusted * Long.BYTES);
            writeFully(offsets, newOffsets.flip(), trusted * Long.BYTES);
            offsets.force(true);
            changed = true;
        }
        if (leaves.size() != count * Hash.LENGTH || count > trusted) {
            leaves.truncate(trusted * Hash.LENGTH);
            writeFully(leaves, newLeaves.flip(), trusted * Hash.LENGTH);
            leaves.force(true);
            changed = true;
        }
        if (changed) {
            forceDirectory(directory);
        }
        entriesEnd = position;
        loadTree(count);
    }

    /**
     * True if the offset of entry {@code index} is where the previous record ends and the record fits in the
     * file: cheap plausibility, not a checksum, used to skip junk in the derived files.
     */
    private boolean chained(long index, long entriesSize) throws IOException {
        long offset = readLong(offsets, index * Long.BYTES);
        long expected = index == 0 ? 0 : recordEnd(readLong(offsets, (index - 1) * Long.BYTES));
        if (offset != expected || offset < 0) {
            return false;
        }
        long end = recordEnd(offset);
        return end > offset && end <= entriesSize;
    }

    /** End of the record at {@code offset} according to its length field, or -1 if that cannot be read. */
    private long recordEnd(long offset) throws IOException {
        if (offset < 0 || offset + HEADER > entries.size()) {
            return -1;
        }
        ByteBuffer b = ByteBuffer.allocate(HEADER);
        if (!readFully(entries, b, offset)) {
            return -1;
        }
        int length = b.getInt(0);
        if (length < 0 || length > MAX_ENTRY_BYTES) {
            return -1;
        }
        return offset + HEADER + length + TRAILER;
    }

    /** The entry of a complete record with a valid checksum at {@code position}, else null. */
    private byte[] readValidRecord(long position, long entriesSize, CRC32C crc) throws IOException {
        if (position + HEADER + TRAILER > entriesSize) {
            return null;
        }
        ByteBuffer header = ByteBuffer.allocate(HEADER);
        readFully(entries, header, position);
        int length = header.getInt(0);
        if (length < 0 || length > MAX_ENTRY_BYTES || position + HEADER + length + TRAILER > entriesSize) {
            return null;
        }
        ByteBuffer body = ByteBuffer.allocate(length + TRAILER);
        readFully(entries, body, position + HEADER);
        crc.reset();
        crc.update(header.array());
        crc.update(body.array(), 0, length);
        if ((int) crc.getValue() != body.getInt(length)) {
            return null;
        }
        return Arrays.copyOf(body.array(), length);
    }

    private void preserveTornTail(long from, long to) throws IOException {
        Path target = directory.resolve("torn-" + from + ".bin");
        for (int i = 1; Files.exists(target); i++) {
            target = directory.resolve("torn-" + from + "-" + i + ".bin");
        }
        try (FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            long done = 0;
            while (done < to - from) {
                done += entries.transferTo(from + done, to - from - done, out);
            }
            out.force(true);
        }
    }

    /** Rebuilds the node cache and the partial last block from the leaf hash file. */
    private void loadTree(long count) throws IOException {
        long blocks = count / NodeCache.BLOCK;
        int blocksPerRead = 64;
        for (long b = 0; b < blocks; b += blocksPerRead) {
            int these = (int) Math.min(blocksPerRead, blocks - b);
            byte[] chunk = readLeafHashes(b * NodeCache.BLOCK, these * NodeCache.BLOCK);
            for (int i = 0; i < these; i++) {
                nodes.addBlock(sha.perfectRoot(chunk, i * NodeCache.BLOCK * Hash.LENGTH, NodeCache.BLOCK));
            }
        }
        size = blocks * NodeCache.BLOCK;
        int rest = (int) (count - size);
        if (rest > 0) {
            byte[] last = readLeafHashes(size, rest);
            for (int i = 0; i < rest; i++) {
                addLeafInMemory(last, i * Hash.LENGTH);
            }
        }
        currentRoot = MerkleTree.rangeRoot(subtrees, sha, 0, size);
    }

    // Tree access.

    private void addLeafInMemory(byte[] source, int offset) {
        int slot = (int) (size % NodeCache.BLOCK);
        System.arraycopy(source, offset, tail, slot * Hash.LENGTH, Hash.LENGTH);
        size++;
        if (slot == NodeCache.BLOCK - 1) {
            nodes.addBlock(sha.perfectRoot(tail, 0, NodeCache.BLOCK));
        }
    }

    /**
     * Perfect subtrees for a batch of proofs: below the cached levels, the whole block of {@value NodeCache#BLOCK}
     * leaves a subtree lies in is read and hashed once (all its levels kept), and reused while the proofs stay in it.
     */
    private final class BlockSubtrees implements MerkleTree.Subtrees {
        /** Levels 0 to 4 of one block, back to back: 32, 16, 8, 4 and 2 hashes. */
        private final byte[] levels = new byte[(2 * NodeCache.BLOCK - 2) * Hash.LENGTH];
        private long block = -1;

        @Override
        public Hash perfect(long start, int level) {
            long blockStart = size - size % NodeCache.BLOCK;
            if (level >= NodeCache.BASE_LEVEL || start >= blockStart) {
                return perfectSubtree(start, level);
            }
            long wanted = start >>> NodeCache.BASE_LEVEL;
            if (wanted != block) {
                load(wanted);
            }
            int levelStart = 0;
            for (int l = 0; l < level; l++) {
                levelStart += NodeCache.BLOCK >>> l;
            }
            int inLevel = (int) ((start & (NodeCache.BLOCK - 1)) >>> level);
            return Hash.copyOf(levels, (levelStart + inLevel) * Hash.LENGTH);
        }

        private void load(long wanted) {
            byte[] leafHashes;
            try {
                leafHashes = readLeafHashes(wanted * NodeCache.BLOCK, NodeCache.BLOCK);
            } catch (IOException ex) {
                throw new StorageException("Cannot read the leaf hashes of block " + wanted + " from "
                        + directory.resolve(LEAVES) + ".", ex);
            }
            System.arraycopy(leafHashes, 0, levels, 0, leafHashes.length);
            int from = 0;
            int to = NodeCache.BLOCK;
            for (int n = NodeCache.BLOCK; n > 2; n /= 2) {
                for (int i = 0; i < n / 2; i++) {
                    sha.node(levels, (from + 2 * i) * Hash.LENGTH, levels, (from + 2 * i + 1) * Hash.LENGTH, levels,
                            (to + i) * Hash.LENGTH);
                }
                from = to;
                to += n / 2;
            }
            block = wanted;
        }
    }

    private Hash perfectSubtree(long start, int level) {
        if (level >= NodeCache.BASE_LEVEL) {
            return nodes.get(level, start);
        }
        // Below a cached block root, at most 31 leaf hashes: cheap enough to recompute for every proof.
        int count = 1 << level;
        long blockStart = size - size % NodeCache.BLOCK;
        if (start >= blockStart) {
            return new Hash(sha.perfectRoot(tail, Math.toIntExact((start - blockStart) * Hash.LENGTH), count));
        }
        try {
            return new Hash(sha.perfectRoot(readLeafHashes(start, count), 0, count));
        } catch (IOException ex) {
            throw leafReadFailed(start, count, ex);
        }
    }

    private StorageException leafReadFailed(long start, int count, IOException ex) {
        return new StorageException("Cannot read leaf hashes " + start + " to " + (start + count - 1)
                + " from " + directory.resolve(LEAVES) + ".", ex);
    }

    /**
     * {@link #perfectSubtree} for one proof, reading a complete block's leaf hashes once: the siblings below the
     * cached levels all lie in the block of the proven leaf, so a proof reads one 1 KB range instead of up to five
     * small ones. Used under the log's lock, for one call only.
     */
    private final class BlockMemo implements MerkleTree.Subtrees {
        private long block = -1;
        private byte[] leafHashes;

        @Override
        public Hash perfect(long start, int level) {
            long blockStart = start - start % NodeCache.BLOCK;
            if (level >= NodeCache.BASE_LEVEL || blockStart + NodeCache.BLOCK > size - size % NodeCache.BLOCK) {
                return perfectSubtree(start, level);
            }
            if (blockStart != block) {
                try {
                    leafHashes = readLeafHashes(blockStart, NodeCache.BLOCK);
                } catch (IOException ex) {
                    throw leafReadFailed(blockStart, NodeCache.BLOCK, ex);
                }
                block = blockStart;
            }
            return new Hash(sha.perfectRoot(leafHashes, Math.toIntExact((start - blockStart) * Hash.LENGTH), 1 << level));
        }
    }

    private byte[] readLeafHashes(long first, int count) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(count * Hash.LENGTH);
        if (!readFully(leaves, b, first * Hash.LENGTH)) {
            throw new StorageException("The leaf hash file " + directory.resolve(LEAVES) + " ends before leaf "
                    + (first + count - 1) + ".");
        }
        return b.array();
    }

    private byte[] readRecord(long index, long offset) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(HEADER);
        String where = "Entry " + index + " at byte " + offset + " of " + directory.resolve(ENTRIES);
        if (offset < 0 || !readFully(entries, header, offset)) {
            throw new StorageException(where + " cannot be read: the file is shorter.");
        }
        int length = header.getInt(0);
        if (length < 0 || length > MAX_ENTRY_BYTES || offset + HEADER + length + TRAILER > entriesEnd) {
            throw new StorageException(where + " is damaged: its length field says " + length + ".");
        }
        ByteBuffer body = ByteBuffer.allocate(length + TRAILER);
        readFully(entries, body, offset + HEADER);
        CRC32C crc = new CRC32C();
        crc.update(header.array());
        crc.update(body.array(), 0, length);
        if ((int) crc.getValue() != body.getInt(length)) {
            throw new StorageException(where + " is damaged: its checksum does not match its bytes.");
        }
        return Arrays.copyOf(body.array(), length);
    }

    // Plumbing.

    private void rollBack(long oldEntriesEnd) {
        try {
            entries.truncate(oldEntriesEnd);
            offsets.truncate(size * Long.BYTES);
            leaves.truncate(size * Hash.LENGTH);
        } catch (IOException ignored) {
            // The log is marked broken; reopening recovers from whatever reached the disk.
        }
    }

    private void checkIndex(long index) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException(
                    "Entry index " + index + " is outside the ledger log of size " + size + ".");
        }
    }

    private void checkSize(long treeSize) {
        if (treeSize < 0 || treeSize > size) {
            throw new IllegalArgumentException(
                    "Tree size " + treeSize + " is outside the ledger log of size " + size + ".");
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("The ledger log in " + directory + " is closed.");
        }
    }

    private void ensureUsable() {
        ensureOpen();
        if (broken) {
            throw new StorageException("An earlier write to the ledger log in " + directory
                    + " failed; close and reopen it before appending.");
        }
    }

    private static ByteBuffer ensureRoom(ByteBuffer b, int more) {
        if (b.remaining() >= more) {
            return b;
        }
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(b.capacity() * 2, b.position() + more));
        return bigger.put(b.flip());
    }

    private static FileChannel openChannel(Path file) throws IOException {
        return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    private static long readLong(FileChannel channel, long position) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(Long.BYTES);
        if (!readFully(channel, b, position)) {
            return -1;
        }
        return b.getLong(0);
    }

    static boolean readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, at);
            if (n < 0) {
                return false;
            }
            at += n;
        }
        return true;
    }

    static int writeFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        int total = buffer.remaining();
        long at = position;
        while (buffer.hasRemaining()) {
            at += channel.write(buffer, at);
        }
        return total;
    }

    /**
     * Forces the directory entry so newly created or renamed files survive a crash. Some platforms (Windows)
     * cannot open a directory as a channel; there the file forces are all that can be done.
     */
    static void forceDirectory(Path directory) {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // Not supported on this platform; see the method comment.
        }
    }

    private static void closeQuietly(FileChannel... channels) {
        for (FileChannel c : channels) {
            if (c != null) {
                try {
                    c.close();
                } catch (IOException ignored) {
                    // Nothing useful to do when a close fails during cleanup.
                }
            }
        }
    }
}
