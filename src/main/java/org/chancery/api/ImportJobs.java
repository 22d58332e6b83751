package org.chancery.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
import org.chancery.ChanceryException;
import org.chancery.InvalidInputException;
import org.chancery.StorageException;
import org.chancery.archive.RecordOffice;
import org.chancery.capture.CaptureSink;
import org.chancery.capture.FormatDetector;
import org.chancery.capture.Importers;
import org.chancery.capture.Rejection;
import org.chancery.export.ExportFiles;
import org.chancery.record.Capture;
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
 * records acknowledged in batches, the journal committed to OCFL and the index committed when the file is done.
 * Jobs are kept in memory: after a restart the server no longer knows them (their tweets stay archived).
 */
final class ImportJobs implements AutoCloseable {
    /** Jobs waiting behind the running one before new uploads are refused with 503. */
    static final int QUEUE = 16;
    /** Largest upload accepted; larger ones get 413 (import bigger files with the CLI while the server is stopped). */
    static final long MAX_UPLOAD_BYTES = 4L << 30;
    private static final int BATCH_SIZE = 5_000;
    private static final int PROGRESS_EVERY = 1_000;
    private static final Logger LOG = LoggerFactory.getLogger(ImportJobs.class);

    private final Path root;
    private final RecordOffice office;
    private final AuditLog audit;
    private final Clock clock;
    private final Duration stopTimeout;
    private final long maxUploadBytes;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, ImportJob> jobs = new ConcurrentHashMap<>();
    private final ThreadPoolExecutor pool;

    ImportJobs(Path root, RecordOffice office, AuditLog audit, Clock clock, Duration stopTimeout, long maxUploadBytes) {
        this.root = root;
        this.office = office;
        this.audit = audit;
        this.clock = clock;
        this.stopTimeout = stopTimeout;
        this.maxUploadBytes = maxUploadBytes;
        this.pool = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE),
                BackgroundPriority.threads("chancery-import"));
    }

    /**
     * Stores the upload and queues its import.
     *
     * @param format the format named by the requester, or null to detect it
     * @throws ApiProblem 413 when the upload is larger than the limit, 503 when the queue is full or the server is
     *                    stopping
     */
    ImportJob submit(Caller requester, String fileName, SourceFormat format, InputStream body) {
        byte[] b = new byte[16];
        random.nextBytes(b);
        String id = HexFormat.of().formatHex(b);
        Path dir = root.resolve(id);
        Path file = dir.resolve(fileName);
        long bytes;
        try {
            Files.createDirectories(dir);
            bytes = copy(body, file);
        } catch (IOException e) {
            deleteQuietly(dir);
            throw new StorageException("Cannot store the upload " + fileName + " under " + dir + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            deleteQuietly(dir);
            throw e;
        }
        ImportJob job = new ImportJob(id, requester, fileName, format == null ? null : format.cliName(), bytes,
                clock.instant());
        jobs.put(id, job);
        try {
            pool.execute(() -> run(job, file, format));
        } catch (RejectedExecutionException e) {
            jobs.remove(id);
            deleteQuietly(dir);
            throw new ApiProblem(503, "Import queue full", "The server already has " + QUEUE
                    + " import jobs waiting (or is stopping); try again later.");
        }
        return job;
    }

    /** The job, if the server knows it. */
    Optional<ImportJob> find(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(jobs.get(id));
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
                    throw new ApiProblem(413, "Upload too large", "An upload may hold at most " + maxUploadBytes
                            + " bytes; import larger files with `chancery import` while the server is stopped.");
                }
                out.write(buf, 0, n);
            }
        }
        return total;
    }

    private void run(ImportJob job, Path file, SourceFormat forced) {
        try {
            SourceFormat format = forced != null ? forced : detect(file, job.fileName());
            job.started(clock.instant(), format.cliName());
            step(job, "RUN", 202, 0);
            BatchResult result;
            try (ArchivingSink sink = new ArchivingSink(office.archive(), BATCH_SIZE, job::rejected)) {
                sink.producer("api import " + format.cliName() + " " + job.fileName() + " by " + job.requester().name());
                new Importers(clock).get(format).read(file, job.fileName(), new Counting(sink, job));
                result = sink.finish();
                job.counted(sink.accepted() + sink.rejected());
            }
            office.commit();
            job.done(clock.instant(), result);
            step(job, "DONE", 200, result.added());
        } catch (ChanceryException | IOException e) {
            // Clients know the file by the name they gave, not by where the server keeps it.
            job.failed(clock.instant(), String.valueOf(e.getMessage()).replace(file.toString(), job.fileName()));
            step(job, "FAILED", 500, job.added());
        } catch (RuntimeException e) {
            LOG.error("Import job {} failed", job.id(), e);
            job.failed(clock.instant(), "The import failed unexpectedly; the failure is logged.");
            step(job, "FAILED", 500, job.added());
        } finally {
            deleteQuietly(file.getParent());
        }
    }

    /** Removes an upload's folder; one left behind (logged) costs disk space only. */
    private static void deleteQuietly(Path dir) {
        try {
            ExportFiles.deleteTree(dir);
        } catch (IOException e) {
            LOG.warn("Could not remove the upload folder {}: {}", dir, e.getMessage());
        }
    }

    private static SourceFormat detect(Path file, String name) throws IOException {
        return new FormatDetector().detect(file)
                .orElseThrow(() -> new InvalidInputException(name + ": the file is empty, nothing to import."));
    }

    /** An audit line for a step the job takes by itself, outside any request. */
    private void step(ImportJob job, String step, int status, long count) {
        try {
            audit.append(new AuditLog.Line(clock.instant(), job.requester().name(), job.requester().role().wireName(),
                    "JOB-" + step, "/imports/" + job.id(), "file=" + job.fileName(), status, count, null),
                    AuditLog.Ack.FORCED);
        } catch (RuntimeException e) {
            LOG.error("Could not write the audit line for import job {} ({})", job.id(), step, e);
        }
    }

    /** Stops taking jobs, drops queued ones, lets the running one finish within the stop timeout, then interrupts it. */
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

    /** Passes records on and tells the job how many were read. */
    private static final class Counting implements CaptureSink {
        private final CaptureSink next;
        private final ImportJob job;
        private long seen;

        Counting(CaptureSink next, ImportJob job) {
            this.next = next;
            this.job = job;
        }

        @Override
        public void accept(Capture capture) {
            next.accept(capture);
            count();
        }

        @Override
        public void reject(Rejection rejection) {
            next.reject(rejection);
            count();
        }

        private void count() {
            if (++seen % PROGRESS_EVERY == 0) {
                job.counted(seen);
            }
        }
    }
}
