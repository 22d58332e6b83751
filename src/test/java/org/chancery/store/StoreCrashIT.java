package org.chancery.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
        List<long[]> acknowledged = KillRounds.run(ROUNDS, BATCH, 20261201L, this::start, this::stderr);
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

    private String stderr() {
        try {
            return Files.readString(data.resolveSibling(data.getFileName() + "-child.err"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no stderr: " + e + ")";
        }
    }
}
