package org.chancery.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.chancery.StorageException;
import org.chancery.ledger.LeafHasher;
import org.chancery.ledger.Ledger;
import org.chancery.ledger.LedgerProblem;
import org.chancery.ledger.MerkleLog;
import org.chancery.ledger.TweetVersionEntry;
import org.chancery.store.OcflArchive;
import org.chancery.store.StoreCheck;
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
        LogView logged = new LogView();
        CommittedView committed = new CommittedView();
        StoreCheck store;
        List<LedgerProblem> ledgerProblems;
        long contentBytes;
        // Each verifying thread hashes the entries of the payloads it finds with its own digest.
        ThreadLocal<LeafHasher> hashers = ThreadLocal.withInitial(LeafHasher::new);
        // The store and the log are independent until they are matched: check them side by side. The log takes
        // less time than the store, so the same thread then sums the store's size.
        try (ExecutorService ledgerThread = Executors.newSingleThreadExecutor()) {
            Future<List<LedgerProblem>> ledgerCheck = ledgerThread.submit(() -> ledger.verify(logged::add));
            Future<Long> size = ledgerThread.submit(() -> sizeOf(storeRoot));
            store = archive.verify(p -> committed.add(
                    prefix(hashers.get().leaf(LedgerRecorder.entryFor(p).encode())), p.location().objectId()));
            ledgerProblems = ledgerCheck.get();
            contentBytes = size.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("Interrupted while verifying the archive.", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r
                    : new StorageException("The ledger could not be verified: " + e.getCause().getMessage(), e);
        }
        for (StoreProblem p : store.problems()) {
            problems.add(new VerifyReport.Problem(p.item(), p.problem()));
        }
        for (LedgerProblem p : ledgerProblems) {
            problems.add(new VerifyReport.Problem(p.item(), p.problem()));
        }
        long[] loggedPrefixes = logged.sortedPrefixes();
        long[] committedPrefixes = committed.sortedPrefixes();
        reportUnlogged(loggedPrefixes, committedPrefixes);
        if (store.complete()) {
            reportOrphanedEntries(logged, committedPrefixes);
        } else {
            // Without every records file, a logged version missing from the walk is not evidence of anything.
            problems.add(new VerifyReport.Problem("store", "Some records files could not be read (see above), so "
                    + "log entries were not checked against the store."));
        }
        reportUndisposedObjects(logged, committed.objects());
        return new VerifyReport(committed.objects().size(), committedPrefixes.length, ledger.log().size(),
                ledger.checkpoints().count(), contentBytes, problems);
    }

    /** Archived versions whose leaf is not in the log; rare, so the store is walked again only to name them. */
    private void reportUnlogged(long[] logged, long[] committed) {
        long unlogged = Arrays.stream(committed).filter(h -> Arrays.binarySearch(logged, h) < 0).count();
        if (unlogged == 0) {
            return;
        }
        List<VerifyReport.Problem> named = new ArrayList<>();
        try {
            archive.forEachCommitted(p -> {
                if (Arrays.binarySearch(logged, prefix(LedgerRecorder.entryFor(p).leafHash().bytes())) < 0) {
                    named.add(new VerifyReport.Problem("tweet " + p.tweetId() + " (" + p.location().objectId()
                            + " " + p.location().version() + ")", "archived but not in the Merkle log"));
                }
            });
            problems.addAll(named);
        } catch (RuntimeException e) {
            // The damage that stops the walk is reported by the store's own checks; still say how many are unlogged.
            problems.add(new VerifyReport.Problem("store", unlogged + " archived tweet version(s) are not in the "
                    + "Merkle log; they could not all be named because the store could not be walked again: "
                    + e.getMessage()));
        }
    }

    /** A disposed object must be gone, unless tweet versions of it were archived (and logged) again afterwards. */
    private void reportUndisposedObjects(LogView log, Set<String> stored) {
        for (Map.Entry<String, Long> d : log.disposed.entrySet()) {
            Long last = log.lastEntryOf.get(d.getKey());
            boolean recreated = last != null && last > d.getValue();
            if (!recreated && (stored.contains(d.getKey()) || archive.holdsObject(d.getKey()))) {
                problems.add(new VerifyReport.Problem(d.getKey(), "disposed of under the certificate at log entry "
                        + d.getValue() + " but still in the store"));
            }
        }
    }

    private void reportOrphanedEntries(LogView log, long[] stored) {
        for (int k = 0; k < log.versions.size(); k++) {
            long i = log.versions.get(k);
            String objectId = log.objectNames.get((int) log.objectOf.get(k));
            Long certificate = log.disposed.get(objectId);
            if (certificate != null && certificate > i) {
                continue; // destroyed under a logged certificate
            }
            if (Arrays.binarySearch(stored, log.prefixes.get(k)) < 0) {
                TweetVersionEntry e = tweetVersion(ledger.log(), i);
                String what = e == null ? objectId : e.tweetId() + ", " + e.objectId() + " " + e.version();
                problems.add(new VerifyReport.Problem("log entry " + i + " (tweet " + what + ")",
                        "logged but no longer in the store"));
            }
        }
    }

    private static TweetVersionEntry tweetVersion(MerkleLog log, long i) {
        try {
            return TweetVersionEntry.decode(log.entry(i));
        } catch (RuntimeException e) {
            return null; // another kind of entry (hold, disposition), or a damaged one
        }
    }

    private static long prefix(byte[] hash) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (hash[i] & 0xff);
        }
        return v;
    }

    /** Bytes in the regular files under {@code dir}, from the attributes the walk reads anyway (one stat a file). */
    private static long sizeOf(Path dir) {
        long[] total = {0};
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile()) {
                        total[0] += attrs.size();
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new StorageException("Cannot list " + dir + ": " + e.getMessage(), e);
        }
        return total[0];
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

        long get(int i) {
            return values[i];
        }

        long[] sortedCopy() {
            long[] copy = Arrays.copyOf(values, size);
            Arrays.sort(copy);
            return copy;
        }
    }

    /**
     * What one pass over the log gives the match: for each tweet-version entry its index, leaf prefix and object,
     * the objects disposition certificates name (with the latest certificate's index), and each object's last
     * tweet-version entry.
     */
    private static final class LogView {
        final LongList versions = new LongList();
        final LongList prefixes = new LongList();
        final LongList objectOf = new LongList();
        final List<String> objectNames = new ArrayList<>();
        final Map<String, Integer> objectIndex = new HashMap<>();
        final Map<String, Long> disposed = new HashMap<>();
        final Map<String, Long> lastEntryOf = new HashMap<>();

        void add(long index, byte[] entry, byte[] leaf) {
            TweetVersionEntry e;
            try {
                e = TweetVersionEntry.decode(entry);
            } catch (RuntimeException notAVersion) {
                certificate(index, entry);
                return;
            }
            versions.add(index);
            prefixes.add(prefix(leaf));
            objectOf.add(objectIndex.computeIfAbsent(e.objectId(), o -> {
                objectNames.add(o);
                return objectNames.size() - 1;
            }));
            lastEntryOf.put(e.objectId(), index);
        }

        private void certificate(long index, byte[] entry) {
            if (!new String(entry, StandardCharsets.UTF_8).contains(CERTIFICATE_EVENT)) {
                return;
            }
            try {
                JsonNode c = JSON.readTree(entry);
                if (c != null && "disposition-certificate".equals(c.path("event").asText())) {
                    for (JsonNode o : c.path("objects")) {
                        disposed.put(o.path("objectId").asText(), index);
                    }
                }
            } catch (IOException e) {
                // not JSON: not a certificate (the ledger's own checks judge the entry)
            }
        }

        long[] sortedPrefixes() {
            return prefixes.sortedCopy();
        }
    }

    /** The leaf prefixes and objects of the committed versions, gathered by the store's verifying threads. */
    private static final class CommittedView {
        private final LongList prefixes = new LongList();
        private final Set<String> objects = new HashSet<>();

        synchronized void add(long prefix, String objectId) {
            prefixes.add(prefix);
            objects.add(objectId);
        }

        synchronized long[] sortedPrefixes() {
            return prefixes.sortedCopy();
        }

        synchronized Set<String> objects() {
            return objects;
        }
    }
}
