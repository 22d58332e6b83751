package org.chancery.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BackgroundPriorityTest {
    /** The nice value of the calling thread, read from the kernel (field 19 of /proc/thread-self/stat). */
    private static int niceOfThisThread() throws Exception {
        String stat = Files.readString(Path.of("/proc/thread-self/stat"), StandardCharsets.US_ASCII);
        // The command name (field 2) is in parentheses and may hold spaces: count fields after its closing one.
        String[] rest = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Integer.parseInt(rest[19 - 3]);
    }

    @Test
    void jobThreadsRunAtTheLowestPriorityWhileTheCallerKeepsItsOwn() throws Exception {
        assumeTrue(Files.exists(Path.of("/proc/thread-self/stat")), "Linux only");
        assumeTrue(java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(d -> Files.isExecutable(Path.of(d, "renice"))), "renice is not installed");
        int mine = niceOfThisThread();
        ExecutorService pool = Executors.newSingleThreadExecutor(BackgroundPriority.threads("test-job"));
        try {
            CompletableFuture<Integer> inJob = new CompletableFuture<>();
            CompletableFuture<Integer> inChild = new CompletableFuture<>();
            pool.execute(() -> {
                try {
                    inJob.complete(niceOfThisThread());
                    // A thread the job starts (as an import starts its archiving thread) inherits the priority.
                    Thread child = new Thread(() -> {
                        try {
                            inChild.complete(niceOfThisThread());
                        } catch (Exception e) {
                            inChild.completeExceptionally(e);
                        }
                    });
                    child.start();
                    child.join();
                } catch (Exception e) {
                    inJob.completeExceptionally(e);
                }
            });
            assertEquals(BackgroundPriority.NICE, inJob.get(30, TimeUnit.SECONDS));
            assertEquals(BackgroundPriority.NICE, inChild.get(30, TimeUnit.SECONDS));
            assertEquals(mine, niceOfThisThread());
        } finally {
            pool.shutdownNow();
        }
    }
}
