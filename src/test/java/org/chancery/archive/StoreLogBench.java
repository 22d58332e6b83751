package org.chancery.archive;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.chancery.capture.CongressTweetsImporter;
import org.chancery.capture.FilesAhead;
import org.chancery.config.DataDir;
import org.chancery.ledger.Ledger;
import org.chancery.store.ArchivingSink;
import org.chancery.store.BatchResult;
import org.chancery.store.OcflArchive;
import org.chancery.store.StoreSettings;

/**
 * Issue #3's measure: a bulk import into the durable store and the tamper-evident log alone, without the search
 * index (whose share {@code bench ingest} includes and {@code bench index} shows alone): replayed congresstweets days
 * parsed and handed to the OCFL archive in batches as {@code chancery import} does, every batch acknowledged
 * after its journal fsync, the journal committed to OCFL with one log entry per tweet and signed checkpoints.
 * Wall time and the CPU time of the whole process (user + system). It lives beside the record office because the
 * recorder that logs each commit is the office's own.
 *
 * <p>Files are read ahead as {@code chancery import} reads them ({@link FilesAhead}), as many at once as there are
 * cores unless FILES_AT_ONCE says otherwise; 0 reads them one after another on the main thread, as imports did
 * before.
 *
 * <p>Usage: {@code StoreLogBench REPLAY_DIR DATA_DIR [FILES_AT_ONCE]} (DATA_DIR must not exist).
 */
public final class StoreLogBench {
    private StoreLogBench() {}

    public static void main(String[] args) throws Exception {
        Path input = Path.of(args[0]);
        DataDir data = new DataDir(Path.of(args[1]));
        if (Files.exists(data.root())) {
            throw new IllegalArgumentException(data.root() + " exists; the bench imports into a fresh data folder.");
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(input)) {
            files = s.sorted().toList();
        }
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        // As `chancery import` reads them by default (one at a time on its own thread); 0 reads them on this thread.
        int filesAtOnce = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        Clock clock = Clock.systemUTC();
        Ledger ledger = Ledger.open(data.ledger(), data.keys(), "chancery.bench/store-log");
        BatchResult result;
        try (LeafIndex leaves = LeafIndex.open(data.leafIndex(), ledger.log());
             OcflArchive archive = new OcflArchive(StoreSettings.under(data.root()), clock,
                     new LedgerRecorder(ledger, leaves));
             ArchivingSink sink = new ArchivingSink(archive, 5_000, r -> System.err.println(r.oneLine()))) {
            CongressTweetsImporter importer = new CongressTweetsImporter(clock);
            if (filesAtOnce == 0) {
                for (Path f : files) {
                    sink.producer("bench " + f.getFileName());
                    importer.read(f, f.toString(), sink);
                }
            } else {
                try (FilesAhead ahead = new FilesAhead("bench-reader", filesAtOnce, 4_096)) {
                    Deque<FilesAhead.Events> read = new ArrayDeque<>();
                    int next = 0;
                    for (Path f : files) {
                        while (next < files.size() && ahead.wantsMore()) {
                            Path file = files.get(next++);
                            read.add(ahead.add(s -> importer.read(file, file.toString(), s)));
                        }
                        sink.producer("bench " + f.getFileName());
                        read.removeFirst().replayInto(sink);
                    }
                }
            }
            result = sink.finish();
            archive.flush();
        } finally {
            ledger.close();
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
        System.out.printf(Locale.ROOT, "store + log: %,d tweets in %.1f s = %.0f tweets/s; process CPU %.1f s = %.0f µs"
                + " per tweet (user + system); %d file(s) read at once%n", result.added(), wall,
                result.added() / wall, cpu, cpu * 1e6 / result.added(), filesAtOnce);
    }
}
