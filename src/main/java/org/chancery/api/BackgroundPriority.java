package org.chancery.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Background jobs (imports, exports) run at the lowest CPU priority, so that they take the cores only when requests
 * leave them idle: on two cores, an import at the requests' priority takes one and a half of them and a search then
 * waits for its time slice (in {@code scripts/bench api}, p99 of searches during an import 104 ms at normal priority,
 * 35 ms at nice 19, on the same loaded machine).
 *
 * <p>Linux keeps a nice value per thread, and a thread starts with the value of the thread that starts it, so a job
 * thread lowered before it starts its helpers (the archiving thread, Lucene's merge threads) lowers them too. Java
 * has no API for it: the standard {@code renice} tool is run on the thread's own id, read from
 * {@code /proc/thread-self}, and the result read back from the kernel. Where that is not possible (another system, no {@code renice}), jobs run at normal
 * priority and each job thread says so once in the server's log.
 */
final class BackgroundPriority {
    /** Linux's lowest priority. */
    static final int NICE = 19;
    private static final Logger LOG = LoggerFactory.getLogger(BackgroundPriority.class);

    private BackgroundPriority() {}

    /** Threads named {@code prefix-1}, {@code prefix-2} …, daemons, each lowered to nice 19 before its first task. */
    static ThreadFactory threads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(() -> {
                if (!lowerCurrentThread()) {
                    LOG.info("{} runs at normal CPU priority: the thread could not be reniced.",
                            Thread.currentThread().getName());
                }
                r.run();
            }, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Lowers the calling thread to nice 19; false where that is not possible (the kernel's word, not renice's). */
    static boolean lowerCurrentThread() {
        Path self = Path.of("/proc/thread-self");
        try {
            if (nice(self) == NICE) {
                return true;
            }
            String tid = self.toRealPath().getFileName().toString();
            Process renice = new ProcessBuilder("renice", "-n", String.valueOf(NICE), "-p", tid)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!renice.waitFor(10, TimeUnit.SECONDS)) {
                renice.destroyForcibly();
                return false;
            }
            // -n is absolute for util-linux's renice and an increment for POSIX's: read what the kernel applied.
            return nice(self) == NICE;
        } catch (IOException | RuntimeException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The thread's nice value: field 19 of its {@code stat}, counted after the parenthesised command name. */
    private static int nice(Path thread) throws IOException {
        String stat = Files.readString(thread.resolve("stat"), StandardCharsets.US_ASCII);
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Integer.parseInt(fields[19 - 3]);
    }
}
