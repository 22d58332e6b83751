package org.chancery.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import org.chancery.ChanceryException;
import org.chancery.StorageException;
import org.chancery.archive.RecordOffice;
import org.chancery.export.ExportFiles;
import org.chancery.export.ExportFormat;
import org.chancery.export.ExportRequest;
import org.chancery.export.ExportSummary;
import org.chancery.export.Exporter;
import org.chancery.retention.PolicySet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Export jobs asked for through the API, run one or two at a time on a small bounded pool owned by the server, at
 * background CPU priority ({@link BackgroundPriority}).
 * Each job writes under {@code DATA/exports/jobs/<jobId>/} through the export package's {@link Exporter} (so the
 * export is logged in the tamper-evident log exactly as the CLI's is); folder formats are zipped for download.
 * Jobs are kept in memory: after a restart their files remain but the server no longer knows them.
 */
final class ExportJobs implements AutoCloseable {
    /** Jobs running at once. */
    static final int WORKERS = 2;
    /** Jobs waiting beyond the running ones before new ones are refused with 503. */
    static final int QUEUE = 16;
    private static final Logger LOG = LoggerFactory.getLogger(ExportJobs.class);

    private final Path root;
    private final Exporter exporter;
    private final AuditLog audit;
    private final Clock clock;
    private final Duration stopTimeout;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, ExportJob> jobs = new ConcurrentHashMap<>();
    private final ThreadPoolExecutor pool;
    private final Lock readLock;

    /**
     * @param readLock held by each job while it runs; import jobs hold the write side, so that tweets do not change
     *                 under an export proving them against the checkpoint it started from
     */
    ExportJobs(Path root, RecordOffice office, PolicySet policies, AuditLog audit, Clock clock, Duration stopTimeout,
            Lock readLock) {
        this.root = root;
        this.readLock = readLock;
        this.exporter = new Exporter(office, office.retention(policies), clock);
        this.audit = audit;
        this.clock = clock;
        this.stopTimeout = stopTimeout;
        this.pool = new ThreadPoolExecutor(WORKERS, WORKERS, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE),
                BackgroundPriority.threads("chancery-export"));
    }

    /**
     * Queues an export of what {@code requester}'s role may see.
     *
     * @throws ApiProblem 503 when the queue is full or the server is stopping
     */
    ExportJob submit(Caller requester, String query, ExportFormat format, boolean zip, boolean bom) {
        byte[] b = new byte[16];
        random.nextBytes(b);
        String id = HexFormat.of().formatHex(b);
        ExportJob job = new ExportJob(id, requester, query, format, zip, clock.instant());
        Path dir = root.resolve(id);
        // Validated now so a bad request is a 400, not a failed job.
        ExportRequest request = new ExportRequest(query, format, dir.resolve(fileName(format, zip, id)),
                zip && format == ExportFormat.BAGIT, requester.name(), requester.role(), bom);
        jobs.put(id, job);
        try {
            pool.execute(() -> run(job, request));
        } catch (RejectedExecutionException e) {
            jobs.remove(id);
            throw new ApiProblem(503, "Export queue full", "The server already has " + QUEUE
                    + " export jobs waiting (or is stopping); try again later.");
        }
        return job;
    }

    /** The job, if the server knows it. */
    Optional<ExportJob> find(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(jobs.get(id));
    }

    private static String fileName(ExportFormat format, boolean zip, String id) {
        return switch (format) {
            case BAGIT -> zip ? "bag-" + id + ".zip" : "bag-" + id;
            case CSV -> "export-" + id + ".csv";
            case JSONL -> "export-" + id + ".jsonl";
            case WARC -> "export-" + id + ".warc.gz";
            case DAT -> "loadfile-" + id;
            case PDF -> "export-" + id + ".pdf";
        };
    }

    private void run(ExportJob job, ExportRequest request) {
        readLock.lock();
        try {
            runLocked(job, request);
        } finally {
            readLock.unlock();
        }
    }

    private void runLocked(ExportJob job, ExportRequest request) {
        job.started(clock.instant());
        step(job, "RUN", 202, -1);
        try {
            Files.createDirectories(request.out().getParent());
            ExportSummary summary = exporter.export(request, (written, decided, matches) -> {
                if (Thread.currentThread().isInterrupted()) {
                    throw new StorageException("Export job " + job.id() + " was stopped because the server is shutting down.");
                }
                job.progress(written, decided, matches);
            });
            Path download = summary.out();
            if (Files.isDirectory(download)) {
                Path zipped = download.resolveSibling(download.getFileName() + ".zip");
                ExportFiles.zip(download, zipped, download.getFileName().toString());
                ExportFiles.deleteTree(download);
                download = zipped;
            }
            job.done(clock.instant(), summary, download);
            step(job, "DONE", 200, summary.exported());
        } catch (ChanceryException | IOException e) {
            job.failed(clock.instant(), e.getMessage());
            step(job, "FAILED", 500, job.written());
        } catch (RuntimeException e) {
            LOG.error("Export job {} failed", job.id(), e);
            job.failed(clock.instant(), "The export failed unexpectedly; the failure is logged.");
            step(job, "FAILED", 500, job.written());
        }
    }

    /** An audit line for a step the job takes by itself, outside any request. */
    private void step(ExportJob job, String step, int status, long count) {
        try {
            audit.append(new AuditLog.Line(clock.instant(), job.requester().name(), job.requester().role().wireName(),
                    "JOB-" + step, "/exports/" + job.id(), "format=" + job.format().wireName(), status, count, null), AuditLog.Ack.FORCED);
        } catch (RuntimeException e) {
            LOG.error("Could not write the audit line for export job {} ({})", job.id(), step, e);
        }
    }

    /** Stops taking jobs, drops queued ones, lets running ones finish within the stop timeout, then interrupts them. */
    @Override
    public void close() {
        pool.shutdown();
        pool.getQueue().clear();
        try {
            if (!pool.awaitTermination(stopTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                pool.shutdownNow();
                pool.awaitTermination(stopTimeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
