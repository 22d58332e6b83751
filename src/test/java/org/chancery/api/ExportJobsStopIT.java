package org.chancery.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.chancery.export.ExportFormat;
import org.chancery.retention.ViewerRole;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Export jobs of a stopping server, driven on the jobs object itself (a stop timeout short enough to cut a running
 * export off is not one a served archive would be given): the status saved is the one the status endpoint shows, and
 * each job's end is in the audit trail exactly once.
 */
class ExportJobsStopIT {
    private static final Caller ANN = new Caller("ann", ViewerRole.ARCHIVIST);

    @TempDir
    static Path dir;
    static ApiFixture f;

    @BeforeAll
    static void start() throws Exception {
        f = new ApiFixture(dir);
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    private static ExportJobs jobs(Path statuses, AuditLog audit, Duration stopTimeout) {
        return new ExportJobs(dir.resolve("out"), statuses, f.office, f.policySet, audit, f.clock, stopTimeout,
                new ReentrantReadWriteLock().readLock());
    }

    /** The audit lines that end the export job {@code id}, as the audit trail holds them. */
    private static List<String> ends(AuditLog audit, String id) {
        return audit.read(l -> l.path("path").asText().equals("/exports/" + id)
                && l.path("method").asText().matches("JOB-(DONE|FAILED|INTERRUPTED)"), 100).stream()
                .map(l -> l.path("method").asText()).toList();
    }

    /** The job's status as the status endpoint writes it, read back as JSON. */
    private static JsonNode shown(ExportJob job) throws Exception {
        return ApiFixture.JSON.readTree(ApiFixture.JSON.writeValueAsBytes(job.view(null)));
    }

    @Test
    void anExportCutOffByTheStopTimeoutIsSavedAndAuditedOnceAsInterrupted() throws Exception {
        Path statuses = dir.resolve("statuses");
        AuditLog audit = new AuditLog(dir.resolve("audit-timeout"));
        ExportJobs jobs = jobs(statuses, audit, Duration.ofMillis(1));
        // A PDF of every tweet takes long enough that a 1 ms stop timeout cuts it off while it runs.
        ExportJob job = jobs.submit(ANN, "since:2000-01-01", ExportFormat.PDF, false, false);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (job.status() == JobStatus.QUEUED && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        Thread.sleep(50);
        assertEquals(JobStatus.RUNNING, job.status(), "the export runs when the server stops");
        jobs.close();
        List<String> ends;
        do {
            Thread.sleep(20);
            ends = ends(audit, job.id());
        } while (ends.isEmpty() && System.nanoTime() < deadline);
        Thread.sleep(300); // time for a second end line, were one to come

        assertEquals(JobStatus.INTERRUPTED, job.status(), String.valueOf(job.view(null)));
        JsonNode shown = shown(job);
        assertTrue(shown.path("error").asText().contains("Ask for the export again"), shown.toString());
        JsonNode saved = ApiFixture.JSON.readTree(statuses.resolve(job.id() + ".json").toFile());
        assertEquals(shown, saved, "the end the status endpoint shows is the one on disk");
        assertEquals(List.of("JOB-INTERRUPTED"), ends(audit, job.id()));
        assertTrue(Files.notExists(dir.resolve("out").resolve(job.id())), "the partial output is removed");

        // A server started on the same files reports the job as it was saved and adds no end line.
        ExportJobs again = jobs(statuses, audit, Duration.ofSeconds(5));
        try {
            assertEquals(shown, shown(again.find(job.id()).orElseThrow()));
            assertEquals(List.of("JOB-INTERRUPTED"), ends(audit, job.id()));
        } finally {
            again.close();
            audit.close();
        }
    }

    @Test
    void anExportAskedForOnceTheServerBeganToStopIsRefusedWith503() throws Exception {
        Path statuses = dir.resolve("statuses-refused");
        AuditLog audit = new AuditLog(dir.resolve("audit-refused"));
        ExportJobs jobs = jobs(statuses, audit, Duration.ofSeconds(5));
        try {
            jobs.beginStop();
            ApiProblem refused = assertThrows(ApiProblem.class,
                    () -> jobs.submit(ANN, "since:2000-01-01", ExportFormat.CSV, false, false));
            assertEquals(503, refused.status());
            assertTrue(refused.getMessage().contains("stopping"), refused.getMessage());
            try (var left = Files.list(statuses)) {
                assertEquals(0, left.count(), "no status is saved for a refused export");
            } catch (java.nio.file.NoSuchFileException e) {
                // No status folder: nothing was saved.
            }
        } finally {
            jobs.close();
            audit.close();
        }
    }
}
