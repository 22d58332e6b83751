package org.chancery.api;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.chancery.api.Views.ExportJobView;
import org.chancery.export.ExportFormat;
import org.chancery.export.ExportSummary;
import org.chancery.retention.ViewerRole;

/**
 * One export asked for through the API, and how far it has got. The request fields never change; the state
 * moves queued → running → done, failed or interrupted, under this object's lock. A job known from its status file
 * (the server restarted) is restored ended: one the file shows unfinished is interrupted, since its server is gone.
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
    private ExportJobView.Result result;
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

    /**
     * The job as its status file shows it, under the id the file is named by; a done job's file is looked for in
     * {@code folder}, the job's own folder. A job the file shows queued or running was cut off by a server that
     * stopped without ending it (killed, or the machine lost power): it is interrupted, with the progress last saved.
     *
     * @throws IllegalArgumentException when the status is not one this server wrote
     */
    static ExportJob restore(String id, ExportJobView v, Path folder) {
        if (!id.equals(v.id())) {
            throw new IllegalArgumentException("the file is named for job " + id + " but holds job " + v.id());
        }
        ExportJob job = new ExportJob(id, new Caller(required(v.requestedBy(), "requestedBy"),
                ViewerRole.fromWireName(required(v.role(), "role"))), required(v.query(), "query"),
                ExportFormat.fromWireName(required(v.format(), "format")), v.zip(),
                Instant.parse(required(v.createdAt(), "createdAt")));
        job.startedAt = v.startedAt() == null ? null : Instant.parse(v.startedAt());
        job.finishedAt = v.finishedAt() == null ? null : Instant.parse(v.finishedAt());
        if (v.progress() != null) {
            job.written = v.progress().written();
            job.decided = v.progress().decided();
            job.matches = v.progress().total() == null ? -1 : v.progress().total();
        }
        job.error = v.error();
        job.status = switch (JobStatus.fromWireName(v.status())) {
            case QUEUED -> {
                job.error = "The server stopped (it was killed, or the machine lost power) before this export started."
                        + " Ask for the export again.";
                yield JobStatus.INTERRUPTED;
            }
            case RUNNING -> {
                job.error = "The server stopped (it was killed, or the machine lost power) while this export ran; it"
                        + " produced no file. Ask for the export again.";
                yield JobStatus.INTERRUPTED;
            }
            case DONE -> {
                ExportJobView.Result r = Objects.requireNonNull(v.result(), "a done export job's result");
                String name = required(r.fileName(), "result.fileName");
                Path file = folder.resolve(name).normalize();
                if (!folder.normalize().equals(file.getParent())) {
                    throw new IllegalArgumentException("the file name " + name + " is not a plain file name");
                }
                job.result = r;
                job.download = file;
                yield JobStatus.DONE;
            }
            case FAILED, INTERRUPTED -> JobStatus.fromWireName(v.status());
        };
        return job;
    }

    private static String required(String value, String field) {
        if (value == null) {
            throw new IllegalArgumentException("the field " + field + " is missing");
        }
        return value;
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

    /** Moves a queued job to running; false when it is no longer queued (the server stopping interrupted it). */
    synchronized boolean started(Instant at) {
        if (status != JobStatus.QUEUED) {
            return false;
        }
        status = JobStatus.RUNNING;
        startedAt = at;
        return true;
    }

    synchronized void progress(long written, long decided, long matches) {
        this.written = written;
        this.decided = decided;
        this.matches = matches;
    }

    /**
     * Done: {@code download} is the file to hand out, of {@code bytes} bytes (the export's own output, or the zip of
     * its folder).
     */
    synchronized void done(Instant at, ExportSummary summary, Path download, long bytes) {
        status = JobStatus.DONE;
        finishedAt = at;
        this.result = new ExportJobView.Result(summary.exported(), summary.withheld(), summary.digest(),
                summary.logIndex(), download.getFileName().toString(), bytes);
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

    /** Interrupted because the server is stopping, if still queued; true when it was. */
    synchronized boolean interruptedBeforeStart(Instant at, String why) {
        return status == JobStatus.QUEUED && interrupted(at, why);
    }

    /** Interrupted because the server is stopping; true when it was not ended before. */
    synchronized boolean interrupted(Instant at, String why) {
        if (status.ended()) {
            return false;
        }
        status = JobStatus.INTERRUPTED;
        finishedAt = at;
        this.error = why;
        return true;
    }

    /** The file to hand out, once done. */
    synchronized Optional<Path> download() {
        return Optional.ofNullable(download);
    }

    synchronized JobStatus status() {
        return status;
    }

    synchronized long written() {
        return written;
    }

    /**
     * Saves the job's status as its status endpoint shows it; under its lock, so that saves of the job reach the disk
     * in order, and a caller holding the lock while it ends the job and saves it publishes the end only once it is on
     * disk.
     *
     * @throws org.chancery.StorageException when the file cannot be written
     */
    synchronized void saveTo(JobFiles<ExportJobView> files) {
        files.put(id, view(ApiServer.BASE + "/exports/" + id + "/download"));
    }

    /** A consistent snapshot for the status endpoint; {@code downloadUri} is used only when done. */
    synchronized ExportJobView view(String downloadUri) {
        return new ExportJobView(id, status.wireName(), format.wireName(), query, zip, requester.name(),
                requester.role().wireName(), createdAt.toString(), startedAt == null ? null : startedAt.toString(),
                finishedAt == null ? null : finishedAt.toString(),
                new ExportJobView.Progress(written, decided, matches < 0 ? null : matches),
                status == JobStatus.DONE ? downloadUri : null, result, error);
    }
}
