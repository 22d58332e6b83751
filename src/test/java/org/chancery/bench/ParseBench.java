package org.chancery.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.chancery.capture.CaptureSink;
import org.chancery.capture.CongressTweetsImporter;
import org.chancery.capture.Rejection;
import org.chancery.record.Capture;

/**
 * Parse phase alone: reads replayed congresstweets day files with {@link CongressTweetsImporter} into a sink that
 * only counts, a few rounds, printing tweets/s per round (the first rounds warm the JIT) and tweets per CPU-second
 * of the parsing thread, which a shared machine's load disturbs far less than wall-clock time.
 *
 * <p>Usage: {@code ParseBench DIR [ROUNDS]}.
 */
public final class ParseBench {
    private ParseBench() {}

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.sorted().toList();
        }
        CongressTweetsImporter importer = new CongressTweetsImporter(Clock.systemUTC());
        for (int r = 0; r < rounds; r++) {
            long[] n = new long[1];
            CaptureSink sink = new CaptureSink() {
                @Override
                public void accept(Capture capture) {
                    n[0]++;
                }

                @Override
                public void reject(Rejection rejection) {
                    throw new IllegalStateException(rejection.oneLine());
                }
            };
            java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
            long cpuStart = cpu.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            for (Path f : files) {
                importer.read(f, f.toString(), sink);
            }
            double s = (System.nanoTime() - start) / 1e9;
            double c = (cpu.getCurrentThreadCpuTime() - cpuStart) / 1e9;
            System.out.printf(Locale.ROOT, "parse round %d: %d tweets in %.2f s = %.0f tweets/s; %.2f s of CPU on the"
                    + " parsing thread = %.0f tweets per CPU-second%n", r, n[0], s, n[0] / s, c, n[0] / c);
        }
    }
}
