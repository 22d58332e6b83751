package org.chancery.store;

import io.ocfl.api.DigestAlgorithmRegistry;
import io.ocfl.api.OcflOption;
import io.ocfl.api.OcflRepository;
import io.ocfl.api.model.ObjectDetails;
import io.ocfl.api.model.ObjectVersionId;
import io.ocfl.api.model.OcflVersion;
import io.ocfl.api.model.VersionDetails;
import io.ocfl.api.model.VersionInfo;
import io.ocfl.api.model.VersionNum;
import io.ocfl.core.OcflRepositoryBuilder;
import io.ocfl.core.extension.storage.layout.HashedNTupleLayoutExtension;
import io.ocfl.core.extension.storage.layout.config.HashedNTupleLayoutConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.chancery.ChanceryException;
import org.chancery.InvalidInputException;
import org.chancery.StorageException;
import org.chancery.record.Capture;
import org.chancery.record.RawPayload;
import org.chancery.record.Tweet;
import org.chancery.record.TweetJson;

/**
 * The archive on an OCFL 1.1 storage root, with a journal that makes {@code put} durable and cheap and an id
 * map that makes reads by tweet id take a constant number of file reads.
 *
 * <h2>On disk</h2>
 *
 * <pre>
 * store/                       OCFL 1.1 storage root, extension 0004-hashed-n-tuple-storage-layout
 *   0=ocfl_1.1, ocfl_layout.json, extensions/0004-hashed-n-tuple-storage-layout/config.json
 *   abc/def/123/&lt;sha256 of object id&gt;/   one OCFL object per account and calendar month (UTC) of createdAt,
 *                                         id urn:chancery:account:&lt;authorId&gt;:&lt;yyyy-MM&gt;
 *     0=ocfl_object_1.1, inventory.json, inventory.json.sha512       (sha512 content digests)
 *     vK/content/raw/vK.bin               raw payloads of the version, concatenated exactly as received
 *                                         (each capture's tweet payload, then its context payloads)
 *     vK/content/records/vK.jsonl         one line per tweet new to the archive (see below)
 *     vK/content/observations/vK.jsonl    one line per later payload of a tweet already archived
 *                                         (changed metrics, an edit, a deletion notice)
 * journal/journal.log          acknowledged captures not yet committed (see {@link Journal}); absent when empty
 * journal/lock                 held while a process has the archive open
 * idmap/idmap.bin              tweet id and raw digest index (see {@link IdMapFile}); rebuildable from store/
 * work/stage, work/ocfl        staging of new versions (ours, then ocfl-java's); emptied on open
 * </pre>
 *
 * <p>Every version K of an object adds the files named {@code …/vK.…} and nothing else, or, made by
 * {@link #addFiles}, only attachment files outside {@code raw/}, {@code records/} and {@code observations/}
 * (media, linked documents, their metadata); earlier files stay in the object's state untouched, so the head
 * state of an object is all its files. A records or observations line
 * is JSON: {@code {"tweetId","capturedAt","archivedAt","producer","raw":{"path","offset","length","sha256"},
 * "context":[{…}],"tweet":{…}}}, where {@code raw} and {@code context} give byte ranges of
 * {@code raw/vK.bin} with the SHA-256 of each range, and {@code tweet} is the normalized record as
 * {@link TweetJson} writes it. Each version's message names the producers of its batches; its user is
 * {@code chancery <urn:chancery:tool>}. An OCFL tool needs nothing from Chancery to read or validate the root.
 *
 * <h2>Guarantees</h2>
 * <ul>
 * <li>{@code put} returns after the batch's new payloads are appended to the journal and forced to disk (the
 * acknowledgement). A batch is archived whole or not at all.</li>
 * <li>The journal is committed to OCFL ("flushed") when it holds {@link StoreSettings#flushCaptures()} captures
 * or {@link StoreSettings#flushBytes()} bytes, on {@link #flush()} and on {@link #close()}: one new version per
 * touched object per flush. Order: OCFL commit of every touched object, fsync of each new version directory,
 * its files, the root inventory, sidecar and object root (and for a new object its parents), then the
 * {@link CommitListener}, then the id map append (fsynced), then removal of the journal.</li>
 * <li>On open, a journal left by a crash is replayed: touched objects are repaired to their last complete
 * version ({@link ObjectRepair}), versions committed but not yet indexed are indexed (and given to the
 * listener), and the remaining captures are committed. Replay is idempotent.</li>
 * <li>Idempotence: a raw payload (by SHA-256) is stored once, whether its twin is committed, in the journal or
 * earlier in the same batch. A new payload for a known tweet id is an observation.</li>
 * <li>After a failed flush the instance refuses writes; reopening recovers. After any crash the storage root
 * is valid OCFL and every acknowledged capture is retrievable byte for byte.</li>
 * <li>{@link #find} gives the latest archived payload of a tweet (committed or still in the journal) with two
 * positioned reads (its line, its raw range); {@link #history} gives all of them, original first. Raw bytes are
 * checked against their SHA-256 on every read.</li>
 * <li>The id map holds about 70 bytes per payload in memory; it is rebuilt from the records and observations
 * files when its file is missing or damaged.</li>
 * </ul>
 *
 * <p>Thread-safe: public methods are synchronized, except that reads by tweet id read committed content files
 * outside the lock (only finding the payload in the id map is done under it), so that many readers read at once.
 * Only one process may open the same directories (a lock file in the journal directory enforces it).
 */
public final class OcflArchive implements Archive {
    /** OCFL version user name. */
    public static final String USER_NAME = "chancery";
    /** OCFL version user address. */
    public static final String USER_ADDRESS = "urn:chancery:tool";
    /** {@link StorageLocation#version()} of a capture acknowledged but not yet committed to OCFL. */
    public static final String JOURNAL_VERSION = "journal";

    /**
     * Write and read buffer of a staged or verified file. Below half a G1 region (1 MB at a 1 GB heap): a commit
     * stages two files per object, and 1 MB buffers were "humongous" allocations, each forcing a young collection
     * (10–90 ms pauses every ~0.3 s during an import, which searches served meanwhile waited out).
     */
    static final int STAGE_BUFFER = 128 << 10;
    private static final int SYNC_THREADS = 16;

    private final StoreSettings settings;
    private final Clock clock;
    private final CommitListener listener;
    private final StorageIo io;
    private final TweetJson tweetJson = new TweetJson();
    /** Record files decoded ahead of the consumer in {@link #forEachRecord}, and threads decoding them. */
    private static final int DECODE_AHEAD_FILES = 4;
    private static final int MAX_DECODERS = 2;
    private final HashedNTupleLayoutExtension layout = new HashedNTupleLayoutExtension();
    private final Journal journal;
    private final IdMapFile idMapFile;
    private final ExecutorService workers;
    private final ExecutorService syncers;
    /** Content paths by object, version and logical path (a record key: no string is built per read by id). */
    private final Map<IdMap.FileRef, Path> contentPaths = new HashMap<>();
    private final RecentPath recentRecords = new RecentPath();
    private final RecentPath recentRaw = new RecentPath();
    /**
     * Content files kept open for reads by id. Reads over a large archive touch many files (two per object version):
     * an export in date order reads a month of every account at once, ~800 files per 1,000 records at 1M tweets, and
     * with 256 open it reopened a file for most records (1M export: 16.8k tweets/s with 256, 19.1k with 1,024, 22.1k
     * with 2,048, no better with 4,096). The JVM raises its descriptor limit to the hard limit at start (4,096 and
     * more on current Linux systems), which leaves room for Lucene's files and the server's sockets.
     */
    private static final int OPEN_FILES = 2048;
    private final Map<Path, FileChannel> openFiles = new java.util.LinkedHashMap<>(OPEN_FILES, 0.75f, true);
    private int openFileLimit = OPEN_FILES;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private OcflRepository repo;
    private IdMap idMap = new IdMap();
    /** Counts id map replacements (rebuilds, purges), so that a read outside the lock can tell the map changed. */
    private long idMapGeneration;

    private int[] pendingPayload = new int[1024];
    private int[] pendingObject = new int[1024];
    private int pendingCount;
    private final List<String> pendingObjects = new ArrayList<>();
    private final Map<String, Integer> pendingObjectIndex = new HashMap<>();
    /** Objects whose id-map head is known to match the store since this instance opened (see commitPending). */
    private final Set<String> headChecked = new HashSet<>();

    private RuntimeException failure;
    private boolean closed;
    private long stageCounter;

    /** Opens (creating if needed) the archive with the real file system. */
    public OcflArchive(StoreSettings settings, Clock clock, CommitListener listener) {
        this(settings, clock, listener, StorageIo.standard());
    }

    /**
     * Opens (creating if needed) the archive, replaying a journal left by a crash.
     *
     * @param io the file operations for the archive's own writes and fsyncs; tests inject failures here
     */
    public OcflArchive(StoreSettings settings, Clock clock, CommitListener listener, StorageIo io) {
        this.settings = settings;
        this.clock = clock;
        this.listener = listener;
        this.io = io;
        this.journal = new Journal(settings.journalDir(), io);
        this.idMapFile = new IdMapFile(settings.idMapDir(), io);
        this.layout.init(new HashedNTupleLayoutConfig());
        try {
            for (Path d : List.of(settings.storeRoot(), settings.journalDir(), settings.idMapDir(),
                    settings.workDir())) {
                Files.createDirectories(d);
            }
            Path lockFile = settings.journalDir().resolve("lock");
            lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock acquired;
            try {
                acquired = lockChannel.tryLock();
            } catch (java.nio.channels.OverlappingFileLockException e) {
                acquired = null;
            }
            lock = acquired;
            if (lock == null) {
                lockChannel.close();
                throw new StorageException("The archive at " + settings.storeRoot() + " is open in another process ("
                        + lockFile + " is locked).");
            }
        } catch (IOException e) {
            throw new StorageException("The archive directories under " + settings.storeRoot().getParent()
                    + " could not be prepared: " + e.getMessage(), e);
        }
        this.workers = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()),
                daemon("chancery-store"));
        // fsync mostly waits for the file system's journal; many at once share one journal commit.
        this.syncers = Executors.newFixedThreadPool(SYNC_THREADS, daemon("chancery-fsync"));
        try {
            open();
        } catch (RuntimeException e) {
            releaseResources();
            throw e;
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /** The OCFL object id for a tweet: its author and the calendar month (UTC) it was posted in. */
    public static String objectIdFor(Tweet tweet) {
        return AccountMonth.of(tweet).objectId();
    }

    private void open() {
        try {
            boolean newRoot = !Files.exists(settings.storeRoot().resolve("0=ocfl_1.1"));
            clearWorkDir();
            repo = new OcflRepositoryBuilder()
                    .defaultLayoutConfig(new HashedNTupleLayoutConfig())
                    .storage(s -> s.fileSystem(settings.storeRoot()))
                    .workDir(settings.workDir().resolve("ocfl"))
                    .ocflConfig(c -> c.setOcflVersion(OcflVersion.OCFL_1_1)
                            .setDefaultDigestAlgorithm(DigestAlgorithmRegistry.sha512))
                    .build();
            if (newRoot) {
                syncTree(settings.storeRoot());
                io.syncDirectory(settings.storeRoot().getParent());
            }
        } catch (IOException | RuntimeException e) {
            throw new StorageException("The OCFL storage root " + settings.storeRoot() + " could not be opened: "
                    + e.getMessage(), e);
        }
        loadIdMap();
        recover();
    }

    private void clearWorkDir() throws IOException {
        // The two staging folders are emptied rather than removed and made again, so that opening an archive whose
        // work folder is already clean (as for a verify) writes nothing.
        Set<Path> kept = Set.of(settings.workDir().resolve("ocfl"), settings.workDir().resolve("stage"));
        try (Stream<Path> children = Files.list(settings.workDir())) {
            for (Path p : children.toList()) {
                if (kept.contains(p) && Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    try (Stream<Path> staged = Files.list(p)) {
                        for (Path q : staged.toList()) {
                            ObjectRepair.deleteTree(q);
                        }
                    }
                } else {
                    ObjectRepair.deleteTree(p);
                }
            }
        }
        for (Path p : kept) {
            Files.createDirectories(p);
        }
    }

    private void loadIdMap() {
        if (Files.exists(staleMarker())) {
            // A purge did not finish rebuilding the map: it may still point into purged objects.
            rebuildIdMapNow();
            removeStaleMarker();
            return;
        }
        if (idMapFile.exists()) {
            try {
                IdMap loaded = new IdMap();
                idMapFile.load(loaded);
                idMap = loaded;
                return;
            } catch (IdMapFile.DamagedException e) {
                rebuildIdMapNow();
                return;
            } catch (IOException e) {
                throw new StorageException("The id map " + idMapFile.path() + " could not be read: " + e.getMessage(), e);
            }
        }
        if (!holdsObjects(settings.storeRoot())) {
            idMapFile.create();
            idMap = new IdMap();
        } else {
            rebuildIdMapNow();
        }
    }

    private static boolean holdsObjects(Path storeRoot) {
        try (Stream<Path> s = Files.list(storeRoot)) {
            // Object directories sit under three-hex-digit tuple directories; a fresh root holds only its own files.
            return s.anyMatch(p -> p.getFileName().toString().matches("[0-9a-f]{3}"));
        } catch (IOException e) {
            throw new StorageException("The storage root " + storeRoot + " could not be listed: " + e.getMessage(), e);
        }
    }

    /** One journal entry seen on replay. */
    private record Replayed(Journal.Ref ref, String tweetId, String objectId, String rawSha256) {}

    private void recover() {
        if (!journal.exists()) {
            return;
        }
        List<Replayed> entries = new ArrayList<>();
        journal.replay((ref, e) -> entries.add(new Replayed(ref, e.tweetId(), e.objectId(), e.rawSha256())));
        Set<String> touched = new TreeSet<>();
        entries.forEach(e -> touched.add(e.objectId()));
        ObjectRepair repair = new ObjectRepair(settings.storeRoot(), io);
        List<IdMapFile.Frame> frames = new ArrayList<>();
        List<CommittedPayload> caughtUp = new ArrayList<>();
        for (String objectId : touched) {
            try {
                repair.repair(objectId, objectRoot(objectId), idMap.indexedHead(objectId));
            } catch (IOException e) {
                throw new StorageException("OCFL object " + objectId + " could not be repaired after a crash: "
                        + e.getMessage(), e);
            }
            repo.invalidateCache(objectId);
            if (!repo.containsObject(objectId)) {
                continue;
            }
            ObjectDetails details = repo.describeObject(objectId);
            int head = (int) details.getHeadVersionNum().getVersionNum();
            for (int k = idMap.indexedHead(objectId) + 1; k <= head; k++) {
                frames.add(indexVersion(objectId, k, details.getVersion(VersionNum.fromInt(k)), caughtUp::add));
            }
        }
        if (!frames.isEmpty()) {
            listener.committed(List.copyOf(caughtUp));
            idMapFile.append(frames);
            frames.forEach(f -> IdMapFile.apply(f, idMap));
        }
        Set<String> seen = new HashSet<>();
        for (Replayed e : entries) {
            String sha = e.rawSha256();
            long hi = IdMap.digestHi(sha);
            long lo = IdMap.digestLo(sha);
            if (idMap.findDigest(hi, lo) >= 0 || !seen.add(sha)) {
                continue;
            }
            long key = IdMap.tweetKey(e.tweetId());
            boolean observation = idMap.first(key) >= 0;
            addPending(idMap.add(key, hi, lo, IdMap.JOURNAL, e.ref().offset(), e.ref().length(), observation),
                    e.objectId());
        }
        flush();
    }

    @Override
    public synchronized BatchResult put(Batch batch) {
        ensureWritable();
        Instant now = clock.instant();
        List<byte[]> encoded = new ArrayList<>();
        List<long[]> keys = new ArrayList<>();
        List<Boolean> observations = new ArrayList<>();
        List<String> objectIds = new ArrayList<>();
        Set<String> batchDigests = new HashSet<>();
        Set<Long> batchKeys = new HashSet<>();
        int added = 0;
        int observed = 0;
        int already = 0;
        for (Capture c : batch.captures()) {
            Tweet t = c.tweet();
            long key = IdMap.tweetKey(t.id());
            String sha = checkedDigest(c.raw(), t.id(), "raw payload");
            long hi = IdMap.digestHi(sha);
            long lo = IdMap.digestLo(sha);
            if (idMap.findDigest(hi, lo) >= 0 || !batchDigests.add(sha)) {
                already++;
                continue;
            }
            boolean observation = idMap.first(key) >= 0 | !batchKeys.add(key);
            List<byte[]> context = new ArrayList<>(c.context().size());
            List<String> contextSha = new ArrayList<>(c.context().size());
            for (RawPayload p : c.context()) {
                context.add(p.bytes());
                contextSha.add(checkedDigest(p, t.id(), "context payload"));
            }
            String objectId = objectIdFor(t);
            encoded.add(new JournalEntry(t.id(), objectId, now, t.provenance().capturedAt(), batch.producer(),
                    tweetJson.encode(t), c.raw().bytes(), sha, context, contextSha).encode());
            keys.add(new long[] {key, hi, lo});
            observations.add(observation);
            objectIds.add(objectId);
            if (observation) {
                observed++;
            } else {
                added++;
            }
        }
        if (!encoded.isEmpty()) {
            Journal.Ref[] refs;
            try {
                refs = journal.append(encoded);
            } catch (StorageException e) {
                if (journal.broken()) {
                    failure = e;
                }
                throw e;
            }
            for (int i = 0; i < refs.length; i++) {
                long[] k = keys.get(i);
                addPending(idMap.add(k[0], k[1], k[2], IdMap.JOURNAL, refs[i].offset(), refs[i].length(),
                        observations.get(i)), objectIds.get(i));
            }
        }
        if (pendingCount >= settings.flushCaptures() || journal.size() >= settings.flushBytes()) {
            flush();
        }
        return new BatchResult(added, observed, already);
    }

    private static String checkedDigest(RawPayload payload, String tweetId, String what) {
        String actual = RawPayload.sha256Hex(payload.bytes());
        if (!actual.equals(payload.sha256())) {
            throw new InvalidInputException("The " + what + " of tweet <" + tweetId + "> has SHA-256 " + actual
                    + " but claims " + payload.sha256() + "; the batch was not archived.");
        }
        return actual;
    }

    private void addPending(int payload, String objectId) {
        Integer index = pendingObjectIndex.get(objectId);
        if (index == null) {
            index = pendingObjects.size();
            pendingObjects.add(objectId);
            pendingObjectIndex.put(objectId, index);
        }
        if (pendingCount == pendingPayload.length) {
            pendingPayload = Arrays.copyOf(pendingPayload, pendingCount * 2);
            pendingObject = Arrays.copyOf(pendingObject, pendingCount * 2);
        }
        pendingPayload[pendingCount] = payload;
        pendingObject[pendingCount] = index;
        pendingCount++;
    }

    /** Number of acknowledged captures not yet committed to OCFL. */
    public synchronized int pendingCount() {
        return pendingCount;
    }

    /**
     * Commits everything in the journal to OCFL now (one new version per touched object) and removes the
     * journal. Does nothing when the journal is empty.
     *
     * @throws StorageException if a commit fails; the journal is kept, the instance refuses further writes, and
     *                          reopening the archive completes the commit
     */
    public synchronized void flush() {
        ensureWritable();
        if (pendingCount == 0) {
            if (journal.exists()) {
                journal.delete();
            }
            return;
        }
        try {
            commitPending();
        } catch (RuntimeException e) {
            failure = e;
            throw e instanceof ChanceryException ? e : new StorageException("Committing the journal "
                    + journal.path() + " to OCFL failed: " + e.getMessage()
                    + "; the journal is kept and will be committed when the archive is reopened.", e);
        }
    }

    /** What one object's new version holds. */
    private record Staged(IdMapFile.Frame frame, int[] payloads, int[] fileRefs, long[] offsets, int[] lengths,
            List<CommittedPayload> committed) {}

    private void commitPending() {
        Map<Integer, List<Integer>> byObject = new HashMap<>();
        for (int i = 0; i < pendingCount; i++) {
            byObject.computeIfAbsent(pendingObject[i], x -> new ArrayList<>()).add(i);
        }
        List<Integer> order = new ArrayList<>(byObject.keySet());
        order.sort(Comparator.comparing(pendingObjects::get));
        Instant now = clock.instant();
        long batchNumber = stageCounter++;
        List<Future<Staged>> futures = new ArrayList<>(order.size());
        List<String> objectIds = new ArrayList<>(order.size());
        List<Integer> versions = new ArrayList<>(order.size());
        for (int objectIndex : order) {
            catchUpAfterCrash(pendingObjects.get(objectIndex));
        }
        for (int objectIndex : order) {
            String objectId = pendingObjects.get(objectIndex);
            int version = idMap.indexedHead(objectId) + 1;
            int recordsRef = idMap.fileRef(objectId, version, "records/v" + version + ".jsonl");
            int observationsRef = idMap.fileRef(objectId, version, "observations/v" + version + ".jsonl");
            Path stage = settings.workDir().resolve("stage").resolve(batchNumber + "-" + objectIds.size());
            List<Integer> positions = byObject.get(objectIndex);
            objectIds.add(objectId);
            versions.add(version);
            // Objects are independent, so they are staged and committed in parallel; the result is the same in any order.
            futures.add(workers.submit(() -> commitObject(objectId, version, positions, now, recordsRef,
                    observationsRef, stage)));
        }
        List<Staged> staged = new ArrayList<>(order.size());
        List<Path> syncFiles = new ArrayList<>();
        List<Path> syncDirs = new ArrayList<>();
        StorageException failed = null;
        for (int i = 0; i < futures.size(); i++) {
            try {
                staged.add(futures.get(i).get());
                collectSyncPaths(objectIds.get(i), versions.get(i), syncFiles, syncDirs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failed = failed != null ? failed : new StorageException("Interrupted while committing the journal.", e);
            } catch (ExecutionException | IOException e) {
                Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
                if (failed == null) {
                    failed = new StorageException("Committing version v" + versions.get(i) + " of OCFL object "
                            + objectIds.get(i) + " failed: " + cause.getMessage() + "; the journal is kept and will "
                            + "be committed when the archive is reopened.", cause);
                }
            }
        }
        if (failed != null) {
            throw failed;
        }
        syncAll(syncFiles);
        syncAll(syncDirs);
        List<CommittedPayload> committed = new ArrayList<>(pendingCount);
        List<IdMapFile.Frame> frames = new ArrayList<>(staged.size());
        for (Staged s : staged) {
            committed.addAll(s.committed());
            frames.add(s.frame());
        }
        listener.committed(java.util.Collections.unmodifiableList(committed));
        idMapFile.append(frames);
        for (Staged s : staged) {
            for (int i = 0; i < s.payloads().length; i++) {
                idMap.relocate(s.payloads()[i], s.fileRefs()[i], s.offsets()[i], s.lengths()[i]);
            }
            idMap.setIndexedHead(s.frame().objectId(), s.frame().version());
        }
        journal.delete();
        pendingCount = 0;
        pendingObjects.clear();
        pendingObjectIndex.clear();
    }

    /**
     * Once per object and instance: when the store already holds the version after the id map's head, a crash
     * came between an {@link #addFiles} commit and its id-map append (the journal was empty then, so only file
     * versions can be missing); they are recorded before a tweet commit chooses its version number. Within one
     * instance addFiles records its version itself or refuses further writes, so one look per object suffices.
     */
    private void catchUpAfterCrash(String objectId) {
        if (!headChecked.add(objectId)) {
            return;
        }
        if (!Files.isDirectory(objectRoot(objectId).resolve("v" + (idMap.indexedHead(objectId) + 1)))) {
            return;
        }
        repo.invalidateCache(objectId);
        ObjectDetails details = repo.describeObject(objectId);
        catchUpFileVersions(objectId, details, (int) details.getHeadVersionNum().getVersionNum());
    }

    /** Stages and commits one object's new version; reads shared state only, so objects can run in parallel. */
    private Staged commitObject(String objectId, int version, List<Integer> positions, Instant now, int recordsRef,
            int observationsRef, Path stage) throws IOException {
        String rawPath = "raw/v" + version + ".bin";
        String recordsPath = "records/v" + version + ".jsonl";
        String observationsPath = "observations/v" + version + ".jsonl";
        Files.createDirectories(stage);
        int n = positions.size();
        int[] payloads = new int[n];
        int[] fileRefs = new int[n];
        long[] offsets = new long[n];
        int[] lengths = new int[n];
        List<IdMapFile.Entry> recordEntries = new ArrayList<>();
        List<IdMapFile.Entry> observationEntries = new ArrayList<>();
        List<CommittedPayload> recordPayloads = new ArrayList<>();
        List<CommittedPayload> observationPayloads = new ArrayList<>();
        Set<String> producers = new LinkedHashSet<>();
        StagedFile raw = new StagedFile(stage.resolve("raw.bin"));
        StagedFile records = null;
        StagedFile observations = null;
        try {
            for (int i = 0; i < n; i++) {
                int p = pendingPayload[positions.get(i)];
                JournalEntry e = journal.read(new Journal.Ref(idMap.offset(p), idMap.length(p)));
                long rawOffset = raw.size();
                raw.write(e.raw());
                List<RecordLine.Slice> context = new ArrayList<>(e.context().size());
                for (int c = 0; c < e.context().size(); c++) {
                    byte[] bytes = e.context().get(c);
                    context.add(new RecordLine.Slice(rawPath, raw.size(), bytes.length, e.contextSha256().get(c)));
                    raw.write(bytes);
                }
                RecordLine.Slice rawSlice = new RecordLine.Slice(rawPath, rawOffset, e.raw().length, e.rawSha256());
                byte[] line = RecordLine.encode(e.tweetId(), e.capturedAt(), e.archivedAt(), e.producer(), rawSlice,
                        context, e.tweetJson());
                boolean observation = idMap.observation(p);
                StagedFile target;
                if (observation) {
                    if (observations == null) {
                        observations = new StagedFile(stage.resolve("observations.jsonl"));
                    }
                    target = observations;
                } else {
                    if (records == null) {
                        records = new StagedFile(stage.resolve("records.jsonl"));
                    }
                    target = records;
                }
                long lineOffset = target.size();
                target.write(line);
                payloads[i] = p;
                fileRefs[i] = observation ? observationsRef : recordsRef;
                offsets[i] = lineOffset;
                lengths[i] = line.length - 1;
                IdMapFile.Entry entry = new IdMapFile.Entry(observation, idMap.key(p), lineOffset, line.length - 1,
                        HexFormat.of().parseHex(e.rawSha256()));
                CommittedPayload cp = new CommittedPayload(e.tweetId(), new StorageLocation(objectId, "v" + version,
                        rawPath, rawOffset, e.raw().length), e.rawSha256(), e.capturedAt(), observation);
                (observation ? observationEntries : recordEntries).add(entry);
                (observation ? observationPayloads : recordPayloads).add(cp);
                producers.add(e.producer());
            }
            String rawDigest = raw.finish();
            String recordsDigest = records == null ? null : records.finish();
            String observationsDigest = observations == null ? null : observations.finish();
            VersionInfo info = new VersionInfo()
                    .setMessage(message(producers))
                    .setUser(USER_NAME, USER_ADDRESS)
                    .setCreated(OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
            ObjectVersionId base = version == 1 ? ObjectVersionId.head(objectId)
                    : ObjectVersionId.version(objectId, version - 1);
            final StagedFile rec = records;
            final StagedFile obs = observations;
            ObjectVersionId done = repo.updateObject(base, info, u -> {
                u.unsafeAddPath(rawDigest, raw.path(), rawPath, OcflOption.MOVE_SOURCE);
                if (rec != null) {
                    u.unsafeAddPath(recordsDigest, rec.path(), recordsPath, OcflOption.MOVE_SOURCE);
                }
                if (obs != null) {
                    u.unsafeAddPath(observationsDigest, obs.path(), observationsPath, OcflOption.MOVE_SOURCE);
                }
            });
            if (done.getVersionNum().getVersionNum() != version) {
                throw new StorageException("OCFL object " + objectId + " received version " + done.getVersionNum()
                        + " where v" + version + " was expected; the id map is out of step with the storage root.");
            }
        } finally {
            closeQuietly(raw);
            closeQuietly(records);
            closeQuietly(observations);
            ObjectRepair.deleteTree(stage);
        }
        List<IdMapFile.Entry> entries = new ArrayList<>(recordEntries);
        entries.addAll(observationEntries);
        List<CommittedPayload> committed = new ArrayList<>(recordPayloads);
        committed.addAll(observationPayloads);
        return new Staged(new IdMapFile.Frame(objectId, version, entries), payloads, fileRefs, offsets, lengths,
                committed);
    }

    private static String message(Set<String> producers) {
        List<String> list = new ArrayList<>(producers);
        if (list.size() <= 5) {
            return String.join("; ", list);
        }
        return String.join("; ", list.subList(0, 5)) + "; and " + (list.size() - 5) + " more";
    }

    private static void closeQuietly(StagedFile f) {
        if (f != null) {
            f.closeQuietly();
        }
    }

    /** A staged content file written through {@link StorageIo}, with its SHA-512 computed on the way. */
    private final class StagedFile {
        private final Path path;
        private final FileChannel channel;
        private final ByteBuffer buffer = ByteBuffer.allocate(STAGE_BUFFER);
        private final MessageDigest sha512 = sha512();
        private long size;

        StagedFile(Path path) throws IOException {
            this.path = path;
            this.channel = io.open(path, EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
        }

        Path path() {
            return path;
        }

        long size() {
            return size;
        }

        void write(byte[] bytes) throws IOException {
            sha512.update(bytes);
            size += bytes.length;
            int at = 0;
            while (at < bytes.length) {
                int n = Math.min(buffer.remaining(), bytes.length - at);
                buffer.put(bytes, at, n);
                at += n;
                if (!buffer.hasRemaining()) {
                    drain();
                }
            }
        }

        private void drain() throws IOException {
            buffer.flip();
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            buffer.clear();
        }

        /** Writes what is buffered, closes the file and returns its SHA-512. */
        String finish() throws IOException {
            drain();
            channel.close();
            return HexFormat.of().formatHex(sha512.digest());
        }

        void closeQuietly() {
            try {
                channel.close();
            } catch (IOException e) {
                // The staged file is deleted with its directory; a failed close changes nothing archived.
            }
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    static MessageDigest sha512() {
        try {
            return MessageDigest.getInstance("SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-512 is required by every Java platform", e);
        }
    }

    private Path objectRoot(String objectId) {
        return settings.storeRoot().resolve(layout.mapObjectId(objectId));
    }

    private void collectSyncPaths(String objectId, int version, List<Path> files, List<Path> dirs) throws IOException {
        Path root = objectRoot(objectId);
        Path versionDir = root.resolve("v" + version);
        try (Stream<Path> walk = Files.walk(versionDir)) {
            for (Path p : walk.toList()) {
                (Files.isDirectory(p) ? dirs : files).add(p);
            }
        }
        files.add(root.resolve("inventory.json"));
        files.add(root.resolve("inventory.json.sha512"));
        dirs.add(root);
        if (version == 1) {
            files.add(root.resolve("0=ocfl_object_1.1"));
            for (Path d = root.getParent(); d != null && d.startsWith(settings.storeRoot()); d = d.getParent()) {
                dirs.add(d);
            }
        }
    }

    private void syncTree(Path root) throws IOException {
        List<Path> files = new ArrayList<>();
        List<Path> dirs = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.toList()) {
                (Files.isDirectory(p) ? dirs : files).add(p);
            }
        }
        syncAll(files);
        syncAll(dirs);
    }

    /** Forces every path, several at a time so that the file system can group the journal commits. */
    private void syncAll(List<Path> paths) {
        List<Path> unique = new ArrayList<>(new LinkedHashSet<>(paths));
        List<Callable<Void>> tasks = new ArrayList<>(unique.size());
        for (Path p : unique) {
            tasks.add(() -> {
                try {
                    if (Files.isDirectory(p)) {
                        io.syncDirectory(p);
                    } else {
                        io.syncFile(p);
                    }
                } catch (IOException e) {
                    throw new StorageException("Forcing " + p + " to disk failed: " + e.getMessage(), e);
                }
                return null;
            });
        }
        try {
            for (Future<Void> f : syncers.invokeAll(tasks)) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("Interrupted while forcing committed OCFL versions to disk.", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof StorageException se ? se
                    : new StorageException("Forcing committed OCFL versions to disk failed: " + cause, cause);
        }
    }

    /** Reads the records and observations lines of one version into an id-map frame. */
    private IdMapFile.Frame indexVersion(String objectId, int version, VersionDetails details,
            Consumer<CommittedPayload> payloads) {
        List<IdMapFile.Entry> entries = new ArrayList<>();
        for (boolean observation : new boolean[] {false, true}) {
            String logical = (observation ? "observations/v" : "records/v") + version + ".jsonl";
            if (!details.containsFile(logical)) {
                continue;
            }
            Path file = settings.storeRoot().resolve(details.getFile(logical).getStorageRelativePath());
            scanLines(file, (offset, bytes, length) -> {
                RecordLine line = RecordLine.parse(bytes, 0, length);
                entries.add(new IdMapFile.Entry(observation, IdMap.tweetKey(line.tweetId()), offset, length,
                        HexFormat.of().parseHex(line.raw().sha256())));
                payloads.accept(committedPayload(objectId, version, line, observation));
            });
        }
        return new IdMapFile.Frame(objectId, version, entries);
    }

    static CommittedPayload committedPayload(String objectId, int version, RecordLine line,
            boolean observation) {
        return new CommittedPayload(line.tweetId(), new StorageLocation(objectId, "v" + version, line.raw().path(),
                line.raw().offset(), line.raw().length()), line.raw().sha256(), line.capturedAt(), observation);
    }

    /** Receives each line of a JSONL file with its byte offset; the buffer is reused. */
    interface LineVisitor {
        void line(long offset, byte[] bytes, int length);
    }

    private static void scanLines(Path file, LineVisitor visitor) {
        scanLines(file, null, visitor);
    }

    /** Visits each line; {@code digest}, when given, receives every byte of the file. */
    static void scanLines(Path file, MessageDigest digest, LineVisitor visitor) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] line = new byte[8192];
            int length = 0;
            long offset = 0;
            long position = 0;
            byte[] chunk = new byte[1 << 16];
            int n;
            while ((n = in.read(chunk)) > 0) {
                if (digest != null) {
                    digest.update(chunk, 0, n);
                }
                // A Latin-1 view of the chunk lets String.indexOf find line ends with the JDK's vectorized search.
                String view = new String(chunk, 0, n, StandardCharsets.ISO_8859_1);
                int from = 0;
                while (from < n) {
                    int nl = view.indexOf('\n', from);
                    if (nl < 0) {
                        nl = n;
                    }
                    int take = nl - from;
                    if (length + take > line.length) {
                        line = Arrays.copyOf(line, Math.max(line.length * 2, length + take));
                    }
                    System.arraycopy(chunk, from, line, length, take);
                    length += take;
                    position += take;
                    if (nl < n) {
                        position++;
                        visitor.line(offset, line, length);
                        length = 0;
                        offset = position;
                    }
                    from = nl + 1;
                }
            }
            if (length > 0) {
                visitor.line(offset, line, length);
            }
        } catch (IOException e) {
            throw new StorageException("The file " + file + " could not be read: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<StoredTweet> find(String tweetId) {
        return latest(tweetId).map(r -> r.decode(tweetJson));
    }

    /**
     * {@link #find} with the tweet's canonical JSON exactly as the store holds it (what {@code TweetJson} wrote when
     * it was archived), so that a caller writing records out need not encode the tweet again.
     */
    public Optional<StoredTweetJson> findWithJson(String tweetId) {
        return latest(tweetId).map(r -> r.decodeWithJson(tweetJson));
    }

    /**
     * {@link #findWithJson} for many tweets, answered in the order of {@code tweetIds}: all are found in the id map
     * under one acquisition of the store's lock, then read, decoded and checked outside it, so that concurrent readers
     * of pages (an export's) take the lock once a page rather than once a tweet. Give the ids in log order to read
     * the content files sequentially.
     */
    public List<Optional<StoredTweetJson>> findAllWithJson(List<String> tweetIds) {
        List<Read> reads = readAll(() -> {
            List<Located> found = new ArrayList<>(tweetIds.size());
            for (String id : tweetIds) {
                int[] chain = chainOf(id);
                found.add(chain.length == 0 ? null : locate(chain[chain.length - 1]));
            }
            return found;
        });
        List<Optional<StoredTweetJson>> out = new ArrayList<>(reads.size());
        for (Read r : reads) {
            out.add(r == null ? Optional.empty() : Optional.of(r.decodeWithJson(tweetJson)));
        }
        return out;
    }

    /**
     * Whether the archive holds a payload of the tweet with this id, committed or still in the journal. Reads no
     * file: the id map answers.
     */
    public synchronized boolean holds(String tweetId) {
        ensureOpen();
        long key;
        try {
            key = IdMap.tweetKey(tweetId);
        } catch (InvalidInputException e) {
            return false;
        }
        return idMap.first(key) >= 0;
    }

    /**
     * A tweet's latest payload. Only finding it in the id map happens under the lock; the content files are read
     * outside it, so that concurrent readers (the API's request threads) do not queue behind each other's file reads,
     * and decoding and checking the bytes is left to the caller.
     */
    private Optional<Read> latest(String tweetId) {
        List<Read> reads = readAll(() -> {
            int[] chain = chainOf(tweetId);
            return chain.length == 0 ? List.of() : List.of(locate(chain[chain.length - 1]));
        });
        return reads.stream().findFirst();
    }

    /**
     * Every archived payload of a tweet in archive order: the original first, then each observation. Empty when
     * the archive does not hold the tweet.
     */
    public List<StoredTweet> history(String tweetId) {
        List<Read> reads = readAll(() -> {
            List<Located> found = new ArrayList<>();
            for (int p : chainOf(tweetId)) {
                found.add(locate(p));
            }
            return found;
        });
        List<StoredTweet> out = new ArrayList<>(reads.size());
        for (Read r : reads) {
            out.add(r.decode(tweetJson));
        }
        return out;
    }

    /**
     * Payloads found under the lock by {@code find} (null for none), read outside it. A purge (disposition) may
     * remove or replace a file between the two: when the id map changed meanwhile, whether the reads failed or not,
     * they are found again in the new map, which names only files that are there.
     */
    private List<Read> readAll(java.util.function.Supplier<List<Located>> find) {
        while (true) {
            List<Located> found;
            long generation;
            synchronized (this) {
                ensureOpen();
                generation = idMapGeneration;
                found = find.get();
            }
            try {
                List<Read> out = new ArrayList<>(found.size());
                for (Located l : found) {
                    out.add(l == null ? null : l.read());
                }
                synchronized (this) {
                    // A purge meanwhile may have let a read succeed on a file since written at the same path.
                    if (generation == idMapGeneration) {
                        return out;
                    }
                }
            } catch (RuntimeException e) {
                // Storage errors, and ocfl-java's own when a purged version is looked up for the raw file's path.
                synchronized (this) {
                    if (generation == idMapGeneration) {
                        throw e;
                    }
                }
            }
        }
    }

    private int[] chainOf(String tweetId) {
        long key;
        try {
            key = IdMap.tweetKey(tweetId);
        } catch (InvalidInputException e) {
            return new int[0];
        }
        return idMap.chain(key);
    }

    /** What {@link #read} took from the journal or a content file, not yet decoded or checked. */
    private sealed interface Read {
        StoredTweet decode(TweetJson tweetJson);

        /** The decoded tweet with its canonical JSON as the store holds it. */
        StoredTweetJson decodeWithJson(TweetJson tweetJson);
    }

    /** A payload still in the journal, already checked by the journal read. */
    private record JournalRead(Path journal, JournalEntry entry, StorageLocation location) implements Read {
        @Override
        public StoredTweet decode(TweetJson tweetJson) {
            RawPayload raw = RawPayload.of(entry.raw());
            if (!raw.sha256().equals(entry.rawSha256())) {
                throw new StorageException("The journal " + journal + " holds a payload of tweet <"
                        + entry.tweetId() + "> at byte " + location.offset() + " that no longer matches its SHA-256.");
            }
            return new StoredTweet(tweetJson.decode(entry.tweetJson()), raw, location);
        }

        @Override
        public StoredTweetJson decodeWithJson(TweetJson tweetJson) {
            return new StoredTweetJson(decode(tweetJson), entry.tweetJson());
        }
    }

    /** A committed payload: its records line and raw bytes from the object's content files. */
    private record ContentRead(String objectId, int version, RecordLine line, byte[] lineBytes, byte[] rawBytes)
            implements Read {
        @Override
        public StoredTweet decode(TweetJson tweetJson) {
            RecordLine.Slice slice = line.raw();
            RawPayload raw = RawPayload.of(rawBytes);
            if (!raw.sha256().equals(slice.sha256())) {
                throw new StorageException("The raw payload of tweet <" + line.tweetId() + "> in OCFL object "
                        + objectId + " " + slice.path() + " at byte " + slice.offset()
                        + " no longer matches its SHA-256; the store is damaged.");
            }
            Tweet tweet = tweetJson.decode(lineBytes, line.tweetStart(), line.tweetEnd() - line.tweetStart());
            return new StoredTweet(tweet, raw, new StorageLocation(objectId, "v" + version, slice.path(),
                    slice.offset(), slice.length()));
        }

        @Override
        public StoredTweetJson decodeWithJson(TweetJson tweetJson) {
            return new StoredTweetJson(decode(tweetJson), Arrays.copyOfRange(lineBytes, line.tweetStart(), line.tweetEnd()));
        }
    }

    /** Where a payload is, found under the lock; reading it may happen outside the lock. */
    @FunctionalInterface
    private interface Located {
        Read read();
    }

    /**
     * Finds a payload in the id map; under the lock, as the id map and the content-path memos are not thread-safe.
     * A payload still in the journal is read at once (the journal changes at each commit); a committed one is read
     * later, by {@link #readContent}.
     */
    private Located locate(int payload) {
        if (idMap.file(payload) == IdMap.JOURNAL) {
            Journal.Ref ref = new Journal.Ref(idMap.offset(payload), idMap.length(payload));
            JournalEntry e = journal.read(ref);
            JournalRead read = new JournalRead(journal.path(), e, new StorageLocation(e.objectId(), JOURNAL_VERSION,
                    Journal.FILE_NAME, ref.offset(), ref.length()));
            return () -> read;
        }
        IdMap.FileRef file = idMap.fileAt(idMap.file(payload));
        Path records = contentPath(file, file.logicalPath(), recentRecords);
        long offset = idMap.offset(payload);
        int length = idMap.length(payload);
        return () -> readContent(file, records, offset, length);
    }

    /** Reads a committed payload's records line and raw bytes; outside the lock but for two short cache lookups. */
    private Read readContent(IdMap.FileRef file, Path records, long offset, int length) {
        byte[] lineBytes = readShared(records, offset, length);
        RecordLine line;
        try {
            line = RecordLine.locate(lineBytes, 0, lineBytes.length);
        } catch (IllegalArgumentException e) {
            throw new StorageException("OCFL object " + file.objectId() + " " + file.logicalPath() + " has no valid "
                    + "records line at byte " + offset + ": " + e.getMessage(), e);
        }
        RecordLine.Slice slice = line.raw();
        Path raw;
        synchronized (this) {
            ensureOpen();
            raw = contentPath(file, slice.path(), recentRaw);
        }
        byte[] rawBytes = readShared(raw, slice.offset(), Math.toIntExact(slice.length()));
        return new ContentRead(file.objectId(), file.version(), line, lineBytes, rawBytes);
    }

    /** {@link #contentPath(String, int, String)} through a one-entry memo: reads in log order stay in one file. */
    private Path contentPath(IdMap.FileRef file, String logicalPath, RecentPath recent) {
        if (recent.file != file || !logicalPath.equals(recent.logicalPath)) {
            recent.path = contentPath(file.objectId(), file.version(), logicalPath);
            recent.file = file;
            recent.logicalPath = logicalPath;
        }
        return recent.path;
    }

    /** The content path last looked up for one kind of file (records, raw) of an id map file entry. */
    private static final class RecentPath {
        private IdMap.FileRef file;
        private String logicalPath;
        private Path path;

        void clear() {
            file = null;
            logicalPath = null;
            path = null;
        }
    }

    private Path contentPath(String objectId, int version, String logicalPath) {
        IdMap.FileRef key = new IdMap.FileRef(objectId, version, logicalPath);
        Path cached = contentPaths.get(key);
        if (cached != null) {
            return cached;
        }
        // The file's own place: this store writes each version's records and raw files as new content of that
        // version (vK/content/<logical path>, ocfl-java's default content directory and direct path mapping), so
        // the object's inventory, parsed and checked whole for each object (an export in date order touches every
        // object), is needed only when the file is not there: content deduplicated to an earlier version's file, or
        // a root written otherwise.
        // Only the store's own names are looked for there, so no other path can be made from a records line.
        String v = "v" + version;
        boolean ownName = logicalPath.equals("raw/" + v + ".bin") || logicalPath.equals("records/" + v + ".jsonl")
                || logicalPath.equals("observations/" + v + ".jsonl");
        Path own = ownName ? objectRoot(objectId).resolve(v).resolve("content").resolve(logicalPath) : null;
        if (own != null && Files.isRegularFile(own, LinkOption.NOFOLLOW_LINKS)) {
            contentPaths.put(key, own);
            return own;
        }
        VersionDetails details = repo.describeVersion(ObjectVersionId.version(objectId, version));
        if (!details.containsFile(logicalPath)) {
            throw new StorageException("OCFL object " + objectId + " version v" + version + " has no file "
                    + logicalPath + ", which the id map names.");
        }
        Path path = settings.storeRoot().resolve(details.getFile(logicalPath).getStorageRelativePath());
        contentPaths.put(key, path);
        return path;
    }

    /**
     * Reads a range of a content file through a small cache of open channels (content files never change once
     * committed). The cache is consulted and updated under the lock, the read itself runs outside it. A reader that
     * evicts a channel closes it, which fails a read in progress on it with a {@link ClosedChannelException}: that
     * read is repeated on a channel of its own.
     */
    private byte[] readShared(Path file, long offset, int length) {
        for (int attempt = 1; ; attempt++) {
            FileChannel ch;
            synchronized (this) {
                ensureOpen();
                ch = openFiles.get(file);
                if (ch != null && !ch.isOpen()) {
                    // Closed by an interrupted reader: FileChannel closes itself when its reading thread is interrupted.
                    openFiles.remove(file);
                    ch = null;
                }
            }
            boolean opened = ch == null;
            boolean kept = false;
            try {
                if (opened) {
                    ch = FileChannel.open(file, StandardOpenOption.READ);
                }
                byte[] bytes = readFully(ch, offset, length);
                if (opened) {
                    keepOpen(file, ch);
                    kept = true;
                }
                return bytes;
            } catch (IOException e) {
                boolean evicted = e instanceof ClosedChannelException && !(e instanceof ClosedByInterruptException);
                if (!evicted || attempt == 10) {
                    throw new StorageException("Reading " + length + " bytes at byte " + offset + " of " + file
                            + " failed: " + e, e);
                }
            } finally {
                if (opened && !kept) {
                    closeQuietly(ch);
                }
            }
        }
    }

    /** Adds a channel this reader opened to the cache, closing the least recently used one when it is full. */
    private void keepOpen(Path file, FileChannel ch) {
        FileChannel unused;
        synchronized (this) {
            if (closed || openFiles.containsKey(file)) {
                unused = ch;
            } else {
                unused = null;
                if (openFiles.size() >= openFileLimit) {
                    Map.Entry<Path, FileChannel> eldest = openFiles.entrySet().iterator().next();
                    openFiles.remove(eldest.getKey());
                    unused = eldest.getValue();
                }
                openFiles.put(file, ch);
            }
        }
        closeQuietly(unused);
    }

    /** Keeps at most {@code max} content files open; tests set a small limit to make readers evict each other's. */
    synchronized void limitOpenFiles(int max) {
        openFileLimit = max;
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException e) {
                // A read-only channel: closing it cannot lose data.
            }
        }
    }

    private static byte[] readFully(FileChannel ch, long offset, int length) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length);
        while (buf.hasRemaining()) {
            if (ch.read(buf, offset + buf.position()) < 0) {
                throw new IOException("the file ends before byte " + (offset + length));
            }
        }
        return buf.array();
    }

    static byte[] readRange(Path file, long offset, int length) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return readFully(ch, offset, length);
        } catch (IOException e) {
            throw new StorageException("Reading " + length + " bytes at byte " + offset + " of " + file
                    + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Visits every payload committed to OCFL, read from the records and observations files themselves (not the
     * id map): objects in id order, versions in order, records before observations, lines in order. Captures
     * still in the journal are not visited; {@link #flush()} first to include them.
     */
    public synchronized void forEachCommitted(Consumer<CommittedPayload> consumer) {
        ensureOpen();
        for (String objectId : sortedObjectIds()) {
            ObjectDetails details = repo.describeObject(objectId);
            int head = (int) details.getHeadVersionNum().getVersionNum();
            for (int k = 1; k <= head; k++) {
                indexVersion(objectId, k, details.getVersion(VersionNum.fromInt(k)), consumer);
            }
        }
    }

    /**
     * Visits the normalized record of every committed payload, originals and observations, in the order of
     * {@link #forEachCommitted}, so that a later state of a tweet comes after an earlier one of the same object.
     * Reads the records and observations files only; derived indexes are rebuilt from this.
     */
    public void forEachRecord(Consumer<Tweet> consumer) {
        forEachRecord(object -> true, consumer);
    }

    /**
     * As {@link #forEachRecord(Consumer)}, over the objects whose account and month {@code objects} accepts only (an
     * account's tweets, a period's): the others' files are not read.
     */
    public synchronized void forEachRecord(Predicate<AccountMonth> objects, Consumer<Tweet> consumer) {
        ensureOpen();
        // Decoding the JSON lines is most of a walk's cost: record files are read and decoded on other threads, a
        // few files ahead, while the caller consumes them here in the walk's order (a rebuild's result depends on it).
        // Few threads and few files ahead: a version's record file can hold a whole commit window of one
        // account-month, and decoded tweets are several times their JSON, so the look-ahead bounds the memory.
        int threads = Math.clamp(Runtime.getRuntime().availableProcessors() - 1, 1, MAX_DECODERS);
        ExecutorService decoders = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "chancery-record-decoder");
            t.setDaemon(true);
            return t;
        });
        java.util.ArrayDeque<Future<List<Tweet>>> ahead = new java.util.ArrayDeque<>();
        try {
            for (String objectId : sortedObjectIds()) {
                if (!AccountMonth.parse(objectId).map(objects::test).orElse(true)) {
                    continue;
                }
                ObjectDetails details = repo.describeObject(objectId);
                int head = (int) details.getHeadVersionNum().getVersionNum();
                for (int k = 1; k <= head; k++) {
                    VersionDetails version = details.getVersion(VersionNum.fromInt(k));
                    for (String kind : new String[] {"records/v", "observations/v"}) {
                        String logical = kind + k + ".jsonl";
                        if (version.containsFile(logical)) {
                            Path file = settings.storeRoot().resolve(version.getFile(logical).getStorageRelativePath());
                            ahead.add(decoders.submit(() -> decodeRecordFile(file)));
                            if (ahead.size() > DECODE_AHEAD_FILES) {
                                decoded(ahead.poll()).forEach(consumer);
                            }
                        }
                    }
                }
            }
            while (!ahead.isEmpty()) {
                decoded(ahead.poll()).forEach(consumer);
            }
        } finally {
            decoders.shutdownNow();
        }
    }

    /** The tweets of one record or observation file, in file order. */
    private List<Tweet> decodeRecordFile(Path file) {
        List<Tweet> tweets = new ArrayList<>();
        scanLines(file, (offset, bytes, length) -> {
            RecordLine line = RecordLine.parse(bytes, 0, length);
            tweets.add(tweetJson.decode(bytes, line.tweetStart(), line.tweetEnd() - line.tweetStart()));
        });
        return tweets;
    }

    private static List<Tweet> decoded(Future<List<Tweet>> file) {
        try {
            return file.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("Interrupted while reading the store's record files.", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException re ? re
                    : new StorageException("Reading a record file of the store failed: " + cause, cause);
        }
    }

    private List<String> sortedObjectIds() {
        try (Stream<String> ids = repo.listObjectIds()) {
            return ids.sorted().toList();
        }
    }

    /**
     * Rebuilds the id map from the OCFL root alone (commits the journal first). Used on open when the map file
     * is missing or damaged; the commit listener is not called.
     */
    public synchronized void rebuildIdMap() {
        flush();
        rebuildIdMapNow();
    }

    private void rebuildIdMapNow() {
        IdMap fresh = new IdMap();
        idMapFile.replace(sink -> {
            for (String objectId : sortedObjectIds()) {
                ObjectDetails details = repo.describeObject(objectId);
                int head = (int) details.getHeadVersionNum().getVersionNum();
                for (int k = 1; k <= head; k++) {
                    IdMapFile.Frame frame = indexVersion(objectId, k, details.getVersion(VersionNum.fromInt(k)),
                            p -> { });
                    IdMapFile.apply(frame, fresh);
                    sink.write(frame);
                }
            }
        });
        idMap = fresh;
        idMapGeneration++;
    }

    /**
     * Removes whole objects from the storage root, every version of them, for disposition. The journal is
     * committed first. The id map is rebuilt from what remains, so no entry points into a purged object; a
     * marker in the id map folder, fsynced before the first object goes, makes the next open rebuild it if the
     * process stops half-way. Objects the root does not hold are skipped.
     *
     * @return the ids of the objects actually purged
     */
    public synchronized List<String> purge(java.util.Collection<String> objectIds) {
        ensureWritable();
        flush();
        List<String> purged = new ArrayList<>();
        try {
            Path marker = staleMarker();
            try (FileChannel ch = io.open(marker, EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE))) {
                io.force(ch, marker);
            }
            io.syncDirectory(marker.getParent());
            for (String objectId : objectIds) {
                if (repo.containsObject(objectId)) {
                    Path root = objectRoot(objectId);
                    repo.purgeObject(objectId);
                    io.syncDirectory(existingAncestor(root));
                    purged.add(objectId);
                }
            }
            contentPaths.clear();
            recentRecords.clear();
            recentRaw.clear();
            // Open channels would keep purged files' bytes on disk, and could be read again for a later object
            // stored at the same path. A reader using one meanwhile finds it closed and looks the tweet up again.
            openFiles.values().forEach(OcflArchive::closeQuietly);
            openFiles.clear();
            rebuildIdMapNow();
            removeStaleMarker();
        } catch (IOException | RuntimeException e) {
            throw new StorageException("Purging objects " + objectIds + " from " + settings.storeRoot()
                    + " failed after " + purged + ": " + e.getMessage(), e);
        }
        return purged;
    }

    /** True when the storage root holds an object with this id. */
    public synchronized boolean holdsObject(String objectId) {
        ensureOpen();
        return repo.containsObject(objectId);
    }

    private Path staleMarker() {
        return settings.idMapDir().resolve("idmap.stale");
    }

    private void removeStaleMarker() {
        try {
            Files.deleteIfExists(staleMarker());
            io.syncDirectory(settings.idMapDir());
        } catch (IOException e) {
            throw new StorageException("The marker " + staleMarker() + " could not be removed: " + e.getMessage(), e);
        }
    }

    private static Path existingAncestor(Path p) {
        Path at = p;
        while (at != null && !Files.isDirectory(at)) {
            at = at.getParent();
        }
        return at;
    }

    /**
     * Checks the whole archive and returns every problem found (empty when all is well):
     * <ul>
     * <li>each OCFL object's structure with ocfl-java's validator (inventories, sidecars, version sequence, every
     * manifest file present and every content file declared);</li>
     * <li>every content file's SHA-512 against its inventory: done here rather than by ocfl-java's content
     * fixity check, which reads one byte per call (12 MB/s measured), in one sequential pass per file;</li>
     * <li>every records and observations line against the raw bytes it names (SHA-256 of each range);</li>
     * <li>the id map against the lines, both ways.</li>
     * </ul>
     * Objects are checked in parallel.
     */
    public synchronized List<StoreProblem> verify() {
        return verify(p -> { }).problems();
    }

    /**
     * {@link #verify()}, and hands every committed payload found in the records and observations files to
     * {@code committed}, so that a caller can match them against the log without walking the store again. The
     * consumer is called from the verifying threads, several at once and in no particular order.
     */
    public synchronized StoreCheck verify(Consumer<CommittedPayload> committed) {
        ensureOpen();
        return new StoreVerifier(settings.storeRoot(), layout, repo, idMap, workers).verify(committed);
    }

    /**
     * The context payloads (the exact bytes of the expansion objects it was joined with: author, media, place …)
     * of the latest archived payload of a tweet, each checked against its SHA-256. Empty when the archive does not
     * hold the tweet or the payload came without context.
     */
    public synchronized List<RawPayload> contextOf(String tweetId) {
        ensureOpen();
        int[] chain = chainOf(tweetId);
        if (chain.length == 0) {
            return List.of();
        }
        int payload = chain[chain.length - 1];
        List<RawPayload> out = new ArrayList<>();
        if (idMap.file(payload) == IdMap.JOURNAL) {
            JournalEntry e = journal.read(new Journal.Ref(idMap.offset(payload), idMap.length(payload)));
            e.context().forEach(bytes -> out.add(RawPayload.of(bytes)));
            return out;
        }
        IdMap.FileRef file = idMap.fileAt(idMap.file(payload));
        byte[] lineBytes = readShared(contentPath(file, file.logicalPath(), recentRecords),
                idMap.offset(payload), idMap.length(payload));
        for (RecordLine.Slice s : RecordLine.parse(lineBytes, 0, lineBytes.length).context()) {
            RawPayload p = RawPayload.of(readShared(contentPath(file.objectId(), file.version(), s.path()), s.offset(),
                    Math.toIntExact(s.length())));
            if (!p.sha256().equals(s.sha256())) {
                throw new StorageException("A context payload of tweet <" + tweetId + "> in OCFL object "
                        + file.objectId() + " " + s.path() + " at byte " + s.offset()
                        + " no longer matches its SHA-256; the store is damaged.");
            }
            out.add(p);
        }
        return out;
    }

    /**
     * Adds files to an existing object as one new version beside its tweets (media, linked documents and their
     * metadata). The journal is committed first, so that the version numbers of tweet commits stay in step. Files
     * whose logical path the object's head state already holds are skipped (callers name files by content digest);
     * when nothing is new no version is made. The new version is forced to disk and then recorded in the id map
     * (as a version with no tweet lines), so a later tweet commit continues after it and a rebuilt id map agrees.
     *
     * @return the new version's name ({@code v7}), or null when every file was already there
     * @throws InvalidInputException if the archive holds no object with this id
     * @throws StorageException      if the commit fails; the instance then refuses further writes
     */
    public synchronized String addFiles(String objectId, List<AttachedFile> files, String message) {
        ensureWritable();
        flush();
        if (!repo.containsObject(objectId)) {
            throw new InvalidInputException("The archive holds no OCFL object " + objectId + " to add files to.");
        }
        Path stage = settings.workDir().resolve("stage").resolve("files-" + stageCounter++);
        try {
            ObjectDetails details = repo.describeObject(objectId);
            int head = (int) details.getHeadVersionNum().getVersionNum();
            catchUpFileVersions(objectId, details, head);
            VersionDetails state = details.getHeadVersion();
            Map<String, AttachedFile> fresh = new java.util.LinkedHashMap<>();
            for (AttachedFile f : files) {
                if (!state.containsFile(f.logicalPath())) {
                    fresh.putIfAbsent(f.logicalPath(), f);
                }
            }
            if (fresh.isEmpty()) {
                return null;
            }
            int version = head + 1;
            Files.createDirectories(stage);
            Map<String, StagedFile> staged = new java.util.LinkedHashMap<>();
            Map<String, String> digests = new HashMap<>();
            try {
                int n = 0;
                for (AttachedFile f : fresh.values()) {
                    StagedFile sf = new StagedFile(stage.resolve(Integer.toString(n++)));
                    staged.put(f.logicalPath(), sf);
                    sf.write(f.bytes());
                    digests.put(f.logicalPath(), sf.finish());
                }
                VersionInfo info = new VersionInfo().setMessage(message).setUser(USER_NAME, USER_ADDRESS)
                        .setCreated(OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
                repo.updateObject(ObjectVersionId.version(objectId, head), info, u -> staged.forEach((logical, sf) ->
                        u.unsafeAddPath(digests.get(logical), sf.path(), logical, OcflOption.MOVE_SOURCE)));
            } finally {
                staged.values().forEach(OcflArchive::closeQuietly);
                ObjectRepair.deleteTree(stage);
            }
            List<Path> syncFiles = new ArrayList<>();
            List<Path> syncDirs = new ArrayList<>();
            collectSyncPaths(objectId, version, syncFiles, syncDirs);
            syncAll(syncFiles);
            syncAll(syncDirs);
            IdMapFile.Frame frame = new IdMapFile.Frame(objectId, version, List.of());
            idMapFile.append(List.of(frame));
            idMap.markFiles(objectId);
            idMap.setIndexedHead(objectId, version);
            return "v" + version;
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidInputException bad) {
                throw bad;
            }
            failure = e instanceof RuntimeException r ? r : new StorageException(e.getMessage(), e);
            throw new StorageException("Adding " + files.size() + " file(s) to OCFL object " + objectId + " failed: "
                    + e.getMessage() + "; reopen the archive to recover.", e);
        }
    }

    /**
     * Records in the id map the versions of an object committed after its last indexed one: after a crash between
     * an {@link #addFiles} commit and its id-map append, those can only be file versions (the journal is empty).
     */
    private void catchUpFileVersions(String objectId, ObjectDetails details, int head) {
        List<IdMapFile.Frame> frames = new ArrayList<>();
        for (int k = idMap.indexedHead(objectId) + 1; k <= head; k++) {
            frames.add(indexVersion(objectId, k, details.getVersion(VersionNum.fromInt(k)), p -> { }));
        }
        if (!frames.isEmpty()) {
            idMapFile.append(frames);
            frames.forEach(f -> IdMapFile.apply(f, idMap));
        }
    }

    /**
     * False when the object surely holds no files added by {@link #addFiles} (answered from the id map in memory,
     * without reading the object); true when it may. Lets readers of attachments skip most objects cheaply.
     */
    public synchronized boolean mayHoldAddedFiles(String objectId) {
        ensureOpen();
        // A file version committed just before a crash is not in the id map yet: take it in first.
        catchUpAfterCrash(objectId);
        return idMap.mayHoldFiles(objectId);
    }

    /** Logical paths in an object's head state that start with {@code prefix}, sorted; empty when no such object. */
    public synchronized List<String> listFiles(String objectId, String prefix) {
        ensureOpen();
        if (!repo.containsObject(objectId)) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (io.ocfl.api.model.FileDetails f : repo.describeVersion(ObjectVersionId.head(objectId)).getFiles()) {
            if (f.getPath().startsWith(prefix)) {
                out.add(f.getPath());
            }
        }
        out.sort(null);
        return out;
    }

    /**
     * The bytes of a file in an object's head state, checked against the SHA-512 of the inventory.
     *
     * @throws StorageException if the object or file does not exist, cannot be read or no longer matches
     */
    public synchronized byte[] readFile(String objectId, String logicalPath) {
        ensureOpen();
        VersionDetails head = repo.containsObject(objectId) ? repo.describeVersion(ObjectVersionId.head(objectId))
                : null;
        if (head == null || !head.containsFile(logicalPath)) {
            throw new StorageException("OCFL object " + objectId + " holds no file " + logicalPath + ".");
        }
        io.ocfl.api.model.FileDetails f = head.getFile(logicalPath);
        Path file = settings.storeRoot().resolve(f.getStorageRelativePath());
        try {
            byte[] bytes = Files.readAllBytes(file);
            String actual = HexFormat.of().formatHex(sha512().digest(bytes));
            if (!actual.equalsIgnoreCase(f.getFixity().get(DigestAlgorithmRegistry.sha512))) {
                throw new StorageException("The file " + logicalPath + " of OCFL object " + objectId + " has SHA-512 "
                        + actual + ", not the inventory's; the store is damaged.");
            }
            return bytes;
        } catch (IOException e) {
            throw new StorageException("Reading " + logicalPath + " of OCFL object " + objectId + " (" + file
                    + ") failed: " + e.getMessage(), e);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new StorageException("The archive at " + settings.storeRoot() + " is closed.");
        }
    }

    private void ensureWritable() {
        ensureOpen();
        if (failure != null) {
            throw new StorageException("The archive at " + settings.storeRoot() + " refuses writes after an earlier "
                    + "failure (" + failure.getMessage() + "); reopen it to recover.", failure);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        try {
            if (failure == null) {
                flush();
            }
        } finally {
            closed = true;
            releaseResources();
        }
    }

    private void releaseResources() {
        for (FileChannel ch : openFiles.values()) {
            try {
                ch.close();
            } catch (IOException e) {
                // Read-only channels: closing cannot lose data.
            }
        }
        openFiles.clear();
        journal.close();
        idMapFile.close();
        if (repo != null) {
            repo.close();
        }
        workers.shutdownNow();
        syncers.shutdownNow();
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            throw new StorageException("The archive lock in " + settings.journalDir() + " could not be released: "
                    + e.getMessage(), e);
        }
    }
}
