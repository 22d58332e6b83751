package org.chancery.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.chancery.StorageException;
import org.chancery.ledger.Ledger;
import org.chancery.ledger.LedgerProblem;
import org.chancery.ledger.MerkleLog;
import org.chancery.ledger.TweetVersionEntry;
import org.chancery.store.OcflArchive;
import org.chancery.store.StoreProblem;

/**
 * One run of whole-archive verification: the store's own checks, the ledger's own checks, then a one-to-one
 * match between committed tweet versions and log entries (by leaf hash), so that neither a version missing
 * from the log nor a logged version missing from the store goes unnoticed. Versions of objects that a logged
 * disposition certificate names are expected to be gone, and such objects are checked to be gone.
 */
final class Verification {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CERTIFICATE_EVENT = "\"event\":\"disposition-certificate\"";
    private final OcflArchive archive;
    private final Ledger ledger;
    private final Path storeRoot;
    private final List<VerifyReport.Problem> problems = new ArrayList<>();

    Verification(OcflArchive archive, Ledger ledger, Path storeRoot) {
        this.archive = archive;
        this.ledger = ledger;
        this.storeRoot = storeRoot;
    }

    VerifyReport run() {
        for (StoreProblem p : archive.verify()) {
            problems.add(new VerifyReport.Problem(p.item(), p.problem()));
        }
        for (LedgerProblem p : ledger.verify()) {
            problems.add(new VerifyReport.Problem(p.item(), p.problem()));
        }
        MerkleLog log = ledger.log();
        long[] logged = loggedLeafPrefixes(log);
        LongList committed = new LongList();
        Set<String> objects = new HashSet<>();
        boolean walked = true;
        try {
            archive.forEachCommitted(p -> {
                objects.add(p.location().objectId());
                long h = prefix(LedgerRecorder.entryFor(p).leafHash().bytes());
                committed.add(h);
                if (Arrays.binarySearch(logged, h) < 0) {
                    problems.add(new VerifyReport.Problem("tweet " + p.tweetId() + " (" + p.location().objectId()
                            + " " + p.location().version() + ")", "archived but not in the Merkle log"));
                }
            });
        } catch (StorageException e) {
            // Damage that stops the walk (a missing records file) is itself the finding; without the full walk,
            // log entries cannot be called orphaned, so that check is skipped.
            problems.add(new VerifyReport.Problem("store", e.getMessage()));
            walked = false;
        }
        Map<String, Long> disposed = disposedObjects(log);
        if (walked) {
            reportOrphanedEntries(log, committed.sortedCopy(), disposed);
        }
        reportUndisposedObjects(log, disposed, objects);
        return new VerifyReport(objects.size(), committed.size(), log.size(), ledger.checkpoints().count(),
                sizeOf(storeRoot), problems);
    }

    /**
     * Object ids named by disposition certificates in the log, each with the index of the latest certificate that
     * names it: the tweet versions of that object logged before it were destroyed on purpose.
     */
    private static Map<String, Long> disposedObjects(MerkleLog log) {
        Map<String, Long> disposed = new HashMap<>();
        for (long i = 0; i < log.size(); i++) {
            byte[] entry = log.entry(i);
            if (!new String(entry, StandardCharsets.UTF_8).contains(CERTIFICATE_EVENT)) {
                continue;
            }
            try {
                JsonNode c = JSON.readTree(entry);
                if (c != null && "disposition-certificate".equals(c.path("event").asText())) {
                    for (JsonNode o : c.path("objects")) {
                        disposed.put(o.path("objectId").asText(), i);
                    }
                }
            } catch (IOException e) {
                // not JSON: not a certificate (the ledger's own checks judge the entry)
            }
        }
        return disposed;
    }

    /** A disposed object must be gone, unless tweet versions of it were archived (and logged) again afterwards. */
    private void reportUndisposedObjects(MerkleLog log, Map<String, Long> disposed, Set<String> stored) {
        Set<String> recreated = new HashSet<>();
        for (long i = 0; i < log.size(); i++) {
            TweetVersionEntry e = tweetVersion(log, i);
            Long at = e == null ? null : disposed.get(e.objectId());
            if (at != null && i > at) {
                recreated.add(e.objectId());
            }
        }
        for (Map.Entry<String, Long> d : disposed.entrySet()) {
            if (!recreated.contains(d.getKey()) && (stored.contains(d.getKey()) || archive.holdsObject(d.getKey()))) {
                problems.add(new VerifyReport.Problem(d.getKey(), "disposed of under the certificate at log entry "
                        + d.getValue() + " but still in the store"));
            }
        }
    }

    private void reportOrphanedEntries(MerkleLog log, long[] stored, Map<String, Long> disposed) {
        for (long i = 0; i < log.size(); i++) {
            TweetVersionEntry e = tweetVersion(log, i);
            Long certificate = e == null ? null : disposed.get(e.objectId());
            if (certificate != null && certificate > i) {
                continue; // destroyed under a logged certificate
            }
            if (e != null && Arrays.binarySearch(stored, prefix(log.leafHash(i).bytes())) < 0) {
                problems.add(new VerifyReport.Problem("log entry " + i + " (tweet " + e.tweetId() + ", "
                        + e.objectId() + " " + e.version() + ")", "logged but no longer in the store"));
            }
        }
    }

    /** First 8 bytes of the leaf hash of every tweet-version entry, sorted: 8 MB per million entries. */
    private static long[] loggedLeafPrefixes(MerkleLog log) {
        LongList prefixes = new LongList();
        for (long i = 0; i < log.size(); i++) {
            if (tweetVersion(log, i) != null) {
                prefixes.add(prefix(log.leafHash(i).bytes()));
            }
        }
        return prefixes.sortedCopy();
    }

    private static TweetVersionEntry tweetVersion(MerkleLog log, long i) {
        try {
            return TweetVersionEntry.decode(log.entry(i));
        } catch (RuntimeException e) {
            return null; // another kind of entry (hold, disposition)
        }
    }

    private static long prefix(byte[] hash) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (hash[i] & 0xff);
        }
        return v;
    }

    private static long sizeOf(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        } catch (IOException e) {
            throw new StorageException("Cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /** A growable array of longs: a million committed versions cost 8 MB, not a million boxes. */
    private static final class LongList {
        private long[] values = new long[1024];
        private int size;

        void add(long v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        int size() {
            return size;
        }

        long[] sortedCopy() {
            long[] copy = Arrays.copyOf(values, size);
            Arrays.sort(copy);
            return copy;
        }
    }
}
