package org.chancery.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
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
 */
public final class Exporter {
    /** Records seen between progress reports. */
    private static final int PROGRESS = 10_000;
    /**
     * Records read and held at once (with raw payload and proof): bounded memory. The ids come from one index scan
     * in date order (doc values, no stored fields, no sort per page).
     */
    private static final int READ = 1_000;
    private final RecordOffice office;
    private final RetentionService retention;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();

    public Exporter(RecordOffice office, RetentionService retention, Clock clock) {
        this.office = office;
        this.retention = retention;
        this.clock = clock;
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
        Map<String, long[]> counts = new TreeMap<>();
        long exported = 0;
        long withheld = 0;
        String digest;
        try {
            if (request.zip()) {
                ExportFiles.deleteTree(written); // left by an export that crashed; never handed out
            }
            try (ExportSink sink = open(request, written, checkpoint, now);
                    IdScan scan = office.scanIds(request.query())) {
                long reported = 0;
                for (List<String> ids = scan.next(READ); !ids.isEmpty(); ids = scan.next(READ)) {
                    // A slice's records in memory at a time: read in log order, written in date order.
                    for (Optional<ProvenTweetJson> found : office.findAllWithJson(ids, checkpoint)) {
                        // The same decision RetentionService.decide(id) takes, on the tweet already read.
                        Optional<Decision> decision =
                                found.map(p -> retention.engine().decide(p.proven().stored().tweet(), now));
                        if (decision.isEmpty()) {
                            continue; // disposed of between search and read: never exported
                        }
                        long[] c = counts.computeIfAbsent(policyKey(decision.get()), k -> new long[2]);
                        if (!decision.get().visibleTo(request.role())) {
                            c[1]++;
                            withheld++;
                            continue;
                        }
                        sink.add(record(found.get(), checkpoint));
                        c[0]++;
                        exported++;
                    }
                    if (exported + withheld - reported >= PROGRESS) {
                        reported = exported + withheld;
                        progress.update(exported, reported, scan.total());
                    }
                }
                progress.update(exported, exported + withheld, scan.total());
                digest = sink.finish(new ExportTotals(request.query(), request.exportedBy(), request.role(), now,
                        exported, withheld, ExportSummary.copy(counts), checkpoint));
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
        long logIndex = office.recordExport(event(request, now, exported, withheld, digest, checkpoint));
        return new ExportSummary(request.format(), out, exported, withheld, ExportSummary.copy(counts), digest, now,
                logIndex);
    }

    private ExportedRecord record(ProvenTweetJson found, Checkpoint checkpoint) {
        ProvenTweet proven = found.proven();
        String id = proven.stored().tweet().id();
        ProvenTweet.Evidence evidence = proven.evidence().orElseThrow(() -> new StorageException(
                "Tweet <" + id + "> has no log entry inside the export's checkpoint of size " + checkpoint.size()
                        + ": it changed after the export began (export again), or the log lacks it (run chancery"
                        + " verify)."));
        return new ExportedRecord(proven.stored().tweet(), found.tweetJson(), proven.stored().raw().bytes(), proven.stored().raw().sha256(),
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
