package org.chancery.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * The data folder and its layout. Everything Chancery keeps lives under one folder so that it can be backed
 * up, moved or inspected as a whole:
 *
 * <pre>
 * DATA/
 *   store/     OCFL 1.1 storage root: the system of record
 *   journal/   append-only journal of acknowledged captures not yet committed to OCFL
 *   idmap/     tweet id to storage location map (rebuildable from store/)
 *   ledger/    Merkle log entries, leaf hashes and signed checkpoints
 *   leafindex/ tweet id to ledger entry index (rebuildable from ledger/)
 *   index/     Lucene search index (rebuildable from store/)
 *   work/      ocfl-java's staging area (emptied on open)
 *   keys/      the archive's Ed25519 signing key (private key readable by the owner only)
 *   reports/   import reject reports
 *   registry/  account registry versions vNNNN.json (canonical bytes, each also logged in the ledger)
 *   holds/     holds.jsonl: legal holds placed and released (each event also logged)
 *   disposition/ plans.jsonl (plans, approvals, executions) and certificates/ (each certificate also logged)
 *   capture/   X API harvesting: cursors/&lt;handle&gt;.json (where each account stands) and evidence/ (every
 *              HTTP response read, body byte for byte, by SHA-256)
 *   media/     downloaded media of captured tweets: &lt;sha256[0:2]&gt;/&lt;sha256&gt;, media.jsonl, failures.jsonl
 *   pending-event.json  present only while an event is written but not yet logged (see archive.EventRecorder)
 * </pre>
 */
public record DataDir(Path root) {
    /** Environment variable that overrides the default data folder. */
    public static final String ENV = "CHANCERY_DATA";
    /** Default data folder, relative to the working directory. */
    public static final String DEFAULT = "chancery-data";

    public DataDir {
        Objects.requireNonNull(root, "data folder");
        root = root.toAbsolutePath().normalize();
    }

    /** The folder given on the command line, else {@code $CHANCERY_DATA}, else {@code ./chancery-data}. */
    public static DataDir resolve(Path option, Map<String, String> env) {
        if (option != null) {
            return new DataDir(option);
        }
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return new DataDir(Path.of(fromEnv));
        }
        return new DataDir(Path.of(DEFAULT));
    }

    public Path store() {
        return root.resolve("store");
    }

    public Path journal() {
        return root.resolve("journal");
    }

    public Path idMap() {
        return root.resolve("idmap");
    }

    public Path ledger() {
        return root.resolve("ledger");
    }

    public Path leafIndex() {
        return root.resolve("leafindex");
    }

    public Path index() {
        return root.resolve("index");
    }

    public Path keys() {
        return root.resolve("keys");
    }

    public Path reports() {
        return root.resolve("reports");
    }

    public Path registry() {
        return root.resolve("registry");
    }

    public Path holds() {
        return root.resolve("holds");
    }

    public Path disposition() {
        return root.resolve("disposition");
    }

    public Path certificates() {
        return disposition().resolve("certificates");
    }

    /** X API harvesting state: {@code cursors/} and {@code evidence/}. */
    public Path capture() {
        return root.resolve("capture");
    }

    /**
     * Bookkeeping of media and linked-document downloads: only {@code failures.jsonl} (see
     * {@code org.chancery.media.FailureLog}); the files themselves are kept in the tweets' OCFL objects.
     */
    public Path media() {
        return root.resolve("media");
    }

    public Path pendingEvent() {
        return root.resolve("pending-event.json");
    }
}
