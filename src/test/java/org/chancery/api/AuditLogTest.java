package org.chancery.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

    @Test
    void concurrentAppendsAreEachWrittenOnceInOneUnbrokenChain() throws Exception {
        AuditLog audit = new AuditLog(dir);
        int threads = 24;
        int each = 40;
        CountDownLatch go = new CountDownLatch(1);
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        List<Thread> started = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int k = t;
            started.add(Thread.ofPlatform().start(() -> {
                try {
                    go.await();
                    for (int i = 0; i < each; i++) {
                        audit.append(line("/t" + k + "/" + i));
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }));
        }
        go.countDown();
        for (Thread t : started) {
            t.join();
        }
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
        audit.append(line("/a"));
        audit.append(line("/b"));
        Path file = dir.resolve(AuditLog.FILE_NAME);
        Path aside = dir.resolve("aside.jsonl");
        Files.move(file, aside);
        Files.createDirectory(file);
        StorageException e = assertThrows(StorageException.class, () -> audit.append(line("/lost")));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        Files.delete(file);
        Files.move(aside, file);
        audit.append(line("/c"));
        List<String> paths = chainedLines().stream().map(n -> n.path("path").asText()).toList();
        assertEquals(List.of("/a", "/b", "/c"), paths);
    }

    @Test
    void everyCallerWaitingOnAFailedWriteFails() throws Exception {
        AuditLog audit = new AuditLog(dir, Duration.ofSeconds(5));
        Files.createDirectory(dir.resolve(AuditLog.FILE_NAME));
        int threads = 8;
        CountDownLatch go = new CountDownLatch(1);
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        List<Thread> started = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int k = t;
            started.add(Thread.ofPlatform().start(() -> {
                try {
                    go.await();
                    audit.append(line("/t" + k));
                } catch (Throwable e) {
                    failures.add(e);
                }
            }));
        }
        go.countDown();
        for (Thread t : started) {
            t.join();
        }
        assertEquals(threads, failures.size());
        failures.forEach(f -> assertTrue(f instanceof StorageException, f.toString()));
    }

    @Test
    void aNewAuditLogContinuesTheChainOfAnExistingFile() throws Exception {
        new AuditLog(dir).append(line("/first"));
        AuditLog reopened = new AuditLog(dir);
        assertEquals(1, reopened.read(n -> true, 10).size());
        reopened.append(line("/second"));
        assertEquals(List.of("/first", "/second"), chainedLines().stream().map(n -> n.path("path").asText()).toList());
        assertEquals(List.of("/second"), reopened.read(n -> n.path("path").asText().equals("/second"), 10).stream()
                .map(n -> n.path("path").asText()).toList());
    }
}
