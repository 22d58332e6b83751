package org.chancery.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.stream.Stream;
import org.chancery.InvalidInputException;
import org.chancery.StorageException;
import org.chancery.api.Views.ImportJobView;
import org.chancery.archive.RecordOffice;
import org.chancery.capture.FormatDetector;
import org.chancery.capture.Importers;
import org.chancery.capture.Rejection;
import org.chancery.export.ExportFiles;
import org.chancery.record.SourceFormat;
import org.chancery.store.ArchivingSink;
import org.chancery.store.BatchResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports of uploaded collector files while the server runs (only one process may have the archive open, so this is
 * how tweets reach a served archive). An upload is kept under {@code DATA/imports/jobs/<jobId>/} until its job ends,
 * then removed: what it held is in the store. Jobs run one at a time, in order, on one thread at background CPU
 * priority ({@link BackgroundPriority}), through the same importers and archive path as {@code chancery import}:
 * records acknowledged in batches, then the journal committed to OCFL and the index committed. A file that breaks
 * off (truncated, unreadable) keeps what was read before the break, as the CLI does, and its job fails saying so.
 *
 * <p>Each job's status is saved under {@code DATA/jobs/imports/<jobId>.json} ({@link JobFiles}) when it is queued,
 * when it starts, at most once a second while it runs, and when it ends; a starting server loads them, so a job stays
 * known across restarts. While a job runs, its {@code result} counts what the archive has acknowledged (whole batches
 * it returned from) and {@code read} what the importer has read, which may be up to two batches more (one pending, one
 * being written): so the counts a killed server leaves never claim more than the archive holds. One the server
 * stopped before it ended is interrupted: a stopping server ends its running job so, with the counts of what the
 * archive acknowledged, and a server that was killed leaves the job's last saved status, which the next start turns
 * into interrupted.
 *
 * <p>Import jobs hold {@code writeLock} while they run and export jobs its read side, so an export, which proves its
 * records against the checkpoint it starts from, never sees tweets change under it. A stopping server lets the running
 * job acknowledge what it read and end (the journal is committed when the archive is next opened); queued uploads are
 * dropped, and uploads a crash left behind are removed when the server starts.
 */
final class ImportJobs implements AutoCloseable {
    /** Jobs waiting behind the running one before new uploads are refused with 503. */
    static final int QUEUE = 16;
    /** Largest upload accepted; larger ones get 413 (import bigger files with the CLI while the server is stopped). */
    static final long MAX_UPLOAD_BYTES = 4L << 30;
    /** How long a stopping server waits for the running job to acknowledge what it read. */
    private static final Duration STOP_WAIT = Duration.ofMinutes(5);
    private static final int BATCH_SIZE = 5_000;
    private static final int PROGRESS_EVERY = 1_000;
    private static final Logger LOG = LoggerFactory.getLogger(ImportJobs.class);

    /** The audit status of a job whose upload could not be read (empty, unknown format, malformed): the client's. */
    static final int UNREADABLE_FILE = 422;

    private final Path root;
    private final JobFiles<ImportJobView> files;
    private final RecordOffice office;
    private final AuditLog audit;
    private final Clock clock;
    private final Lock writeLock;
    private final long maxUploadBytes;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, ImportJob> jobs = new ConcurrentHashMap<>();
    /** Uploads being received, waiting or running: taken before an upload is written, so the disk holds at most this many. */
    private final Semaphore slots = new Semaphore(QUEUE + 1);
    private final ThreadPoolExecutor pool;
    private volatile boolean stopping;

    /**
     * @param root       where uploads are kept while their jobs wait and run
     * @param statuses   where each job's status is saved (see {@link JobFiles})
     * @param writeLock  held by each job while it runs; export jobs hold the read side of the same lock
     */
    ImportJobs(Path root, Path statuses, RecordOffice office, AuditLog audit, Clock clock, Lock writeLock,
            long maxUploadBytes) {
        this.root = root;
        this.files = new JobFiles<>(statuses, ImportJobView.class, "import job");
        this.office = office;
        this.audit = audit;
        this.clock = clock;
        this.writeLock = writeLock;
        this.maxUploadBytes = maxUploadBytes;
        removeLeftovers(root);
        restore();
        // The slots bound the queue; the executor's own queue never refuses.
        this.pool = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                BackgroundPriority.threads("chancery-import"));
    }

    /**
     * Stores the upload and queues its import.
     *
     * @param declaredBytes the request's Content-Length, or -1 when not given
     * @param format        the format named by the requester, or null to detect it
     * @throws ApiProblem 413 when the upload is larger than the limit, 503 when the queue is full or the server is
     *                    stopping
     */
    ImportJob submit(Caller requester, String fileName, SourceFormat format, long declaredBytes, InputStream body) {
        if (declaredBytes > maxUploadBytes) {
            throw tooLarge();
        }
        if (stopping || !slots.tryAcquire()) {
            throw new ApiProblem(503, "Import queue full", "The server already has " + QUEUE
                    + " import jobs waiting (or is stopping); try again later.");
        }
        byte[] b = new byte[16];
        random.nextBytes(b);
        String id = HexFormat.of().formatHex(b);
        Path dir = root.resolve(id);
        Path file = dir.resolve(fileName);
        ImportJob job;
        try {
            Files.createDirectories(dir);
            long bytes = copy(body, file);
            job = new ImportJob(id, requester, fileName, format == null ? null : format.cliName(), bytes, clock.instant());
            jobs.put(id, job);
            save(job);
            pool.execute(() -> run(job, file, format));
        } catch (IOException e) {
            end(dir);
            jobs.remove(id);
            // Answered as a generic 500; the problem mapper logs the cause, which names the server's folders.
            throw new StorageException("Cannot store the upload " + fileName + " under " + dir + ": "
                    + e.getMessage(), e);
        } catch (RuntimeException e) {
            end(dir);
            jobs.remove(id);
            files.remove(id);
            if (e instanceof RejectedExecutionException) {
                throw new ApiProblem(503, "Server stopping", "The server is stopping; try again once it is back.");
            }
            throw e;
        }
        return job;
    }

    /** The job, if the server knows it. */
    Optional<ImportJob> find(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(jobs.get(id));
    }

    private ApiProblem tooLarge() {
        return new ApiProblem(413, "Upload too large", "An upload may hold at most " + maxUploadBytes
                + " bytes; import larger files with `chancery import` while the server is stopped.");
    }

    /** Copies the body to {@code file}, refusing more than the limit. */
    private long copy(InputStream body, Path file) throws IOException {
        byte[] buf = new byte[64 << 10];
        long total = 0;
        try (OutputStream out = Files.newOutputStream(file)) {
            int n;
            while ((n = body.read(buf)) >= 0) {
                total += n;
                if (total > maxUploadBytes) {
                    throw tooLarge();
                }
                out.write(buf, 0, n);
            }
        }
        return total;
    }

    private void run(ImportJob job, Path file, SourceFormat forced) {
        if (stopping) {
            finish(job, file, null, JobStatus.INTERRUPTED, "The server stopped before this import started; nothing of"
                    + " the file was archived. Upload it again.");
            return;
        }
        writeLock.lock();
        try {
            runLocked(job, file, forced);
        } catch (Throwable e) {
            LOG.error("Import job {} failed", job.id(), e);
            finish(job, file, null, JobStatus.FAILED, "The import failed unexpectedly; the failure is logged.");
            if (e instanceof Error error) {
                throw error;
            }
        } finally {
            writeLock.unlock();
        }
    }

    private void runLocked(ImportJob job, Path file, SourceFormat forced) {
        SourceFormat format;
        try {
            format = forced != null ? forced : new FormatDetector(ImportsResource.FORMAT_ADVICE).detect(file).orElseThrow(() ->
                    new InvalidInputException(job.fileName() + ": the file is empty, nothing to import."));
        } catch (IOException | InvalidInputException e) {
            finish(job, file, null, JobStatus.FAILED, clientMessage(e, file, job.fileName()), UNREADABLE_FILE);
            return;
        }
        job.started(clock.instant(), format.cliName());
        saveQuietly(job);
        step(job, "RUN", 202, 0);
        String broke = null;
        JobStatus end = JobStatus.DONE;
        BatchResult result;
        try (ArchivingSink sink = new ArchivingSink(office.archive(), BATCH_SIZE, job::rejected)) {
            sink.producer("api import " + format.cliName() + " " + job.fileName() + " by " + job.requester().name());
            try {
                new Importers(clock).get(format).read(file, job.fileName(), sink.thenEach(new Counter(job, sink)));
            } catch (IOException | UncheckedIOException | InvalidInputException e) {
                // As `chancery import` does: what was read before the break is archived, the file is reported.
                broke = clientMessage(e, file, job.fileName());
                end = JobStatus.FAILED;
                job.rejected(new Rejection(job.fileName(), "whole file", "(file)", "could not be read: " + broke));
            } catch (Stopped e) {
                broke = "The server stopped during this import, after " + e.read + " record(s) were read; those of"
                        + " them that were accepted are archived (the archive acknowledged them; result counts them),"
                        + " the rest of the file is not. Upload the file again to finish it: imports are idempotent,"
                        + " archived tweets are not archived twice.";
                end = JobStatus.INTERRUPTED;
            }
            // Always wait for the batch being written: closing the sink without it would interrupt the store.
            result = sink.finish();
            job.counted(sink.accepted() + sink.rejected(), result);
        } catch (StorageException e) {
            LOG.error("Import job {}: the archive refused the records", job.id(), e);
            finish(job, file, null, JobStatus.FAILED, "The archive could not store the records (the failure is"
                    + " logged); records acknowledged before it stay archived.");
            return;
        }
        if (!stopping) {
            // Not on the way out: the journal is committed when the archive is next opened, which is quicker.
            office.commit();
        }
        finish(job, file, result, end, broke, end == JobStatus.FAILED ? UNREADABLE_FILE : 0);
    }

    /**
     * Removes the upload, writes the job's last audit line, then publishes its end once it is saved; once per job.
     *
     * @param end    done, failed or interrupted
     * @param reason why it failed or was interrupted; null when done
     */
    private void finish(ImportJob job, Path file, BatchResult result, JobStatus end, String reason) {
        finish(job, file, result, end, reason, 0);
    }

    /**
     * @param auditStatus the status the audit line gives the end, or 0 for the usual one (200 done, 503 interrupted,
     *                    500 failed); {@link #UNREADABLE_FILE} when the upload, not the server, is at fault
     */
    private void finish(ImportJob job, Path file, BatchResult result, JobStatus end, String reason, int auditStatus) {
        // The closing server's thread runs the queued jobs' ends, and may have been interrupted: they are recorded.
        Uninterrupted.run(() -> finishOnce(job, file, result, end, reason, auditStatus));
    }

    private void finishOnce(ImportJob job, Path file, BatchResult result, JobStatus end, String reason,
                            int auditStatus) {
        if (!job.end()) {
            return;
        }
        end(file.getParent());
        long added = result == null ? 0 : result.added();
        if (!end.ended()) {
            throw new IllegalArgumentException("an import job ends done, failed or interrupted, not " + end);
        }
        int status = auditStatus != 0 ? auditStatus
                : end == JobStatus.DONE ? 200 : end == JobStatus.INTERRUPTED ? 503 : 500;
        step(job, end.name(), status, added);
        // Under the job's lock, a status request waits for the save: nobody sees an end a crash could take back.
        synchronized (job) {
            Instant now = clock.instant();
            switch (end) {
                case DONE -> job.done(now, result);
                case INTERRUPTED -> job.interrupted(now, reason, result);
                case FAILED, QUEUED, RUNNING -> job.failed(now, reason, result);
            }
            saveQuietly(job);
        }
    }

    /**
     * Loads the jobs of earlier runs; a job its file shows unfinished (its server was killed) is saved as interrupted
     * and its end written to the audit trail, once: the end line is written only after the save succeeded, so a save
     * that fails (the job stays unfinished on disk) does not add an end line at every start. A crash between the save
     * and the line loses that line; the job's status file still says interrupted.
     */
    private void restore() {
        for (Restored r : files.load((id, view) -> new Restored(ImportJob.restore(id, view), view.status()))) {
            jobs.put(r.job.id(), r.job);
            if (!r.saved.equals(r.job.status().wireName())) {
                LOG.warn("Import job {} was {} when the server last stopped; it is now interrupted.", r.job.id(),
                        r.saved);
                if (saveQuietly(r.job)) {
                    step(r.job, "INTERRUPTED", 503, r.job.added());
                }
            }
        }
    }

    /** A job read from its status file, and the status the file held. */
    private record Restored(ImportJob job, String saved) {}

    /**
     * Saves the job's status.
     *
     * @throws StorageException when it cannot be written
     */
    private void save(ImportJob job) {
        job.saveTo(files);
    }

    /**
     * Saves the job's status; a failure is logged, and the job goes on (its steps are in the audit trail).
     *
     * @return whether it was saved
     */
    private boolean saveQuietly(ImportJob job) {
        try {
            save(job);
            return true;
        } catch (StorageException e) {
            LOG.error("Could not save the status of import job {}", job.id(), e);
            return false;
        }
    }

    /**
     * An input problem (unreadable, truncated or unrecognised file) as the uploader may see it: their file by the name
     * they gave, never a server path. Storage failures are not passed here; they go to the log.
     */
    private static String clientMessage(Exception e, Path file, String name) {
        String message = String.valueOf(e.getMessage()).replace(file.toString(), name)
                .replace(file.getParent().toString(), "(upload)");
        return message.startsWith(name + ":") ? message : name + ": " + message;
    }

    /** Frees an upload's slot and removes its folder; one left behind (logged) costs disk space until the next start. */
    private void end(Path dir) {
        slots.release();
        deleteQuietly(dir);
    }

    private static void removeLeftovers(Path root) {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> dirs = Files.list(root)) {
            dirs.forEach(ImportJobs::deleteQuietly);
        } catch (IOException e) {
            LOG.warn("Could not list the upload folder {}: {}", root, e.getMessage());
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            ExportFiles.deleteTree(dir);
        } catch (IOException e) {
            LOG.warn("Could not remove the upload folder {}: {}", dir, e.getMessage());
        }
    }

    /**
     * An audit line for a step the job takes by itself, outside any request; with the thread's interrupt flag cleared
     * ({@link Uninterrupted}), as a forced line is not waited for on an interrupted thread.
     */
    private void step(ImportJob job, String step, int status, long count) {
        Uninterrupted.run(() -> stepOnce(job, step, status, count));
    }

    private void stepOnce(ImportJob job, String step, int status, long count) {
        try {
            audit.append(new AuditLog.Line(clock.instant(), job.requester().name(), job.requester().role().wireName(),
                    "JOB-" + step, "/imports/" + job.id(), "file=" + job.fileName(), status, count, null),
                    AuditLog.Ack.FORCED);
        } catch (RuntimeException e) {
            LOG.error("Could not write the audit line for import job {} ({})", job.id(), step, e);
        }
    }

    /**
     * Stops taking uploads and tells the running job to stop reading, at once: the server calls it before waiting
     * for its requests in flight, so that the job does not read on meanwhile.
     */
    void beginStop() {
        stopping = true;
    }

    /**
     * Stops taking uploads and drops queued jobs (their uploads are removed); the running job stops reading,
     * acknowledges what it read and ends. Never interrupts it: an interrupted write would close the store's files.
     */
    @Override
    public void close() {
        stopping = true;
        List<Runnable> queued = new ArrayList<>();
        pool.getQueue().drainTo(queued);
        pool.shutdown();
        // Each queued job fails at once (the server is stopping), removing its upload.
        queued.forEach(Runnable::run);
        try {
            if (!pool.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.error("The running import job did not end within {}; the archive closes under it.", STOP_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Thrown inside the importer's loop when the server stops: the importer unwinds, the job acknowledges. */
    private static final class Stopped extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final long read;

        Stopped(long read) {
            super(null, null, false, false);
            this.read = read;
        }
    }

    /**
     * Tells the job how many records were read and what the archive has acknowledged of them (the batches it
     * returned from, never those pending or being written), and stops the importer when the server stops.
     */
    private final class Counter implements Runnable {
        private final ImportJob job;
        private final ArchivingSink sink;
        private final JobFiles.Pacer pacer = new JobFiles.Pacer();
        private long seen;

        Counter(ImportJob job, ArchivingSink sink) {
            this.job = job;
            this.sink = sink;
        }

        @Override
        public void run() {
            if (++seen % PROGRESS_EVERY == 0) {
                job.counted(seen, sink.result());
                if (pacer.due()) {
                    saveQuietly(job);
                }
            }
            if (stopping) {
                throw new Stopped(seen);
            }
        }
    }
}
