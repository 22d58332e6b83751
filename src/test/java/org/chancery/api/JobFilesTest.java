package org.chancery.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.chancery.api.Views.ExportJobView;
import org.chancery.api.Views.ImportJobView;
import org.chancery.capture.Rejection;
import org.chancery.retention.ViewerRole;
import org.chancery.store.BatchResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Job statuses saved to files and read back, as a restarted server reads them. */
class JobFilesTest {
    private static final Instant T0 = Instant.parse("2026-12-01T12:00:00Z");
    private static final Caller ANN = new Caller("ann", ViewerRole.ARCHIVIST);

    @TempDir
    Path dir;

    private static String id(int n) {
        return String.format(java.util.Locale.ROOT, "%032x", n);
    }

    private static ImportJob running(String id) {
        ImportJob job = new ImportJob(id, ANN, "day.json", null, 12_345, T0);
        job.started(T0.plusSeconds(1), "congresstweets");
        job.rejected(new Rejection("day.json", "item 7", "id", "missing"));
        job.counted(4_000, new BatchResult(2_990, 4, 5, 1));
        return job;
    }

    @Test
    void aRunningImportFoundAtStartIsInterruptedWithTheCountsItSaved() throws Exception {
        JobFiles<ImportJobView> files = new JobFiles<>(dir, ImportJobView.class, "import job");
        ImportJob job = running(id(1));
        job.saveTo(files);
        JsonNode saved = ApiFixture.JSON.readTree(dir.resolve(id(1) + ".json").toFile());
        assertEquals("running", saved.path("status").asText());

        List<ImportJob> loaded = files.load(ImportJob::restore);
        assertEquals(1, loaded.size());
        ImportJobView v = loaded.get(0).view();
        assertEquals("interrupted", v.status());
        assertEquals(saved.path("read").asLong(), v.read());
        assertEquals(4_000, v.read());
        assertEquals(new ImportJobView.Result(2_990, 4, 5, 1), v.result(), "what the archive had acknowledged");
        assertEquals(saved.path("result").path("added").asLong(), v.result().added());
        assertTrue(v.error().contains("acknowledged") && v.error().contains("may hold more"), v.error());
        assertEquals(1, v.rejected());
        assertEquals(new ImportJobView.Rejected("item 7", "id", "missing"), v.rejections().get(0));
        assertEquals("ann", v.requestedBy());
        assertEquals(saved.path("startedAt").asText(), v.startedAt());
        assertTrue(v.error().contains("killed") && v.error().contains("Upload the file again"), v.error());
        assertTrue(loaded.get(0).visibleTo(ANN));
        assertTrue(!loaded.get(0).visibleTo(new Caller("ann", ViewerRole.STAFF)), "the owner is name and role");
    }

    @Test
    void anEndedImportReadsBackAsItWasSaved() {
        JobFiles<ImportJobView> files = new JobFiles<>(dir, ImportJobView.class, "import job");
        ImportJob job = running(id(2));
        job.done(T0.plusSeconds(9), new BatchResult(3_990, 4, 5, 1));
        job.saveTo(files);
        List<ImportJob> loaded = files.load(ImportJob::restore);
        assertEquals(List.of(job.view()), loaded.stream().map(ImportJob::view).toList());
    }

    @Test
    void unreadableOrForeignFilesAreSkippedAndTheOthersLoaded() throws Exception {
        JobFiles<ImportJobView> files = new JobFiles<>(dir, ImportJobView.class, "import job");
        ImportJob good = running(id(3));
        good.saveTo(files);
        byte[] bytes = Files.readAllBytes(dir.resolve(id(3) + ".json"));
        Files.write(dir.resolve(id(4) + ".json"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        Files.write(dir.resolve(id(5) + ".json"), bytes); // holds job 3 under job 5's name
        ObjectNode badRole = (ObjectNode) ApiFixture.JSON.readTree(bytes);
        badRole.put("id", id(6)).put("role", "superuser");
        Files.write(dir.resolve(id(6) + ".json"), ApiFixture.JSON.writeValueAsBytes(badRole));
        Files.write(dir.resolve(id(7) + ".json"), "null".getBytes(StandardCharsets.UTF_8));
        Files.write(dir.resolve(id(8) + ".json.tmp"), bytes);
        Files.writeString(dir.resolve("notes.txt"), "not a job", StandardCharsets.UTF_8);

        List<ImportJob> loaded = files.load(ImportJob::restore);
        assertEquals(List.of(id(3)), loaded.stream().map(ImportJob::id).toList());
    }

    @Test
    void aFolderAFifoOrAnOversizedFileInPlaceOfAStatusIsSkippedWithoutBlocking() throws Exception {
        JobFiles<ImportJobView> files = new JobFiles<>(dir, ImportJobView.class, "import job");
        running(id(20)).saveTo(files);
        Files.createDirectory(dir.resolve(id(21) + ".json"));
        Path fifo = dir.resolve(id(22) + ".json");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertEquals(0, mkfifo.waitFor(), "mkfifo " + fifo);
        // Valid JSON, a real status padded past the cap with whitespace: only its size is wrong.
        byte[] good = Files.readAllBytes(dir.resolve(id(20) + ".json"));
        ObjectNode big = (ObjectNode) ApiFixture.JSON.readTree(good);
        big.put("id", id(23));
        byte[] bytes = ApiFixture.JSON.writeValueAsBytes(big);
        byte[] padded = java.util.Arrays.copyOf(bytes, Math.toIntExact(JobFiles.MAX_FILE_BYTES + 1));
        java.util.Arrays.fill(padded, bytes.length, padded.length, (byte) ' ');
        Files.write(dir.resolve(id(23) + ".json"), padded);
        // The same status under the cap loads.
        Files.write(dir.resolve(id(24) + ".json"), ApiFixture.JSON.writeValueAsBytes(big.put("id", id(24))));

        java.util.concurrent.ExecutorService loader = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            List<ImportJob> loaded = loader.submit(() -> files.load(ImportJob::restore))
                    .get(20, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(List.of(id(20), id(24)), loaded.stream().map(ImportJob::id).toList());
        } finally {
            loader.shutdownNow();
        }
    }

    @Test
    void aRestoredImportShowsAtMostTheRejectionsALiveJobKeeps() throws Exception {
        JobFiles<ImportJobView> files = new JobFiles<>(dir, ImportJobView.class, "import job");
        running(id(30)).saveTo(files);
        Path file = dir.resolve(id(30) + ".json");
        ObjectNode v = (ObjectNode) ApiFixture.JSON.readTree(file.toFile());
        com.fasterxml.jackson.databind.node.ArrayNode many = v.putArray("rejections");
        for (int i = 0; i < 5_000; i++) {
            many.addObject().put("at", "item " + i).put("field", "id").put("problem", "missing");
        }
        Files.write(file, ApiFixture.JSON.writeValueAsBytes(v));
        List<ImportJob> loaded = files.load(ImportJob::restore);
        assertEquals(1, loaded.size());
        List<ImportJobView.Rejected> shown = loaded.get(0).view().rejections();
        assertEquals(100, shown.size());
        assertEquals("item 99", shown.get(99).at());
    }

    @Test
    void theFirstSaveCreatesTheMissingFoldersAboveTheStatusFiles() throws Exception {
        Path folder = dir.resolve("data").resolve("jobs").resolve("imports");
        JobFiles<ImportJobView> files = new JobFiles<>(folder, ImportJobView.class, "import job");
        running(id(40)).saveTo(files);
        assertTrue(Files.isRegularFile(folder.resolve(id(40) + ".json")));
        assertEquals(List.of(id(40)), files.load(ImportJob::restore).stream().map(ImportJob::id).toList());
    }

    @Test
    void aSaveOnAnInterruptedThreadIsWrittenAndTheInterruptionKept() throws Exception {
        JobFiles<ImportJobView> files = new JobFiles<>(dir, ImportJobView.class, "import job");
        ImportJob job = running(id(50));
        job.interrupted(T0.plusSeconds(3), "stopped", new BatchResult(1, 0, 0, 0));
        Thread.currentThread().interrupt();
        try {
            job.saveTo(files);
            assertTrue(Thread.currentThread().isInterrupted(), "the caller still learns of its interruption");
        } finally {
            Thread.interrupted();
        }
        JsonNode saved = ApiFixture.JSON.readTree(dir.resolve(id(50) + ".json").toFile());
        assertEquals("interrupted", saved.path("status").asText(), saved.toString());
    }

    @Test
    void aDoneExportFindsItsFileInItsOwnFolderOnly() {
        ExportJobView.Result result = new ExportJobView.Result(3, 1, "ab".repeat(32), 17, "export-x.jsonl", 999);
        ExportJobView done = new ExportJobView(id(9), "done", "jsonl", "from:x", true, "ann", "archivist",
                T0.toString(), T0.toString(), T0.plusSeconds(2).toString(), new ExportJobView.Progress(3, 4, 4L),
                "/api/v1/exports/" + id(9) + "/download", result, null);
        Path folder = dir.resolve(id(9));
        ExportJob job = ExportJob.restore(id(9), done, folder);
        assertEquals(JobStatus.DONE, job.status());
        assertEquals(folder.resolve("export-x.jsonl"), job.download().orElseThrow());
        assertEquals(done, job.view(done.download()));

        for (String escape : List.of("../" + id(10) + "/x.jsonl", "", "..", "/etc/passwd")) {
            ExportJobView.Result bad = new ExportJobView.Result(3, 1, "ab".repeat(32), 17, escape, 999);
            ExportJobView v = new ExportJobView(id(9), "done", "jsonl", "from:x", true, "ann", "archivist",
                    T0.toString(), null, null, null, null, bad, null);
            assertThrows(IllegalArgumentException.class, () -> ExportJob.restore(id(9), v, folder), escape);
        }
    }

    @Test
    void aQueuedExportFoundAtStartIsInterruptedAndHasNoFile() {
        ExportJobView queued = new ExportJobView(id(11), "queued", "bagit", "from:x", true, "ann", "archivist",
                T0.toString(), null, null, new ExportJobView.Progress(0, 0, null), null, null, null);
        ExportJob job = ExportJob.restore(id(11), queued, dir.resolve(id(11)));
        assertEquals(JobStatus.INTERRUPTED, job.status());
        assertTrue(job.download().isEmpty());
        assertTrue(job.view(null).error().contains("Ask for the export again"), job.view(null).error());
    }
}
