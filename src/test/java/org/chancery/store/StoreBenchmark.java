package org.chancery.store;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.chancery.record.Author;
import org.chancery.record.Capture;
import org.chancery.record.Provenance;
import org.chancery.record.RawPayload;
import org.chancery.record.SourceFormat;
import org.chancery.record.Tweet;

/**
 * A manual measurement, not a test: put + flush throughput and verify throughput for generated captures.
 * Arguments: directory (must not exist), captures, accounts, months, batch size.
 */
public final class StoreBenchmark {
    private StoreBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        int accounts = Integer.parseInt(args[2]);
        int months = Integer.parseInt(args[3]);
        int batchSize = Integer.parseInt(args[4]);
        List<Capture> batch = new ArrayList<>(batchSize);
        long rawBytes = 0;
        long t0 = System.nanoTime();
        long putNanos = 0;
        long putCpu = 0;
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (OcflArchive archive = new OcflArchive(StoreSettings.under(data), Clock.systemUTC(), CommitListener.NONE)) {
            for (int n = 0; n < count; n++) {
                Capture c = capture(n, accounts, months, count);
                rawBytes += c.raw().size();
                batch.add(c);
                if (batch.size() == batchSize) {
                    long s = System.nanoTime();
                    long c0 = threads.getCurrentThreadCpuTime();
                    archive.put("benchmark", batch);
                    putCpu += threads.getCurrentThreadCpuTime() - c0;
                    putNanos += System.nanoTime() - s;
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                archive.put("benchmark", batch);
            }
            long f = System.nanoTime();
            long fc = threads.getCurrentThreadCpuTime();
            archive.flush();
            long flushCpu = threads.getCurrentThreadCpuTime() - fc;
            long flushNanos = System.nanoTime() - f;
            double total = (System.nanoTime() - t0) / 1e9;
            System.out.printf("put+flush: %d captures, %.1f MB raw, %.2f s total (%.0f captures/s); puts %.2f s, "
                    + "final flush %.2f s%n", count, rawBytes / 1e6, total, count / total, putNanos / 1e9,
                    flushNanos / 1e9);
            System.out.printf("cpu of the calling thread: puts %.2f s, final flush %.2f s%n", putCpu / 1e9,
                    flushCpu / 1e9);
            long stored = size(data.resolve("store"));
            if (args.length > 5 && args[5].equals("noverify")) {
                return;
            }
            long v = System.nanoTime();
            List<StoreProblem> problems = archive.verify();
            double verifySeconds = (System.nanoTime() - v) / 1e9;
            System.out.printf("verify: %d problems, %.1f MB stored, %.2f s (%.0f MB/s)%n", problems.size(),
                    stored / 1e6, verifySeconds, stored / 1e6 / verifySeconds);
            long r = System.nanoTime();
            for (int n = 0; n < count; n += 97) {
                archive.find(Long.toString(2_000_000_000_000L + n)).orElseThrow();
            }
            System.out.printf("find: %.1f µs per tweet%n", (System.nanoTime() - r) / 1e3 / (count / 97));
        }
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf("peak heap (sum of pool peaks): %.0f MB%n", peak / 1e6);
    }

    private static long size(Path root) throws Exception {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    static Capture capture(int n, int accounts, int months, int count) {
        String id = Long.toString(2_000_000_000_000L + n);
        String author = Long.toString(1000 + n % accounts);
        // Time-ordered like a collector's daily files: the capture number walks through the months.
        Instant created = Instant.parse("2017-01-01T00:00:00Z").plusSeconds((long) n * months * 30L * 86400 / count);
        byte[] raw = TestCaptures.syntheticRaw(n);
        String text = new String(raw, StandardCharsets.UTF_8);
        Tweet tweet = Tweet.builder().id(id).author(new Author(author, "a" + author, "Account " + author))
                .createdAt(created).text(text.substring(0, Math.min(280, text.length()))).lang("en")
                .sourceClient("Twitter Web Client")
                .provenance(new Provenance(SourceFormat.API_V2, "bench.jsonl", "line " + n, created, "bench"))
                .build();
        return new Capture(tweet, RawPayload.of(raw));
    }
}
