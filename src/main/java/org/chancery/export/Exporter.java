package org.chancery.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.chancery.InvalidInputException;
import org.chancery.StorageException;
import org.chancery.archive.ProvenTweet;
import org.chancery.archive.ProvenTweetJson;
import org.chancery.archive.RecordOffice;
import org.chancery.archive.RetentionService;
import org.chancery.index.IdScan;
import org.chancery.ledger.Checkpoint;
import org.chancery.retention.Decision;
import org.chancery.retention.Schedule;

/**
 * Runs exports over an open record office: the query's matches, oldest first, page by page; each record's
 * retention decision now; only what the requester's role may see; every proof against the checkpoint current when
 * the export starts. The finished export is recorded in the log.
 *
 * <p>Reading (store, log, proofs, decisions) runs one page ahead on a thread of its own while the calling thread
 * writes the page before ({@link ReadAhead}); the pages are written in the order they were read, so the output is
 * the same as with one thread.
 */
public final class Exporter {
    /** Records seen between progress reports. */
    private static final int PROGRESS = 10_000;
    /**
     * Records read and held at once (with raw payload and proof): bounded memory. The ids come from one index scan
     * in date order (doc values, no stored fields, no sort per page).
     */
    private static final int READ = 1_000;
    /** Pages read ahead of the writer at most: two keep both threads busy without holding much more memory. */
    private static final int QUEUED = 2;
    /** Threads reading pages from the store and the log ahead of the decisions. */
    private static final int READERS = 2;
    private final RecordOffice office;
    private final RetentionService retention;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    private final int pageSize;
    private final int progressEvery;

    public Exporter(RecordOffice office, RetentionService retention, Clock clock) {
        this(office, retention, clock, READ, PROGRESS);
    }

    /** With other page and progress sizes, so tests can cross page boundaries and stop mid-way with few records. */
    Exporter(RecordOffice office, RetentionService retention, Clock clock, int pageSize, int progressEvery) {
        if (pageSize < 1 || progressEvery < 1) {
            throw new IllegalArgumentException("Page size and progress interval must be positive, got " + pageSize
                    + " and " + progressEvery + ".");
        }
        this.office = office;
        this.retention = retention;
        this.clock = clock;
        this.pageSize = pageSize;
        this.progressEvery = progressEvery;
    }

    /**
     * Writes the export and records it in the log.
     *
     * @throws InvalidInputException when the target exists or the archive has no checkpoint yet
     * @throws StorageException when writing fails (the partial export is removed)
     */
    public ExportSummary export(ExportRequest request) {
        return export(request, ExportProgress.NONE);
    }

    /**
     * Writes the export and records it in the log, telling {@code progress} every 10,000 matches and at the end how far it
     * got. A progress listener may stop the export by throwing; the partial export is then removed.
     *
     * @throws InvalidInputException when the target exists or the archive has no checkpoint yet
     * @throws StorageException when writing fails (the partial export is removed)
     */
    public ExportSummary export(ExportRequest request, ExportProgress progress) {
        Path out = request.out();
        if (Files.exists(out, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new InvalidInputException("The export target " + out + " already exists; give a new path.");
        }
        office.commit();
        Checkpoint checkpoint = office.latestCheckpoint().orElseThrow(() -> new InvalidInputException(
                "The archive has no signed checkpoint yet, so nothing can be proved; import tweets first."));
        Instant now = clock.instant();
        String name = out.getFileName().toString();
        Path written = request.zip()
                ? out.resolveSibling(name + ".partial")
                : out;
        Tally tally = new Tally();
        String digest;
        try {
            if (request.zip()) {
                ExportFiles.deleteTree(written); // left by an export that crashed; never handed out
            }
            try (ExportSink sink = open(request, written, checkpoint, now);
                    IdScan scan = office.scanIds(request.query());
                    ReadAhead<Page> pages = new ReadAhead<>("chancery-export-read", QUEUED,
                            handoff -> read(scan, request, checkpoint, now, tally, handoff))) {
                long reported = 0;
                for (Page page; (page = pages.next()) != null; ) {
                    for (ExportedRecord r : page.records()) {
                        sink.add(r);
                    }
                    if (page.seen() - reported >= progressEvery) {
                        reported = page.seen();
                        progress.update(page.exported(), reported, scan.total());
                    }
                }
                progress.update(tally.exported, tally.exported + tally.withheld, scan.total());
                digest = sink.finish(new ExportTotals(request.query(), request.exportedBy(), request.role(), now,
                        tally.exported, tally.withheld, ExportSummary.copy(tally.counts), checkpoint));
            }
            if (request.zip()) {
                ExportFiles.zip(written, out, name.endsWith(".zip") ? name.substring(0, name.length() - 4) : name);
                ExportFiles.deleteTree(written);
            }
        } catch (IOException | RuntimeException e) {
            removeQuietly(written, e);
            if (request.zip()) {
                removeQuietly(out, e);
            }
            if (e instanceof IOException io) {
                throw new StorageException("Could not write the export " + out + ": " + io.getMessage(), io);
            }
            throw (RuntimeException) e;
        }
        long logIndex = office.recordExport(event(request, now, tally.exported, tally.withheld, digest, checkpoint));
        return new ExportSummary(request.format(), out, tally.exported, tally.withheld,
                ExportSummary.copy(tally.counts), digest, now, logIndex);
    }

    /**
     * One page of records to write, with how many matches were exported and seen (exported or withheld) up to its
     * end, for progress reports.
     */
    private record Page(List<ExportedRecord> records, long exported, long seen) {}

    /** Counts kept by the reading thread; the writing thread reads them once the last page has been handed over. */
    private static final class Tally {
        private final Map<String, long[]> counts = new TreeMap<>();
        private long exported;
        private long withheld;
    }

    /**
     * Reads the matches page by page and hands over what the requester may see, with its proof; runs on the
     * read-ahead thread, so it touches nothing the writing thread uses. The store and log reads of the next pages run
     * on {@value #READERS} more threads (the store and the log are safe for concurrent readers); decisions are taken
     * here, in page order.
     */
    private void read(IdScan scan, ExportRequest request, Checkpoint checkpoint, Instant now, Tally tally,
            ReadAhead.Handoff<Page> out) throws InterruptedException {
        java.util.concurrent.ExecutorService readers = java.util.concurrent.Executors.newFixedThreadPool(READERS,
                r -> {
                    Thread t = new Thread(r, "chancery-export-store");
                    t.setDaemon(true);
                    return t;
                });
        java.util.ArrayDeque<java.util.concurrent.Future<List<Optional<ProvenTweetJson>>>> pending =
                new java.util.ArrayDeque<>();
        try {
            boolean more = true;
            while (more || !pending.isEmpty()) {
                while (more && pending.size() < READERS) {
                    List<String> ids = scan.next(pageSize);
                    if (ids.isEmpty()) {
                        more = false;
                    } else {
                        pending.add(readers.submit(() -> office.findAllWithJson(ids, checkpoint)));
                    }
                }
                if (pending.isEmpty()) {
                    break;
                }
                if (!out.put(decide(result(pending.poll()), request, checkpoint, now, tally))) {
                    return;
                }
            }
        } finally {
            // Never interrupted (see ReadAhead): the running reads finish, the queued ones are dropped.
            pending.forEach(f -> f.cancel(false));
            readers.shutdown();
            boolean interrupted = false;
            while (!readers.isTerminated()) {
                try {
                    readers.awaitTermination(1, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A page's reads, waited for; their failure thrown as it was thrown. */
    private static <T> T result(java.util.concurrent.Future<T> read) throws InterruptedException {
        try {
            return read.get();
        } catch (java.util.concurrent.ExecutionException e) {
            switch (e.getCause()) {
                case RuntimeException r -> throw r;
                case Error err -> throw err;
                default -> throw new IllegalStateException("Reading a page of the export failed: " + e.getMessage(), e);
            }
        }
    }

    /** The page's records the requester may see, counting every decision. */
    private Page decide(List<Optional<ProvenTweetJson>> read, ExportRequest request, Checkpoint checkpoint,
            Instant now, Tally tally) {
        List<ExportedRecord> page = new ArrayList<>(read.size());
        for (Optional<ProvenTweetJson> found : read) {
            // The same decision RetentionService.decide(id) takes, on the tweet already read.
            Optional<Decision> decision = found.map(p -> retention.engine().decide(p.proven().stored().tweet(), now));
            if (decision.isEmpty()) {
                continue; // disposed of between search and read: never exported
            }
            long[] c = tally.counts.computeIfAbsent(policyKey(decision.get()), k -> new long[2]);
            if (!decision.get().visibleTo(request.role())) {
                c[1]++;
                tally.withheld++;
                continue;
            }
            page.add(record(found.get(), checkpoint));
            c[0]++;
            tally.exported++;
        }
        return new Page(page, tally.exported, tally.exported + tally.withheld);
    }

    private ExportedRecord record(ProvenTweetJson found, Checkpoint checkpoint) {
        ProvenTweet proven = found.proven();
        String id = proven.stored().tweet().id();
        ProvenTweet.Evidence evidence = proven.evidence().orElseThrow(() -> new StorageException(
                "Tweet <" + id + "> has no log entry inside the export's checkpoint of size " + checkpoint.size()
                        + ": it changed after the export began (export again), or the log lacks it (run chancery"
                        + " verify)."));
        String sha256 = proven.stored().raw().sha256();
        if (!evidence.entry().contains("\"sha256\":\"" + sha256 + "\"")) {
            // The log entry proves another payload of the tweet than the one read: never a bag that does not verify.
            throw new StorageException("Tweet <" + id + ">'s payload (SHA-256 " + sha256 + ") is not the one its log"
                    + " entry " + evidence.leafIndex() + " names: it changed after the export began (export again).");
        }
        return new ExportedRecord(proven.stored().tweet(), found.tweetJson(), proven.stored().raw().bytes(), sha256,
                evidence.leafIndex(), evidence.entry(), evidence.proof());
    }

    /** {@code <policy id> v<version>}, or {@code unscheduled}. */
    static String policyKey(Decision d) {
        return switch (d.schedule()) {
            case Schedule.Scheduled s -> s.policy().id() + " v" + s.policy().version();
            case Schedule.Unscheduled u -> "unscheduled";
        };
    }

    private ExportSink open(ExportRequest r, Path out, Checkpoint checkpoint, Instant now) throws IOException {
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        return switch (r.format()) {
            case BAGIT -> new BagExport(out, checkpoint, office.verifierKey(), now, r.query());
            case CSV -> new CsvExport(out, r.bom());
            case JSONL -> new JsonlExport(out);
            case WARC -> new WarcExport(out, now, r.query());
            case DAT -> new DatExport(out);
            case PDF -> new PdfExport(out);
        };
    }

    private byte[] event(ExportRequest r, Instant now, long exported, long withheld, String digest,
            Checkpoint checkpoint) {
        ObjectNode e = json.createObjectNode();
        e.put("type", "export");
        e.put("format", r.format().wireName());
        e.put("query", r.query());
        e.put("role", r.role().wireName());
        e.put("exportedBy", r.exportedBy());
        e.put("exportedAt", now.toString());
        e.put("records", exported);
        e.put("withheld", withheld);
        e.put("sha256", digest);
        e.put("sha256Of", r.format() == ExportFormat.BAGIT ? "tagmanifest-sha256.txt"
                : r.format() == ExportFormat.DAT ? DatExport.DAT : "the export file");
        e.put("checkpointSize", checkpoint.size());
        try {
            return json.writeValueAsBytes(e);
        } catch (IOException x) {
            throw new StorageException("Could not encode the export event: " + x.getMessage(), x);
        }
    }

    private static void removeQuietly(Path path, Exception failure) {
        try {
            ExportFiles.deleteTree(path);
        } catch (IOException suppressed) {
            failure.addSuppressed(suppressed);
        }
    }
}
