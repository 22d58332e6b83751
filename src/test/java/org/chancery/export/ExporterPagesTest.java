package org.chancery.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.LongStream;
import org.chancery.archive.RecordOffice;
import org.chancery.config.DataDir;
import org.chancery.retention.PolicySet;
import org.chancery.retention.ViewerRole;
import org.chancery.store.TestCaptures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pages are read and proved on other threads than the one that writes them: whatever the page size, a bag holds the
 * same records in date order with proofs that verify, and an export stopped part-way leaves nothing behind and the
 * archive usable.
 */
class ExporterPagesTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final int TWEETS = 400;
    private static final String QUERY = "since:2000-01-01";

    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void smallPagesWriteTheSameRecordsInDateOrderAsOnePage() throws IOException {
        try (RecordOffice office = office()) {
            Path paged = export(office, 7, "paged");
            Path whole = export(office, TWEETS, "whole");
            byte[] records = Files.readAllBytes(paged.resolve(BagExport.RECORDS));
            assertArrayEquals(Files.readAllBytes(whole.resolve(BagExport.RECORDS)), records);
            List<String> ids = new ArrayList<>();
            Instant last = Instant.MIN;
            for (String line : new String(records, StandardCharsets.UTF_8).split("\n")) {
                JsonNode r = json.readTree(line);
                ids.add(r.path("id").asText());
                Instant created = Instant.parse(r.path("createdAt").asText());
                assertFalse(created.isBefore(last), "records in date order at " + r.path("id").asText());
                last = created;
            }
            assertEquals(LongStream.range(0, TWEETS).mapToObj(TestCaptures::syntheticId).sorted().toList(),
                    ids.stream().sorted().toList());
            List<String> proved = new ArrayList<>();
            for (String line : Files.readAllLines(paged.resolve(ProofJson.INCLUSION_PATH), StandardCharsets.UTF_8)) {
                proved.add(json.readTree(line).path("tweetId").asText());
            }
            assertEquals(ids, proved, "line n of the proofs proves line n of the records");
            for (Path bag : List.of(paged, whole)) {
                ExportVerifier.Report report = new ExportVerifier().verify(bag, Optional.empty());
                assertEquals(List.of(), report.problems());
                assertEquals(TWEETS, report.records());
            }
        }
    }

    @Test
    void anExportStoppedPartWayLeavesNothingAndTheArchiveStaysReadable() throws IOException {
        try (RecordOffice office = office()) {
            Path out = dir.resolve("stopped");
            Exporter exporter = new Exporter(office, office.retention(PolicySet.of(List.of())), CLOCK, 10, 100);
            long[] reports = new long[1];
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> exporter.export(
                    request(out), (written, decided, matches) -> {
                        if (++reports[0] == 2) {
                            throw new IllegalStateException("stopped by the listener");
                        }
                    }));
            assertEquals("stopped by the listener", e.getMessage());
            assertFalse(Files.exists(out), "the partial export is removed");
            Path after = export(office, 10, "after");
            assertEquals(TWEETS, Files.readAllLines(after.resolve(BagExport.RECORDS)).size());
            assertTrue(new ExportVerifier().verify(after, Optional.empty()).clean(),
                    "the store's and the log's files are still open and read after the stop");
        }
    }

    private RecordOffice office() {
        RecordOffice office = RecordOffice.open(new DataDir(dir.resolve("data")), CLOCK);
        office.archive().put("test", LongStream.range(0, TWEETS).mapToObj(TestCaptures::synthetic).toList());
        return office;
    }

    private Path export(RecordOffice office, int pageSize, String name) {
        Path out = dir.resolve(name);
        ExportSummary s = new Exporter(office, office.retention(PolicySet.of(List.of())), CLOCK, pageSize, 1_000)
                .export(request(out));
        assertEquals(TWEETS, s.exported());
        return out;
    }

    private static ExportRequest request(Path out) {
        return new ExportRequest(QUERY, ExportFormat.BAGIT, out, false, "test", ViewerRole.ARCHIVIST, false);
    }
}
