package org.chancery.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.chancery.capture.Rejection;
import org.chancery.store.BatchResult;

/**
 * One uploaded file to import, and how far its import has got. The request fields never change; the state moves
 * queued → running → done or failed, under this object's lock.
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

    synchronized void counted(long records) {
        read = records;
    }

    synchronized void rejected(Rejection r) {
        rejected++;
        if (rejections.size() < REJECTIONS_SHOWN) {
            rejections.add(r);
        }
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

    /** A consistent snapshot for the status endpoint. */
    synchronized Views.ImportJobView view() {
        Views.ImportJobView.Result r = result == null ? null : new Views.ImportJobView.Result(result.added(),
                result.observations(), result.alreadyArchived(), result.disposedOf());
        List<Views.ImportJobView.Rejected> shown = rejections.stream()
                .map(x -> new Views.ImportJobView.Rejected(x.locator(), x.field(), x.problem())).toList();
        return new Views.ImportJobView(id, status.wireName(), fileName, bytes,
                detectedFormat != null ? detectedFormat : format, requester.name(), requester.role().wireName(),
                createdAt.toString(), startedAt == null ? null : startedAt.toString(),
                finishedAt == null ? null : finishedAt.toString(), read, rejected, r, shown, error);
    }
}
