package org.chancery.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.chancery.capture.CaptureSink;
import org.chancery.capture.CongressTweetsImporter;
import org.chancery.capture.Rejection;
import org.chancery.index.IndexedTweet;
import org.chancery.index.TweetIndex;
import org.chancery.record.Capture;

/**
 * The search index's share of an import alone: replayed congresstweets day files are parsed into memory first, then
 * indexed in batches as an import hands them over, timed by wall clock and by the CPU time of the whole process
 * (merges and refreshes run on threads of their own), which a shared machine's load disturbs far less.
 *
 * <p>Usage: {@code IndexBench DIR INDEX_DIR MODE [BATCH]}, MODE one of {@code visible} (each batch replaces by id
 * and is made searchable before the next: how imports indexed before), {@code replace} (replace by id, searchable
 * at the end) or {@code add} (added as new documents, searchable at the end).
 */
public final class IndexBench {
    private IndexBench() {}

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Path indexDir = Path.of(args[1]);
        String mode = args[2];
        int batch = args.length > 3 ? Integer.parseInt(args[3]) : 5_000;
        List<IndexedTweet> tweets = load(dir);
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        try (TweetIndex index = TweetIndex.open(indexDir)) {
            for (int from = 0; from < tweets.size(); from += batch) {
                List<IndexedTweet> part = tweets.subList(from, Math.min(tweets.size(), from + batch));
                switch (mode) {
                    case "visible" -> {
                        index.index(part);
                        index.size(); // a search after each batch reopens the reader, as imports once did
                    }
                    case "replace" -> index.index(part);
                    case "add" -> index.add(part, id -> true);
                    default -> throw new IllegalArgumentException("mode visible, replace or add, not " + mode);
                }
            }
            index.size();
            long t1 = System.nanoTime();
            long cpu1 = os.getProcessCpuTime();
            index.commit();
            long t2 = System.nanoTime();
            long cpu2 = os.getProcessCpuTime();
            System.out.printf(Locale.ROOT, "index %s: %d tweets in %.2f s wall, %.2f s CPU = %.0f tweets per CPU-second;"
                    + " commit %.2f s wall, %.2f s CPU; total %.0f tweets per CPU-second; %d files%n", mode,
                    tweets.size(), (t1 - t0) / 1e9, (cpu1 - cpu0) / 1e9, tweets.size() / ((cpu1 - cpu0) / 1e9),
                    (t2 - t1) / 1e9, (cpu2 - cpu1) / 1e9, tweets.size() / ((cpu2 - cpu0) / 1e9), files(indexDir));
            System.out.printf(Locale.ROOT, "index size %d%n", index.size());
        }
    }

    private static List<IndexedTweet> load(Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.sorted().toList();
        }
        List<IndexedTweet> tweets = new ArrayList<>();
        CaptureSink sink = new CaptureSink() {
            @Override
            public void accept(Capture capture) {
                tweets.add(IndexedTweet.of(capture.tweet()));
            }

            @Override
            public void reject(Rejection rejection) {
                throw new IllegalStateException(rejection.oneLine());
            }
        };
        CongressTweetsImporter importer = new CongressTweetsImporter(Clock.systemUTC());
        for (Path f : files) {
            importer.read(f, f.toString(), sink);
        }
        return tweets;
    }

    private static long files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }
}
