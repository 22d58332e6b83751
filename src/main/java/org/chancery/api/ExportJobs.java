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
import org.chancery.api.Views.ExportJobView;
import org.chancery.archive.RecordOffice;
import org.chancery.export.ExportFiles;
import org.chancery.export.ExportFormat;
import org.chancery.export.ExportRequest;
import org.chancery.export.ExportSummary;
import org.chancery.export.Exporter;
import org.chancery.index.QuerySyntaxException;
import org.chancery.retention.PolicySet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Export jobs asked for through the API, run one or two at a time on a small bounded pool owned by the server, at
 * background CPU priority ({@link BackgroundPriority}).
 * Each job writes under {@code DATA/exports/jobs/<jobId>/} through the export package's {@link Exporter} (so the
 * export is logged in the tamper-evident log exactly as the CLI's is); folder formats are zipped for download. The
 * finished files stay there until someone removes them (there is no retention period for them); a job whose file is
 * gone answers 410 to a download.
 *
 * <p>Each job's status is saved under {@code DATA/jobs/exports/<jobId>.json} ({@link JobFiles}) when it is queued,
 * when it starts, at most once a second while it runs, and when it ends; a starting server loads them, so a finished
 * export can still be downloaded after a restart. One the server stopped before it ended is interrupted (a stopping
 * server ends its queued jobs so, and its running ones that outlast the stop timeout; a server that was killed leaves
 * the job's last saved status, which the next start turns into interrupted); the partial output of an interrupted
 * export is removed, as it is of no use.
 */
final class ExportJobs implements AutoCloseable {
    /** Jobs running at once. */
    static final int WORKERS = 2;
    /** Jobs waiting beyond the running ones before new ones are refused with 503. */
    static final int QUEUE = 16;
    private static final Logger LOG = LoggerFactory.getLogger(ExportJobs.class);

    private final Path root;
    private final JobFiles<ExportJobView> files;
    private final RecordOffice office;
    private final Exporter exporter;
    private final AuditLog audit;
    private final Clock clock;
    private final Duration stopTimeout;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, ExportJob> jobs = new ConcurrentHashMap<>();
    private final ThreadPoolExecutor pool;
    private final Lock readLock;
    /** Set when the stop timeout has passed and running jobs are interrupted: their failures are interruptions. */
    private volatile boolean interrupting;
    /** Set when the server begins to stop: no job is taken from then on. */
    private volatile boolean stopping;
    /**
     * Held while a job is admitted (checked against {@link #stopping} and made known) and while the stop begins: a job
     * is either refused or known to {@link #beginStop}, which then ends it.
     */
    private final Object admission = new Object();

    /**
     * @param root     where each job writes its export, in a folder of its own
     * @param statuses where each job's status is saved (see {@link JobFiles})
     * @param readLock held by each job while it runs; import jobs hold the write side, so that tweets do not change
     *                 under an export proving them against the checkpoint it started from
     */
    ExportJobs(Path root, Path statuses, RecordOffice office, PolicySet policies, AuditLog audit, Clock clock,
            Duration stopTimeout, Lock readLock) {
        this.root = root;
        this.files = new JobFiles<>(statuses, ExportJobView.class, "export job");
        this.readLock = readLock;
        this.office = office;
        this.exporter = new Exporter(office, office.retention(policies), clock);
        this.audit = audit;
        this.clock = clock;
        this.stopTimeout = stopTimeout;
        this.pool = new ThreadPoolExecutor(WORKERS, WORKERS, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE),
                BackgroundPriority.threads("chancery-export"));
        restore();
    }

    /**
     * Queues an export of what {@code requester}'s role may see.
     *
     * @throws ApiProblem 503 when the queue is full or the server is stopping
     */
    ExportJob submit(Caller requester, String query, ExportFormat format, boolean zip, boolean bom) {
        if (stopping) {
            throw stopping(); // before the request is validated: a stopping server answers every export alike
        }
        byte[] b = new byte[16];
        random.nextBytes(b);
        String id = HexFormat.of().formatHex(b);
        ExportJob job = new ExportJob(id, requester, query, format, zip, clock.instant());
        Path dir = root.resolve(id);
        // Validated now so a bad request is a 400, not a failed job.
        try {
            office.checkQuery(query);
        } catch (QuerySyntaxException e) {
            throw ApiProblem.badParameter("query", e.getMessage());
        }
        ExportRequest request = new ExportRequest(query, format, dir.resolve(fileName(format, zip, id)),
                zip && format == ExportFormat.BAGIT, requester.name(), requester.role(), bom);
        synchronized (admission) {
            if (stopping) {
                throw stopping();
            }
            jobs.put(id, job);
        }
        try {
            save(job);
        } catch (StorageException e) {
            jobs.remove(id);
            throw e;
        }
        try {
            pool.execute(() -> run(job, request));
        } catch (RejectedExecutionException e) {
            jobs.remove(id);
            files.remove(id);
            throw new ApiProblem(503, "Export queue full", "The server already has " + QUEUE
                    + " export jobs waiting (or is stopping); try again later.");
        }
        return job;
    }

    /** As the import jobs answer an upload that comes while the server stops. */
    private static ApiProblem stopping() {
        return new ApiProblem(503, "Server stopping", "The server is stopping; try again once it is back.");
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
        if (!job.started(clock.instant())) {
            return; // interrupted while it waited: the server is stopping
        }
        saveQuietly(job);
        step(job, "RUN", 202, -1);
        JobFiles.Pacer pacer = new JobFiles.Pacer();
        try {
            Files.createDirectories(request.out().getParent());
            ExportSummary summary = exporter.export(request, (written, decided, matches) -> {
                if (Thread.currentThread().isInterrupted()) {
                    throw new StorageException("Export job " + job.id() + " was stopped because the server is shutting down.");
                }
                job.progress(written, decided, matches);
                if (pacer.due()) {
                    saveQuietly(job);
                }
            });
            Path download = summary.out();
            if (Files.isDirectory(download)) {
                Path zipped = download.resolveSibling(download.getFileName() + ".zip");
                ExportFiles.zip(download, zipped, download.getFileName().toString());
                ExportFiles.deleteTree(download);
                download = zipped;
            }
            long bytes = Files.size(download);
            Path file = download;
            // The export is complete: an interruption now (the stop timeout passing) does not undo it.
            Uninterrupted.run(() -> {
                step(job, "DONE", 200, summary.exported());
                // Under the job's lock, a status request waits for the save: nobody sees an end a crash could take back.
                synchronized (job) {
                    job.done(clock.instant(), summary, file, bytes);
                    saveQuietly(job);
                }
            });
        } catch (IOException | RuntimeException e) {
            // An interruption surfaces in many shapes (the exporter's own stop, a closed channel, the read-ahead's
            // IllegalStateException): whatever the job ran into while the server interrupted it is that interruption.
            if (interrupting || Thread.currentThread().isInterrupted()) {
                LOG.info("Export job {} was interrupted by the server's stop: {}", job.id(), e.toString());
                interrupt(job, false, "The server stopped while this export ran, before it ended; it produced no"
                        + " file. Ask for the export again.");
            } else if (e instanceof ChanceryException || e instanceof IOException) {
                fail(job, e.getMessage());
            } else {
                LOG.error("Export job {} failed", job.id(), e);
                fail(job, "The export failed unexpectedly; the failure is logged.");
            }
        }
    }

    private void fail(ExportJob job, String why) {
        Uninterrupted.run(() -> {
            step(job, "FAILED", 500, job.written());
            synchronized (job) {
                job.failed(clock.instant(), why);
                saveQuietly(job);
            }
        });
    }

    /**
     * Ends a job the server's stop cut off, if it has not ended (and, with {@code queuedOnly}, has not started): saved
     * as interrupted, its partial output removed, its end audited.
     */
    private void interrupt(ExportJob job, boolean queuedOnly, String why) {
        // The thread may be the interrupted job's own, or a closing server's that was interrupted: the end is saved
        // and audited all the same.
        Uninterrupted.run(() -> {
            synchronized (job) {
                if (queuedOnly ? !job.interruptedBeforeStart(clock.instant(), why)
                        : !job.interrupted(clock.instant(), why)) {
                    return;
                }
                saveQuietly(job);
            }
            removeOutput(job);
            step(job, "INTERRUPTED", 503, job.written());
        });
    }

    private void removeOutput(ExportJob job) {
        try {
            ExportFiles.deleteTree(root.resolve(job.id()));
        } catch (IOException e) {
            LOG.warn("Could not remove the partial output of export job {} under {}: {}", job.id(), root,
                    e.getMessage());
        }
    }

    /**
     * Loads the jobs of earlier runs; a job its file shows unfinished (its server was killed) loses its partial output,
     * is saved as interrupted and its end written to the audit trail, once: the end line is written only after the
     * save succeeded, so a save that fails (the job stays unfinished on disk) does not add an end line at every
     * start. A crash between the save and the line loses that line; the job's status file still says interrupted.
     */
    private void restore() {
        for (Restored r : files.load((id, view) ->
                new Restored(ExportJob.restore(id, view, root.resolve(id)), view.status()))) {
            jobs.put(r.job.id(), r.job);
            if (!r.saved.equals(r.job.status().wireName())) {
                LOG.warn("Export job {} was {} when the server last stopped; it is now interrupted.", r.job.id(),
                        r.saved);
                removeOutput(r.job);
                if (saveQuietly(r.job)) {
                    step(r.job, "INTERRUPTED", 503, r.job.written());
                }
            }
        }
    }

    /** A job read from its status file, and the status the file held. */
    private record Restored(ExportJob job, String saved) {}

    /**
     * Saves the job's status as its status endpoint shows it.
     *
     * @throws StorageException when it cannot be written
     */
    private void save(ExportJob job) {
        job.saveTo(files);
    }

    /**
     * Saves the job's status; a failure is logged, and the job goes on (its steps are in the audit trail).
     *
     * @return whether it was saved
     */
    private boolean saveQuietly(ExportJob job) {
        try {
            save(job);
            return true;
        } catch (StorageException e) {
            LOG.error("Could not save the status of export job {}", job.id(), e);
            return false;
        }
    }

    /**
     * An audit line for a step the job takes by itself, outside any request; with the thread's interrupt flag cleared
     * ({@link Uninterrupted}), as a forced line is not waited for on an interrupted thread.
     */
    private void step(ExportJob job, String step, int status, long count) {
        Uninterrupted.run(() -> stepOnce(job, step, status, count));
    }

    private void stepOnce(ExportJob job, String step, int status, long count) {
        try {
            audit.append(new AuditLog.Line(clock.instant(), job.requester().name(), job.requester().role().wireName(),
                    "JOB-" + step, "/exports/" + job.id(), "format=" + job.format().wireName(), status, count, null), AuditLog.Ack.FORCED);
        } catch (RuntimeException e) {
            LOG.error("Could not write the audit line for export job {} ({})", job.id(), step, e);
        }
    }

    /**
     * Refuses new jobs and ends the queued ones as interrupted, at once: the server calls it before waiting for its
     * requests in flight and for the running import, so that no export starts on a server that is stopping.
     */
    void beginStop() {
        synchronized (admission) {
            stopping = true;
        }
        // A job a worker took but has not started (it waits for an import to end) is queued too: it returns at once.
        for (ExportJob job : jobs.values()) {
            interrupt(job, true, "The server stopped before this export started. Ask for the export again.");
        }
    }

    /**
     * Stops taking jobs, ends queued ones as interrupted, lets running ones finish within the stop timeout, then
     * interrupts them.
     */
    @Override
    public void close() {
        pool.shutdown();
        pool.getQueue().clear();
        beginStop();
        try {
            if (!pool.awaitTermination(stopTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                interrupting = true;
                pool.shutdownNow();
                pool.awaitTermination(stopTimeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            interrupting = true;
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
