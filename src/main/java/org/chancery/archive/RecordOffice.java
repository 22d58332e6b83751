package org.chancery.archive;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.chancery.StorageException;
import org.chancery.config.DataDir;
import org.chancery.ledger.Checkpoint;
import org.chancery.ledger.Ledger;
import org.chancery.ledger.MerkleLog;
import org.chancery.store.Archive;
import org.chancery.store.OcflArchive;
import org.chancery.store.StoreSettings;
import org.chancery.store.StoredTweet;

/**
 * The archive and its ledger over one data folder. Open one per process; close it to commit what the journal
 * holds (each commit is logged and checkpointed).
 */
public final class RecordOffice implements AutoCloseable {
    private final Ledger ledger;
    private final LeafIndex leaves;
    private final OcflArchive archive;
    private final Path storeRoot;

    private RecordOffice(Ledger ledger, LeafIndex leaves, OcflArchive archive, Path storeRoot) {
        this.storeRoot = storeRoot;
        this.ledger = ledger;
        this.leaves = leaves;
        this.archive = archive;
    }

    /** Opens (creating on first use) the record office in {@code data} with the default store settings. */
    public static RecordOffice open(DataDir data, Clock clock) {
        return open(data, clock, StoreSettings.under(data.root()));
    }

    public static RecordOffice open(DataDir data, Clock clock, StoreSettings settings) {
        Ledger ledger = Ledger.open(data.ledger(), data.keys(), origin(data));
        LeafIndex leaves = null;
        try {
            leaves = LeafIndex.open(data.leafIndex(), ledger.log());
            // Opening the archive may replay a journal and commit it, which already goes to the ledger.
            OcflArchive archive = new OcflArchive(settings, clock, new LedgerRecorder(ledger, leaves));
            return new RecordOffice(ledger, leaves, archive, settings.storeRoot());
        } catch (RuntimeException e) {
            if (leaves != null) {
                leaves.close();
            }
            ledger.close();
            throw e;
        }
    }

    /**
     * The checkpoint origin of this archive: made once, on first use, and kept in {@code DATA/keys/origin}
     * so that every checkpoint of the archive names the same log.
     */
    private static String origin(DataDir data) {
        Path file = data.keys().resolve("origin");
        try {
            if (Files.isRegularFile(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            }
            Files.createDirectories(data.keys());
            String origin = "chancery.archive/" + UUID.randomUUID();
            Path tmp = data.keys().resolve("origin.tmp");
            Files.writeString(tmp, origin + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return origin;
        } catch (IOException e) {
            throw new StorageException("Cannot read or create the archive's origin " + file + ": " + e.getMessage(), e);
        }
    }

    /** Where captures enter. */
    public Archive archive() {
        return archive;
    }

    /** The store underneath, for reads that go beyond {@link Archive}. */
    public OcflArchive store() {
        return archive;
    }

    public Ledger ledger() {
        return ledger;
    }

    /** Commits what the journal holds to OCFL (and so to the log). */
    public void commit() {
        archive.flush();
    }

    /** The latest archived state of a tweet with its inclusion proof, if the archive holds it. */
    public Optional<ProvenTweet> find(String tweetId) {
        Optional<StoredTweet> stored = archive.find(tweetId);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        OptionalLong leaf = leaves.find(tweetId);
        Optional<Checkpoint> checkpoint = ledger.latestCheckpoint();
        if (leaf.isEmpty() || checkpoint.isEmpty() || leaf.getAsLong() >= checkpoint.get().size()) {
            return Optional.of(new ProvenTweet(stored.get(), Optional.empty()));
        }
        long index = leaf.getAsLong();
        MerkleLog log = ledger.log();
        String entry = new String(log.entry(index), StandardCharsets.UTF_8);
        return Optional.of(new ProvenTweet(stored.get(), Optional.of(new ProvenTweet.Evidence(index, entry,
                log.inclusionProof(index, checkpoint.get().size()), checkpoint.get()))));
    }

    public Optional<Checkpoint> latestCheckpoint() {
        return ledger.latestCheckpoint();
    }

    /** The archive's public key in signed-note verifier form: {@code <name>+<key id>+<base64 key>}. */
    public String verifierKey() {
        return ledger.verifierKey();
    }

    /**
     * Re-derives everything from disk: every OCFL object validated with its content re-hashed, the id map checked,
     * the Merkle root recomputed from the entries and checked against the latest signed checkpoint, consistency
     * between successive checkpoints, and a one-to-one match between committed tweet versions and log entries.
     */
    public VerifyReport verify() {
        return new Verification(archive, ledger, storeRoot).run();
    }

    @Override
    public void close() {
        try {
            archive.close();
        } finally {
            leaves.close();
            ledger.close();
        }
    }
}
