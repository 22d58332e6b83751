package org.chancery.api;

import java.io.IOException;
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
 * {@code /proc/thread-self}. Where that is not possible (another system, no {@code renice}), jobs run at normal
 * priority and the server says so once in its log.
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

    /** Lowers the calling thread to nice 19; false, with nothing changed, where that is not possible. */
    static boolean lowerCurrentThread() {
        Path self = Path.of("/proc/thread-self");
        try {
            String tid = self.toRealPath().getFileName().toString();
            Process renice = new ProcessBuilder("renice", "-n", String.valueOf(NICE), "-p", tid)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!renice.waitFor(10, TimeUnit.SECONDS)) {
                renice.destroyForcibly();
                return false;
            }
            return renice.exitValue() == 0;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
