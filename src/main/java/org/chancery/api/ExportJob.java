package org.chancery.api;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import org.chancery.export.ExportFormat;
import org.chancery.export.ExportSummary;

/**
 * One export asked for through the API, and how far it has got. The request fields never change; the state
 * moves queued → running → done or failed, under this object's lock.
 */
final class ExportJob {
    private final String id;
    private final Caller requester;
    private final String query;
    private final ExportFormat format;
    private final boolean zip;
    private final Instant createdAt;
    private JobStatus status = JobStatus.QUEUED;
    private Instant startedAt;
    private Instant finishedAt;
    private long written;
    private long decided;
    private long matches = -1;
    private ExportSummary summary;
    private Path download;
    private String error;

    ExportJob(String id, Caller requester, String query, ExportFormat format, boolean zip, Instant createdAt) {
        this.id = Objects.requireNonNull(id, "id");
        this.requester = Objects.requireNonNull(requester, "requester");
        this.query = Objects.requireNonNull(query, "query");
        this.format = Objects.requireNonNull(format, "format");
        this.zip = zip;
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
    }

    String id() {
        return id;
    }

    Caller requester() {
        return requester;
    }

    String query() {
        return query;
    }

    ExportFormat format() {
        return format;
    }

    boolean zip() {
        return zip;
    }

    /** Whether {@code caller} may see and fetch this job: whoever asked for it, or an administrator. */
    boolean visibleTo(Caller caller) {
        return caller.mayActFor(requester);
    }

    synchronized void started(Instant at) {
        status = JobStatus.RUNNING;
        startedAt = at;
    }

    synchronized void progress(long written, long decided, long matches) {
        this.written = written;
        this.decided = decided;
        this.matches = matches;
    }

    synchronized void done(Instant at, ExportSummary summary, Path download) {
        status = JobStatus.DONE;
        finishedAt = at;
        this.summary = summary;
        this.download = download;
        this.written = summary.exported();
        this.decided = summary.exported() + summary.withheld();
        this.matches = Math.max(matches, decided);
    }

    synchronized void failed(Instant at, String error) {
        status = JobStatus.FAILED;
        finishedAt = at;
        this.error = error;
    }

    /** The file to hand out, once done. */
    synchronized java.util.Optional<Path> download() {
        return java.util.Optional.ofNullable(download);
    }

    synchronized JobStatus status() {
        return status;
    }

    synchronized long written() {
        return written;
    }

    /** A consistent snapshot for the status endpoint; {@code downloadUri} is used only when done. */
    synchronized Views.ExportJobView view(String downloadUri) {
        Views.ExportJobView.Result result = summary == null ? null : new Views.ExportJobView.Result(summary.exported(),
                summary.withheld(), summary.digest(), summary.logIndex(), download.getFileName().toString());
        return new Views.ExportJobView(id, status.wireName(), format.wireName(), query, zip, requester.name(),
                requester.role().wireName(), createdAt.toString(), startedAt == null ? null : startedAt.toString(),
                finishedAt == null ? null : finishedAt.toString(),
                new Views.ExportJobView.Progress(written, decided, matches < 0 ? null : matches),
                status == JobStatus.DONE ? downloadUri : null, result, error);
    }
}
