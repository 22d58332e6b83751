package org.chancery.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a process that is archiving (SIGKILL, at random moments: while it opens and replays the journal, while
 * it appends, while it commits to OCFL) a dozen times in a row on the same directories, then checks that the
 * store verifies clean and that every acknowledged capture is there byte for byte, exactly once.
 */
class StoreCrashIT {
    private static final int ROUNDS = 12;
    private static final int BATCH = 40;
    private static final int FLUSH_CAPTURES = 400;

    @TempDir
    Path data;

    @Test
    void everyAcknowledgedCaptureSurvivesRepeatedKills() throws Exception {
        Random random = new Random(20261201L);
        List<long[]> acknowledged = new ArrayList<>();
        long next = 0;
        for (int round = 0; round < ROUNDS; round++) {
            // Restart a little before the last acknowledgement so that duplicates of archived captures are sent too.
            long from = Math.max(0, next - BATCH * (1 + random.nextInt(3)));
            AtomicLong highest = new AtomicLong(next);
            CountDownLatch opened = new CountDownLatch(1);
            Process child = start(from);
            List<long[]> acks = new ArrayList<>();
            Thread reader = new Thread(() -> AckReader.read(child, acks, highest, opened));
            reader.start();
            boolean killDuringOpen = round % 4 == 3;
            if (killDuringOpen) {
                Thread.sleep(300 + random.nextInt(700));
            } else {
                if (!opened.await(30, TimeUnit.SECONDS)) {
                    child.destroyForcibly();
                    fail("the child did not open the archive in 30 s: " + stderr(child));
                }
                Thread.sleep(200 + random.nextInt(1500));
            }
            if (!child.isAlive()) {
                fail("the child exited by itself with " + child.exitValue() + ": " + stderr(child));
            }
            child.destroyForcibly();
            assertTrue(child.waitFor(20, TimeUnit.SECONDS));
            reader.join();
            synchronized (acks) {
                acknowledged.addAll(acks);
            }
            next = highest.get();
        }
        assertTrue(next > 5 * BATCH, "the children acknowledged too little work to test anything: " + next);
        System.out.println("StoreCrashIT: " + ROUNDS + " kills, " + acknowledged.size()
                + " acknowledged batches, captures 0.." + next);
        try (OcflArchive archive = new OcflArchive(StoreSettings.under(data), OcflArchiveTest.CLOCK,
                CommitListener.NONE)) {
            assertEquals(List.of(), archive.verify());
            for (long[] range : acknowledged) {
                for (long n = range[0]; n < range[1]; n++) {
                    String id = TestCaptures.syntheticId(n);
                    StoredTweet stored = archive.find(id).orElseThrow(() -> new AssertionError(
                            "acknowledged capture " + id + " is missing"));
                    assertArrayEquals(TestCaptures.syntheticRaw(n), stored.raw().bytes(), id);
                    assertEquals(1, archive.history(id).size(), "archived once: " + id);
                }
            }
        }
    }

    private Process start(long from) throws IOException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        return new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                StoreCrashChild.class.getName(), data.toString(), Long.toString(from), Integer.toString(BATCH),
                Integer.toString(FLUSH_CAPTURES))
                .redirectError(data.resolveSibling(data.getFileName() + "-child.err").toFile())
                .start();
    }

    private String stderr(Process child) {
        try {
            return Files.readString(data.resolveSibling(data.getFileName() + "-child.err"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no stderr: " + e + ")";
        }
    }
}
