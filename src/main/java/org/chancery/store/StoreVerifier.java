package org.chancery.store;

import io.ocfl.api.OcflRepository;
import io.ocfl.api.model.ValidationIssue;
import io.ocfl.api.model.ValidationResults;
import io.ocfl.core.extension.storage.layout.HashedNTupleLayoutExtension;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.chancery.StorageException;
import org.chancery.record.RawPayload;

/**
 * One check of the whole store as {@link OcflArchive#verify()} describes it, run while the archive holds its lock:
 * objects are checked in parallel on the archive's workers, then the id map against what they hold. Nothing is
 * written.
 */
final class StoreVerifier {
    private final Path storeRoot;
    private final HashedNTupleLayoutExtension layout;
    private final OcflRepository repo;
    private final IdMap idMap;
    private final ExecutorService workers;

    StoreVerifier(Path storeRoot, HashedNTupleLayoutExtension layout, OcflRepository repo, IdMap idMap,
            ExecutorService workers) {
        this.storeRoot = storeRoot;
        this.layout = layout;
        this.repo = repo;
        this.idMap = idMap;
        this.workers = workers;
    }

    /**
     * Checks every object the walk of the storage root finds, then the id map against what was found, and hands
     * every committed payload found in the records and observations files to {@code committed} (from the verifying
     * threads, several at once and in no particular order).
     */
    StoreCheck verify(Consumer<CommittedPayload> committed) {
        // Objects are checked as the walk of the storage root finds them (listing ~10,000 objects alone took as long
        // as checking a fifth of them); results are gathered by object id, so the report keeps the id order.
        Map<String, List<StoreProblem>> byObject = new java.util.TreeMap<>();
        Set<String> claimed = java.util.concurrent.ConcurrentHashMap.newKeySet();
        BitSet seen = new BitSet(idMap.size());
        boolean[] complete = {true};
        // A bounded window of objects in flight keeps memory flat however many objects the root holds.
        int window = 32;
        java.util.ArrayDeque<Future<ObjectCheck>> inFlight = new java.util.ArrayDeque<>();
        Consumer<Future<ObjectCheck>> collect = future -> {
            ObjectCheck check = finished(future);
            byObject.computeIfAbsent(check.key(), k -> new ArrayList<>()).addAll(check.problems());
            complete[0] &= check.complete();
            for (int p : check.seen()) {
                seen.set(p);
            }
        };
        try {
            ObjectRoots.find(storeRoot, path -> {
                if (inFlight.size() >= window) {
                    collect.accept(inFlight.poll());
                }
                inFlight.add(workers.submit(() -> checkRoot(path, claimed, committed)));
            });
        } catch (IOException e) {
            throw new StorageException("The OCFL storage root " + storeRoot + " could not be listed: "
                    + e.getMessage(), e);
        } finally {
            while (!inFlight.isEmpty()) {
                collect.accept(inFlight.poll());
            }
        }
        List<StoreProblem> problems = new ArrayList<>();
        byObject.values().forEach(problems::addAll);
        for (int p = 0; p < idMap.size(); p++) {
            if (!seen.get(p) && idMap.file(p) != IdMap.JOURNAL) {
                IdMap.FileRef f = idMap.fileAt(idMap.file(p));
                problems.add(new StoreProblem("idmap", "The id map entry for tweet <" + IdMap.tweetId(idMap.key(p))
                        + "> points at " + f.objectId() + " v" + f.version() + " " + f.logicalPath() + " byte "
                        + idMap.offset(p) + ", where the store holds no such payload."));
            }
        }
        return new StoreCheck(problems, complete[0]);
    }

    private static ObjectCheck finished(Future<ObjectCheck> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("Interrupted while verifying the archive.", e);
        } catch (ExecutionException e) {
            throw new StorageException("Verifying an object failed: " + e.getCause(), e.getCause());
        }
    }

    /**
     * Checks the object whose root the walk found at {@code path}: its inventory's id must be readable (else the
     * object cannot be checked, and its records files are not read), the storage layout must place that id here
     * (if not, the id is still checked where the layout places it), and an id is checked once however many roots
     * claim it.
     */
    private ObjectCheck checkRoot(String path, Set<String> claimed, Consumer<CommittedPayload> committed) {
        ObjectRoots.Found root = ObjectRoots.read(storeRoot, path);
        String objectId = root.objectId();
        if (objectId == null) {
            return new ObjectCheck(path, List.of(new StoreProblem(path, "This OCFL object root could not be checked. "
                    + root.problem())), new int[0], false);
        }
        List<StoreProblem> problems = new ArrayList<>();
        String placed = layout.mapObjectId(objectId);
        if (!placed.equals(path)) {
            problems.add(new StoreProblem(objectId, "Its inventory is in " + path
                    + ", but the storage layout places this object in " + placed + "."));
        }
        if (!claimed.add(objectId)) {
            return new ObjectCheck(objectId, problems, new int[0], true);
        }
        try {
            ObjectCheck check = checkObject(objectId, committed);
            problems.addAll(check.problems());
            return new ObjectCheck(objectId, problems, check.seen(), check.complete());
        } catch (RuntimeException e) {
            problems.add(new StoreProblem(objectId, "It could not be checked: " + e.getMessage()));
            return new ObjectCheck(objectId, problems, new int[0], false);
        }
    }

    /**
     * What checking one object found.
     *
     * @param key      the object id, or the object root's path when its id could not be read: the report's order
     * @param seen     id-map positions of the payloads found in the object (a few per object, not a bit per payload)
     * @param complete whether every records and observations file of the object could be read
     */
    private record ObjectCheck(String key, List<StoreProblem> problems, int[] seen, boolean complete) {}

    /** A byte range of a raw file that a line names, with the digest the line gives. */
    private record RangeCheck(RecordLine.Slice slice, String tweetId, String logical) {}

    private ObjectCheck checkObject(String objectId, Consumer<CommittedPayload> committed) {
        List<StoreProblem> problems = new ArrayList<>();
        boolean complete = true;
        java.util.stream.IntStream.Builder seen = java.util.stream.IntStream.builder();
        ValidationResults results = repo.validateObject(objectId, false);
        for (ValidationIssue issue : results.getErrors()) {
            problems.add(new StoreProblem(objectId, issue.getCode() + " " + issue.getMessage()));
        }
        for (ValidationIssue issue : results.getWarnings()) {
            problems.add(new StoreProblem(objectId, "warning " + issue.getCode() + " " + issue.getMessage()));
        }
        String objectRoot = layout.mapObjectId(objectId);
        String rootPrefix = objectRoot + "/";
        InventoryFiles inventory = InventoryFiles.read(storeRoot, objectRoot);
        Map<String, String> expected = new java.util.LinkedHashMap<>();
        for (int k = 1; k <= inventory.head(); k++) {
            for (InventoryFiles.File f : inventory.version(k).values()) {
                expected.putIfAbsent(f.storagePath(), f.sha512());
            }
        }
        Set<String> checked = new HashSet<>();
        int head = inventory.head();
        for (int k = 1; k <= head; k++) {
            Map<String, InventoryFiles.File> version = inventory.version(k);
            Map<String, List<RangeCheck>> ranges = new java.util.TreeMap<>();
            for (boolean observation : new boolean[] {false, true}) {
                String logical = (observation ? "observations/v" : "records/v") + k + ".jsonl";
                if (!version.containsKey(logical)) {
                    continue;
                }
                String storagePath = version.get(logical).storagePath();
                Path file = storeRoot.resolve(storagePath);
                if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    complete = false;
                    continue;
                }
                if (!checked.add(storagePath)) {
                    continue;
                }
                MessageDigest digest = OcflArchive.sha512();
                int versionNumber = k;
                String item = objectId + " " + logical;
                try {
                    OcflArchive.scanLines(file, digest, (offset, bytes, length) -> checkLine(objectId, versionNumber,
                            version, logical, observation, item, offset, bytes, length, ranges, problems, seen,
                            committed));
                } catch (StorageException e) {
                    problems.add(new StoreProblem(item, e.getMessage()));
                    complete = false;
                    continue;
                }
                compareDigest(objectId, storagePath.substring(rootPrefix.length()), HexFormat.of().formatHex(
                        digest.digest()), expected.get(storagePath), problems);
            }
            for (Map.Entry<String, List<RangeCheck>> e : ranges.entrySet()) {
                String storagePath = version.get(e.getKey()).storagePath();
                if (Files.isRegularFile(storeRoot.resolve(storagePath), LinkOption.NOFOLLOW_LINKS)
                        && checked.add(storagePath)) {
                    checkRaw(objectId, e.getKey(), storagePath, rootPrefix, e.getValue(), expected.get(storagePath),
                            problems);
                }
            }
        }
        for (Map.Entry<String, String> e : expected.entrySet()) {
            Path file = storeRoot.resolve(e.getKey());
            // Content is the file itself: a link (even dangling, which ocfl-java's listing counts as present), a FIFO
            // or a folder in its place is named, and never read (a FIFO would block, a link may lead anywhere).
            // One stat per content file, not following links: missing files are ocfl-java's to name.
            java.nio.file.attribute.BasicFileAttributes type = typeOf(file);
            if (type != null && !type.isRegularFile()) {
                problems.add(new StoreProblem(objectId, "Content file " + e.getKey().substring(rootPrefix.length())
                        + " is " + (type.isSymbolicLink() ? "a symbolic link" : type.isDirectory() ? "a folder"
                        : "a special file") + ", not a regular file."));
                complete = false;
                continue;
            }
            if (!checked.contains(e.getKey()) && type != null) {
                MessageDigest digest = OcflArchive.sha512();
                OcflArchive.scanLines(file, digest, (offset, bytes, length) -> { });
                compareDigest(objectId, e.getKey().substring(rootPrefix.length()),
                        HexFormat.of().formatHex(digest.digest()), e.getValue(), problems);
            }
        }
        return new ObjectCheck(objectId, problems, seen.build().toArray(), complete);
    }

    /** What is at {@code file} itself (a link is not followed), or null when nothing is, or it cannot be read. */
    private static java.nio.file.attribute.BasicFileAttributes typeOf(Path file) {
        try {
            return Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return null;
        }
    }

    private static void compareDigest(String objectId, String contentPath, String actual, String expected,
            List<StoreProblem> problems) {
        if (!actual.equalsIgnoreCase(expected)) {
            problems.add(new StoreProblem(objectId, "Content file " + contentPath + " has SHA-512 " + actual
                    + ", but the inventory says " + expected + "."));
        }
    }

    /** Reads a raw file once: its SHA-512 against the inventory, and the SHA-256 of every range a line names. */
    private void checkRaw(String objectId, String logical, String storagePath, String rootPrefix,
            List<RangeCheck> checks, String expectedSha512, List<StoreProblem> problems) {
        List<RangeCheck> sorted = new ArrayList<>(checks);
        sorted.sort(Comparator.comparingLong(c -> c.slice().offset()));
        Path file = storeRoot.resolve(storagePath);
        MessageDigest whole = OcflArchive.sha512();
        MessageDigest range = OcflArchive.sha256();
        int next = 0;
        long position = 0;
        long rangeEnd = -1;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate(OcflArchive.STAGE_BUFFER);
            int n;
            while ((n = ch.read(buf)) >= 0) {
                byte[] a = buf.array();
                whole.update(a, 0, n);
                long chunkEnd = position + n;
                while (next < sorted.size()) {
                    RecordLine.Slice s = sorted.get(next).slice();
                    long start = s.offset();
                    long end = s.offset() + s.length();
                    if (start < rangeEnd) {
                        // Overlapping ranges never come from the archive itself; check this one on its own.
                        checkRangeAlone(objectId, file, sorted.get(next), problems);
                        next++;
                        continue;
                    }
                    if (start >= chunkEnd) {
                        break;
                    }
                    long from = Math.max(start, position);
                    long to = Math.min(end, chunkEnd);
                    if (to > from) {
                        range.update(a, (int) (from - position), (int) (to - from));
                    }
                    if (end > chunkEnd) {
                        break;
                    }
                    compareRange(objectId, sorted.get(next), HexFormat.of().formatHex(range.digest()), problems);
                    rangeEnd = end;
                    next++;
                }
                position = chunkEnd;
                buf.clear();
            }
        } catch (IOException e) {
            problems.add(new StoreProblem(objectId + " " + logical, "The file could not be read: " + e.getMessage()));
            return;
        }
        for (; next < sorted.size(); next++) {
            RangeCheck c = sorted.get(next);
            problems.add(new StoreProblem(objectId + " " + logical, "The payload of tweet <" + c.tweetId()
                    + "> at byte " + c.slice().offset() + " (" + c.slice().length() + " bytes), named by "
                    + c.logical() + ", lies beyond the end of the file (" + position + " bytes)."));
        }
        compareDigest(objectId, storagePath.substring(rootPrefix.length()), HexFormat.of().formatHex(whole.digest()),
                expectedSha512, problems);
    }

    private void checkRangeAlone(String objectId, Path file, RangeCheck check, List<StoreProblem> problems) {
        try {
            byte[] bytes = OcflArchive.readRange(file, check.slice().offset(),
                    Math.toIntExact(check.slice().length()));
            compareRange(objectId, check, RawPayload.sha256Hex(bytes), problems);
        } catch (StorageException e) {
            problems.add(new StoreProblem(objectId + " " + check.slice().path(), e.getMessage()));
        }
    }

    private static void compareRange(String objectId, RangeCheck check, String actual, List<StoreProblem> problems) {
        RecordLine.Slice s = check.slice();
        if (!actual.equals(s.sha256())) {
            problems.add(new StoreProblem(objectId + " " + s.path(), "The payload of tweet <" + check.tweetId()
                    + "> at byte " + s.offset() + " (" + s.length() + " bytes) has SHA-256 " + actual + ", but "
                    + check.logical() + " says " + s.sha256() + "."));
        }
    }

    private void checkLine(String objectId, int version, Map<String, InventoryFiles.File> details, String logical,
            boolean observation,
            String item, long offset, byte[] bytes, int length, Map<String, List<RangeCheck>> ranges,
            List<StoreProblem> problems, java.util.stream.IntStream.Builder seen,
            Consumer<CommittedPayload> committed) {
        RecordLine line;
        try {
            line = RecordLine.parse(bytes, 0, length);
        } catch (IllegalArgumentException e) {
            problems.add(new StoreProblem(item, "The line at byte " + offset + " is not a valid records line: "
                    + e.getMessage()));
            return;
        }
        committed.accept(OcflArchive.committedPayload(objectId, version, line, observation));
        List<RecordLine.Slice> slices = new ArrayList<>();
        slices.add(line.raw());
        slices.addAll(line.context());
        for (RecordLine.Slice s : slices) {
            if (!details.containsKey(s.path())) {
                problems.add(new StoreProblem(item, "The line at byte " + offset + " names " + s.path()
                        + ", which version v" + version + " does not hold."));
            } else {
                ranges.computeIfAbsent(s.path(), x -> new ArrayList<>()).add(new RangeCheck(s, line.tweetId(), logical));
            }
        }
        String sha = line.raw().sha256();
        int p = sha.length() == 64 ? idMap.findDigest(IdMap.digestHi(sha), IdMap.digestLo(sha)) : -1;
        if (p < 0) {
            problems.add(new StoreProblem(item, "The payload of tweet <" + line.tweetId() + "> at line byte " + offset
                    + " (SHA-256 " + sha + ") is missing from the id map."));
            return;
        }
        seen.add(p);
        IdMap.FileRef f = idMap.file(p) == IdMap.JOURNAL ? null : idMap.fileAt(idMap.file(p));
        boolean agrees = f != null && f.objectId().equals(objectId) && f.version() == version
                && f.logicalPath().equals(logical) && idMap.offset(p) == offset && idMap.length(p) == length
                && IdMap.tweetId(idMap.key(p)).equals(line.tweetId()) && idMap.observation(p) == observation;
        if (!agrees) {
            problems.add(new StoreProblem(item, "The id map places the payload of tweet <" + line.tweetId()
                    + "> (SHA-256 " + sha + ") elsewhere than line byte " + offset + "."));
        }
    }
}
