package org.chancery.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.chancery.api.Views.ImportJobView;
import org.chancery.capture.Rejection;
import org.chancery.retention.ViewerRole;
import org.chancery.store.BatchResult;

/**
 * One uploaded file to import, and how far its import has got. The request fields never change; the state moves
 * queued → running → done, failed or interrupted, under this object's lock. A job known from its status file (the
 * server restarted) is restored ended: one the file shows unfinished is interrupted, since its server is gone.
 */
final class ImportJob {
    /** Rejections kept to show in the job's status; the count covers all of them. */
    static final int REJECTIONS_SHOWN = 100;

    private final String id;
    private final Caller requester;
    private final String fileName;
    private final String format;
    private final long bytes;
    private final Instant createdAt;
    private JobStatus status = JobStatus.QUEUED;
    private String detectedFormat;
    private Instant startedAt;
    private Instant finishedAt;
    private long read;
    private BatchResult result;
    private long rejected;
    private final List<Rejection> rejections = new ArrayList<>();
    private String error;
    private boolean ended;

    /**
     * @param format the format the requester named, or null to detect it from the file
     * @param bytes  the uploaded file's size
     */
    ImportJob(String id, Caller requester, String fileName, String format, long bytes, Instant createdAt) {
        this.id = Objects.requireNonNull(id, "id");
        this.requester = Objects.requireNonNull(requester, "requester");
        this.fileName = Objects.requireNonNull(fileName, "fileName");
        this.format = format;
        this.bytes = bytes;
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
    }

    String id() {
        return id;
    }

    Caller requester() {
        return requester;
    }

    String fileName() {
        return fileName;
    }

    /** Whoever uploaded the file, or an administrator, may see the job. */
    boolean visibleTo(Caller caller) {
        return caller.mayActFor(requester);
    }

    synchronized void started(Instant at, String detected) {
        status = JobStatus.RUNNING;
        startedAt = at;
        detectedFormat = detected;
    }

    /**
     * Progress: {@code records} read from the file so far, and {@code acknowledged}, what the archive has acknowledged
     * of them (it may lag the records read by the batches not yet acknowledged).
     */
    synchronized void counted(long records, BatchResult acknowledged) {
        read = records;
        result = Objects.requireNonNull(acknowledged, "acknowledged");
    }

    synchronized void rejected(Rejection r) {
        rejected++;
        if (rejections.size() < REJECTIONS_SHOWN) {
            rejections.add(r);
        }
    }

    /**
     * The job as its status file shows it, under the id the file is named by. A job the file shows queued or running
     * was cut off by a server that stopped without ending it (killed, or the machine lost power): it is interrupted,
     * with the counts last saved.
     *
     * @throws IllegalArgumentException when the status is not one this server wrote
     */
    static ImportJob restore(String id, Views.ImportJobView v) {
        if (!id.equals(v.id())) {
            throw new IllegalArgumentException("the file is named for job " + id + " but holds job " + v.id());
        }
        ImportJob job = new ImportJob(id, new Caller(required(v.requestedBy(), "requestedBy"),
                ViewerRole.fromWireName(required(v.role(), "role"))), required(v.fileName(), "fileName"), v.format(),
                v.bytes(), Instant.parse(required(v.createdAt(), "createdAt")));
        job.detectedFormat = v.format();
        job.startedAt = v.startedAt() == null ? null : Instant.parse(v.startedAt());
        job.finishedAt = v.finishedAt() == null ? null : Instant.parse(v.finishedAt());
        job.read = v.read();
        job.rejected = v.rejected();
        if (v.rejections() != null) {
            // At most as many as a live job keeps, whatever the file holds.
            v.rejections().stream().limit(REJECTIONS_SHOWN)
                    .forEach(r -> job.rejections.add(new Rejection(job.fileName, r.at(), r.field(), r.problem())));
        }
        ImportJobView.Result r = v.result();
        job.result = r == null ? null : new BatchResult(Math.toIntExact(r.added()), Math.toIntExact(r.observations()),
                Math.toIntExact(r.alreadyArchived()), Math.toIntExact(r.disposedOf()));
        job.error = v.error();
        job.ended = true;
        job.status = switch (JobStatus.fromWireName(v.status())) {
            case QUEUED -> {
                job.error = "The server stopped (it was killed, or the machine lost power) before this import started;"
                        + " nothing of the file was archived. Upload it again.";
                yield JobStatus.INTERRUPTED;
            }
            case RUNNING -> {
                job.error = "The server stopped (it was killed, or the machine lost power) while this import ran; the"
                        + " counts shown are those last saved (progress is saved about once a second). The records"
                        + " counted in result had been acknowledged by the archive: they are archived and stay so."
                        + " The archive may hold more of the file's records than result counts (those acknowledged"
                        + " after the last save); read counts the records read by then, some of which the archive may"
                        + " not hold. Upload the file again to finish it: imports are idempotent, archived tweets are"
                        + " not archived twice.";
                yield JobStatus.INTERRUPTED;
            }
            case DONE, FAILED, INTERRUPTED -> JobStatus.fromWireName(v.status());
        };
        return job;
    }

    private static String required(String value, String field) {
        if (value == null) {
            throw new IllegalArgumentException("the field " + field + " is missing");
        }
        return value;
    }

    synchronized void done(Instant at, BatchResult r) {
        status = JobStatus.DONE;
        finishedAt = at;
        result = r;
    }

    /** Failed; {@code r}, when not null, is what the archive made of the records read before the failure. */
    synchronized void failed(Instant at, String why, BatchResult r) {
        status = JobStatus.FAILED;
        finishedAt = at;
        error = why;
        result = r;
    }

    /**
     * Interrupted because the server is stopping; {@code r}, when not null, is what the archive made of the records
     * read before the stop.
     */
    synchronized void interrupted(Instant at, String why, BatchResult r) {
        status = JobStatus.INTERRUPTED;
        finishedAt = at;
        error = why;
        result = r;
    }

    /** True the first time only: the job's end (upload removed, slot freed, last audit line) happens once. */
    synchronized boolean end() {
        boolean first = !ended;
        ended = true;
        return first;
    }

    synchronized JobStatus status() {
        return status;
    }

    synchronized long added() {
        return result == null ? 0 : result.added();
    }

    /**
     * Saves the job's status; under its lock, so that saves of the job reach the disk in order, and a caller holding
     * the lock while it ends the job and saves it publishes the end only once it is on disk.
     *
     * @throws org.chancery.StorageException when the file cannot be written
     */
    synchronized void saveTo(JobFiles<ImportJobView> files) {
        files.put(id, view());
    }

    /** A consistent snapshot for the status endpoint. */
    synchronized ImportJobView view() {
        ImportJobView.Result r = result == null ? null : new ImportJobView.Result(result.added(),
                result.observations(), result.alreadyArchived(), result.disposedOf());
        List<ImportJobView.Rejected> shown = rejections.stream()
                .map(x -> new ImportJobView.Rejected(x.locator(), x.field(), x.problem())).toList();
        return new ImportJobView(id, status.wireName(), fileName, bytes,
                detectedFormat != null ? detectedFormat : format, requester.name(), requester.role().wireName(),
                createdAt.toString(), startedAt == null ? null : startedAt.toString(),
                finishedAt == null ? null : finishedAt.toString(), read, rejected, r, shown, error);
    }
}
