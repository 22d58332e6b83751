package org.chancery.ledger;

import java.io.Closeable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.chancery.StorageException;

/**
 * The archive's tamper-evident ledger: a {@link MerkleLog} of entries, the {@link ArchiveKey} that signs, and the
 * {@link CheckpointStore} of signed checkpoints, all in one directory (keys may live elsewhere).
 *
 * <p>Every {@link #appendAndCheckpoint} makes its entries durable and then stores a signed checkpoint over the
 * new tree. {@link #verify()} recomputes everything from the entry bytes and reports what does not hold.
 */
public final class Ledger implements Closeable {
    private final String origin;
    private final MerkleLog log;
    private final CheckpointStore checkpoints;
    private final CheckpointSigner signer;
    private final CheckpointVerifier verifier;
    private final String verifierKey;

    private Ledger(String origin, MerkleLog log, CheckpointStore checkpoints, ArchiveKey key) {
        this.origin = origin;
        this.log = log;
        this.checkpoints = checkpoints;
        this.signer = new CheckpointSigner(key);
        this.verifierKey = key.verifierKey();
        this.verifier = new CheckpointVerifier(verifierKey, origin);
    }

    /**
     * Opens (or creates) the ledger in {@code directory} with the signing key kept in {@code keysDirectory}.
     * The key is named after {@code origin}, as is usual for C2SP checkpoints.
     *
     * @param origin the checkpoint origin line, e.g. {@code chancery.example/archive/5f0c…}; no white space or
     *               {@code +}, since it is also the key name
     */
    public static Ledger open(Path directory, Path keysDirectory, String origin) {
        Checkpoint.requireOrigin(origin);
        ArchiveKey key = ArchiveKey.loadOrCreate(keysDirectory, origin);
        MerkleLog log = MerkleLog.open(directory);
        try {
            return new Ledger(origin, log, CheckpointStore.open(directory), key);
        } catch (RuntimeException e) {
            log.close();
            throw e;
        }
    }

    /**
     * Appends the entries durably, then signs and durably stores a checkpoint over the new tree.
     *
     * @return the new checkpoint
     */
    public synchronized Checkpoint appendAndCheckpoint(List<byte[]> entries) {
        long size = log.append(entries);
        Checkpoint checkpoint = signer.sign(origin, size, log.root(size));
        checkpoints.append(checkpoint);
        return checkpoint;
    }

    /**
     * Signs and stores a checkpoint over the whole log when the latest one does not cover it: a process stopped
     * between an append and its checkpoint leaves entries that are durable but not yet signed for.
     *
     * A log shorter than its latest checkpoint (cut off) is left for {@link #verify} to report.
     *
     * @return the new checkpoint, or empty when the latest already covers the log (or the log is empty)
     */
    public synchronized Optional<Checkpoint> checkpointIfBehind() {
        long size = log.size();
        if (size == 0 || checkpoints.latest().map(c -> c.size() >= size).orElse(false)) {
            return Optional.empty();
        }
        Checkpoint checkpoint = signer.sign(origin, size, log.root(size));
        checkpoints.append(checkpoint);
        return Optional.of(checkpoint);
    }

    /** The latest signed checkpoint, if any. */
    public Optional<Checkpoint> latestCheckpoint() {
        return checkpoints.latest();
    }

    /**
     * Checks the whole ledger and returns every problem found (empty when all holds):
     * <ul>
     *   <li>each entry record is intact, and the stored leaf hashes and offsets match the entry bytes;
     *   <li>each checkpoint is well formed, from this origin, and validly signed by this ledger's key;
     *   <li>each checkpoint's root equals the root recomputed from the entry bytes at its size;
     *   <li>each checkpoint is consistent with the one before (RFC 9162 consistency proof);
     *   <li>the latest checkpoint covers every entry in the log.
     * </ul>
     */
    public synchronized List<LedgerProblem> verify() {
        return verify((index, entry, leaf) -> { });
    }

    /** {@link #verify()}, handing every readable log entry to {@code visitor} as the audit reads it. */
    public synchronized List<LedgerProblem> verify(EntryVisitor visitor) {
        List<String> notes = checkpoints.notes();
        List<Checkpoint> parsed = new ArrayList<>();
        List<Long> sizes = new ArrayList<>();
        for (String note : notes) {
            Checkpoint c = Checkpoint.parseUnverified(note, new ArrayList<>());
            parsed.add(c);
            if (c != null) {
                sizes.add(c.size());
            }
        }
        LogAudit audit = log.audit(sizes, visitor);
        List<LedgerProblem> problems = new ArrayList<>(audit.problems());
        problems.addAll(checkpoints.verifyAgainst(log, verifier));
        for (int i = 0; i < parsed.size(); i++) {
            Checkpoint c = parsed.get(i);
            if (c == null || c.size() > log.size()) {
                continue;
            }
            String item = "checkpoint " + i + " (size " + c.size() + ")";
            Hash recomputed = audit.recomputedRoots().get(c.size());
            if (recomputed == null) {
                problems.add(new LedgerProblem(item, "Its root cannot be recomputed because the entries file is "
                        + "unreadable after entry " + audit.readableSize() + "."));
            } else if (!recomputed.equals(c.root())) {
                problems.add(new LedgerProblem(item, "The signed root " + c.root()
                        + " differs from the root " + recomputed + " recomputed from the entry bytes."));
            }
        }
        Checkpoint latest = parsed.isEmpty() ? null : parsed.get(parsed.size() - 1);
        if (log.size() > 0 && (latest == null || latest.size() < log.size())) {
            long covered = latest == null ? 0 : latest.size();
            problems.add(new LedgerProblem("log", "Entries " + covered + " to " + (log.size() - 1)
                    + " are not covered by a signed checkpoint."));
        }
        return problems;
    }

    /** The underlying log, for proofs and entry reads. */
    public MerkleLog log() {
        return log;
    }

    /** The stored checkpoints. */
    public CheckpointStore checkpoints() {
        return checkpoints;
    }

    /** The signed-note verifier key auditors need to check this ledger's checkpoints. */
    public String verifierKey() {
        return verifierKey;
    }

    /** The checkpoint origin line. */
    public String origin() {
        return origin;
    }

    @Override
    public synchronized void close() {
        StorageException failure = null;
        try {
            checkpoints.close();
        } catch (StorageException e) {
            failure = e;
        }
        log.close();
        if (failure != null) {
            throw failure;
        }
    }
}
