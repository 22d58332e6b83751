package org.chancery.api;

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
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.chancery.StorageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant AT = Instant.parse("2026-12-01T00:00:00Z");

    @TempDir
    Path dir;

    private static AuditLog.Line line(String path) {
        return new AuditLog.Line(AT, "bench", "admin", "GET", path, null, 200, 1, "127.0.0.1");
    }

    /** The file's lines, after checking with an independent SHA-256 that each names its predecessor's hash. */
    private List<JsonNode> chainedLines() throws Exception {
        List<JsonNode> out = new ArrayList<>();
        String prev = "0".repeat(64);
        for (String s : Files.readAllLines(dir.resolve(AuditLog.FILE_NAME), StandardCharsets.UTF_8)) {
            JsonNode n = JSON.readTree(s);
            assertEquals(prev, n.path("prev").asText(), "line " + (out.size() + 1) + " breaks the chain: " + s);
            prev = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
            out.add(n);
        }
        return out;
    }

    /** Runs {@code body} on {@code threads} threads released at once; returns what they threw. */
    private static List<Throwable> together(int threads, IntConsumer body) throws InterruptedException {
        CountDownLatch go = new CountDownLatch(1);
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        List<Thread> started = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int k = t;
            started.add(Thread.ofPlatform().start(() -> {
                try {
                    go.await();
                    body.accept(k);
                } catch (Throwable e) {
                    failures.add(e);
                }
            }));
        }
        go.countDown();
        for (Thread t : started) {
            t.join();
        }
        return List.copyOf(failures);
    }

    @Test
    void concurrentAppendsAreEachWrittenOnceInOneUnbrokenChain() throws Exception {
        AuditLog audit = new AuditLog(dir);
        int threads = 24;
        int each = 40;
        List<Throwable> failures = together(threads, k -> {
            for (int i = 0; i < each; i++) {
                audit.append(line("/t" + k + "/" + i), i % 2 == 0 ? AuditLog.Ack.WRITTEN : AuditLog.Ack.FORCED);
            }
        });
        assertTrue(failures.isEmpty(), failures.toString());
        List<JsonNode> lines = chainedLines();
        assertEquals(threads * each, lines.size());
        Set<String> paths = new HashSet<>();
        lines.forEach(n -> paths.add(n.path("path").asText()));
        assertEquals(threads * each, paths.size(), "every line exactly once");
        // Each caller's own lines are in the order it appended them.
        for (int t = 0; t < threads; t++) {
            int last = -1;
            for (JsonNode n : lines) {
                String[] parts = n.path("path").asText().split("/");
                if (parts[1].equals("t" + t)) {
                    int i = Integer.parseInt(parts[2]);
                    assertEquals(last + 1, i);
                    last = i;
                }
            }
        }
        assertEquals(threads * each, audit.read(n -> true, Integer.MAX_VALUE).size());
    }

    @Test
    void aLineThatCannotBeWrittenFailsItsCallerAndTheChainGoesOnFromTheFile() throws Exception {
        AuditLog audit = new AuditLog(dir, Duration.ofSeconds(5));
        audit.append(line("/a"), AuditLog.Ack.FORCED);
        audit.append(line("/b"), AuditLog.Ack.FORCED);
        Path file = dir.resolve(AuditLog.FILE_NAME);
        Path aside = dir.resolve("aside.jsonl");
        Files.move(file, aside);
        Files.createDirectory(file);
        StorageException e = assertThrows(StorageException.class, () -> audit.append(line("/lost"), AuditLog.Ack.FORCED));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        Files.delete(file);
        Files.move(aside, file);
        audit.append(line("/c"), AuditLog.Ack.FORCED);
        List<String> paths = chainedLines().stream().map(n -> n.path("path").asText()).toList();
        assertEquals(List.of("/a", "/b", "/c"), paths);
    }

    @Test
    void everyCallerWaitingOnAFailedWriteFails() throws Exception {
        AuditLog audit = new AuditLog(dir, Duration.ofSeconds(5));
        Files.createDirectory(dir.resolve(AuditLog.FILE_NAME));
        int threads = 8;
        List<Throwable> failures = together(threads, k -> audit.append(line("/t" + k), AuditLog.Ack.FORCED));
        assertEquals(threads, failures.size());
        failures.forEach(f -> assertTrue(f instanceof StorageException, f.toString()));
    }

    @Test
    void aNewAuditLogContinuesTheChainOfAnExistingFile() throws Exception {
        new AuditLog(dir).append(line("/first"), AuditLog.Ack.FORCED);
        AuditLog reopened = new AuditLog(dir);
        assertEquals(1, reopened.read(n -> true, 10).size());
        reopened.append(line("/second"), AuditLog.Ack.FORCED);
        assertEquals(List.of("/first", "/second"), chainedLines().stream().map(n -> n.path("path").asText()).toList());
        assertEquals(List.of("/second"), reopened.read(n -> n.path("path").asText().equals("/second"), 10).stream()
                .map(n -> n.path("path").asText()).toList());
    }

    @Test
    void aReadReturnsOnceItsLineIsWrittenWhileAChangeWaitsForTheSync() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AuditLog audit = new AuditLog(dir, Duration.ofSeconds(30), file -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        audit.append(line("/read"), AuditLog.Ack.WRITTEN);
        assertEquals(List.of("/read"), chainedLines().stream().map(n -> n.path("path").asText()).toList(),
                "the read's line is in the file before any sync finished");
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        Thread change = Thread.ofPlatform().start(() -> {
            try {
                audit.append(line("/change"), AuditLog.Ack.FORCED);
            } catch (Throwable e) {
                failures.add(e);
            }
        });
        change.join(300);
        assertTrue(change.isAlive(), "a change must not be acknowledged before its line is synced");
        release.countDown();
        change.join(10_000);
        assertFalse(change.isAlive());
        assertTrue(failures.isEmpty(), failures.toString());
        audit.close();
        assertEquals(List.of("/read", "/change"), chainedLines().stream().map(n -> n.path("path").asText()).toList());
    }

    @Test
    void aFailedSyncFailsTheChangeWaitingOnItAndClosesTheTrail() throws Exception {
        AuditLog audit = new AuditLog(dir, Duration.ofSeconds(5), file -> {
            throw new IOException("injected: no space left on device");
        });
        StorageException failed = assertThrows(StorageException.class, () -> audit.append(line("/a"), AuditLog.Ack.FORCED));
        assertTrue(failed.getMessage().contains("injected: no space left on device"), failed.getMessage());
        assertTrue(failed.getMessage().contains(dir.resolve(AuditLog.FILE_NAME).toString()), failed.getMessage());
        StorageException later = assertThrows(StorageException.class, () -> audit.append(line("/b"), AuditLog.Ack.WRITTEN));
        assertTrue(later.getMessage().contains("earlier sync"), later.getMessage());
        assertEquals(List.of("/a"), chainedLines().stream().map(n -> n.path("path").asText()).toList(),
                "nothing is written after the failed sync");
        audit.close();
    }

    @Test
    void closingForcesWhatWasWrittenAndRefusesLaterLines() throws Exception {
        AtomicInteger forced = new AtomicInteger();
        AuditLog audit = new AuditLog(dir, Duration.ofSeconds(5), file -> forced.incrementAndGet());
        audit.append(line("/a"), AuditLog.Ack.WRITTEN);
        audit.close();
        assertTrue(forced.get() >= 1, "the written line was forced by the time close returned");
        assertThrows(StorageException.class, () -> audit.append(line("/b"), AuditLog.Ack.WRITTEN));
        assertEquals(List.of("/a"), chainedLines().stream().map(n -> n.path("path").asText()).toList());
    }

    @Test
    void aLeaderWhoseThreadIsInterruptedStillWritesTheBatch() throws Exception {
        AuditLog audit = new AuditLog(dir);
        audit.append(line("/before"), AuditLog.Ack.FORCED);
        // An export job being stopped is interrupted; an interruptible channel would close under its write and fail
        // every line in the batch.
        Thread.currentThread().interrupt();
        try {
            audit.append(line("/interrupted"), AuditLog.Ack.WRITTEN);
        } finally {
            assertTrue(Thread.interrupted(), "the interrupt is kept for the caller");
        }
        audit.append(line("/after"), AuditLog.Ack.FORCED);
        audit.close();
        assertEquals(List.of("/before", "/interrupted", "/after"),
                chainedLines().stream().map(n -> n.path("path").asText()).toList());
    }

    @Test
    void aFileMovedAsideIsFollowedByANewOneWhoseFirstLineChainsOnTheLastLineWritten() throws Exception {
        AuditLog audit = new AuditLog(dir);
        audit.append(line("/a"), AuditLog.Ack.WRITTEN);
        Path file = dir.resolve(AuditLog.FILE_NAME);
        Path rotated = dir.resolve("audit-rotated.jsonl");
        Files.move(file, rotated);
        // The sync that follows the read forces the file written, wherever it now is: no failure.
        Thread.sleep(AuditLog.SYNC_INTERVAL.toMillis() * 4);
        audit.append(line("/b"), AuditLog.Ack.FORCED);
        audit.close();
        String last = Files.readAllLines(rotated, StandardCharsets.UTF_8).getLast();
        List<String> fresh = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertEquals(1, fresh.size(), "the line after the move went to a new file at the path: " + fresh);
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(last.getBytes(StandardCharsets.UTF_8))), JSON.readTree(fresh.get(0)).path("prev").asText());
    }

    @Test
    void linesOfReadsAreForcedWithinTheSyncIntervalWithoutAnyChangeAsking() throws Exception {
        AtomicInteger forced = new AtomicInteger();
        AuditLog audit = new AuditLog(dir, Duration.ofSeconds(5), file -> forced.incrementAndGet());
        for (int n = 1; n <= 3; n++) {
            audit.append(line("/read" + n), AuditLog.Ack.WRITTEN);
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (forced.get() < n && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertEquals(n, forced.get(), "one sync covered read " + n + "'s line");
        }
        audit.close();
    }

    @Test
    void aFileWithLinesOfItsOwnPutAtThePathIsContinuedFromItsLastLine() throws Exception {
        AuditLog audit = new AuditLog(dir);
        audit.append(line("/a"), AuditLog.Ack.WRITTEN);
        Path file = dir.resolve(AuditLog.FILE_NAME);
        Path other = dir.resolve("other.jsonl");
        String restored = "{\"prev\":\"" + "0".repeat(64) + "\",\"path\":\"/restored\"}";
        Files.writeString(other, restored + "\n", StandardCharsets.UTF_8);
        Files.move(other, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        audit.append(line("/b"), AuditLog.Ack.FORCED);
        audit.close();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertEquals(2, lines.size(), lines.toString());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(restored.getBytes(StandardCharsets.UTF_8))), JSON.readTree(lines.get(1)).path("prev").asText());
    }
}
