package org.chancery.store;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import io.ocfl.api.OcflRepository;
import io.ocfl.core.OcflRepositoryBuilder;
import io.ocfl.core.extension.storage.layout.config.HashedNTupleLayoutConfig;
import org.chancery.ledger.Ledger;

/**
 * The floors under issue #3's verify target and issue #4's reindex target: what the steps those issues require cost
 * alone on this machine, with nothing of ours around them, over a data folder a {@code bench ingest} built.
 *
 * <ul>
 * <li>ocfl-java's validation of every object (structure, inventories, sidecars, no content digests: {@code verify}
 *     hashes content itself), on every core, in rounds: the first in a fresh JVM as {@code chancery verify} runs it,
 *     the later ones warm;</li>
 * <li>reading and SHA-512 of every content file (the inventories' digest algorithm), on every core;</li>
 * <li>reading and SHA-256 of every raw payload file (the log's entries hold each payload's SHA-256, which verify
 *     checks against the stored bytes), on every core;</li>
 * <li>the log's own audit ({@code Ledger.verify}: every entry re-hashed, the root recomputed and held against every
 *     signed checkpoint), on one thread as it runs;</li>
 * <li>reading and decoding every record from the OCFL root (what {@code reindex} reads before indexing).</li>
 * </ul>
 * Each prints wall time and the process's CPU time, and the rate that CPU time alone allows on every core.
 *
 * <p>Usage: {@code FloorBench DATA_DIR [ROUNDS]}. Nothing archived is changed (opening the archive for the last step
 * clears its work folder, as every command does).
 */
public final class FloorBench {
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private FloorBench() {}

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int cores = Runtime.getRuntime().availableProcessors();
        Path root = data.resolve("store");
        List<Path> content;
        try (Stream<Path> walk = Files.walk(root)) {
            content = walk.filter(p -> Files.isRegularFile(p) && root.relativize(p).toString().contains("/content/"))
                    .toList();
        }
        long bytes = 0;
        for (Path p : content) {
            bytes += Files.size(p);
        }
        double mb = bytes / 1e6;
        System.out.printf(Locale.ROOT, "%s: %d content files, %.1f MB; %d cores%n", root, content.size(), mb, cores);
        ExecutorService pool = Executors.newFixedThreadPool(cores);
        Path work = Files.createTempDirectory("floor-bench");
        OcflRepository repo = new OcflRepositoryBuilder().defaultLayoutConfig(new HashedNTupleLayoutConfig())
                .storage(s -> s.fileSystem(root)).workDir(work).build();
        try {
            List<String> ids;
            try (Stream<String> s = repo.listObjectIds()) {
                ids = s.toList();
            }
            for (int r = 1; r <= rounds; r++) {
                List<Callable<Long>> validations = new ArrayList<>();
                for (String id : ids) {
                    validations.add(() -> {
                        repo.invalidateCache(id);
                        return (long) repo.validateObject(id, false).getErrors().size();
                    });
                }
                report("ocfl-java validation, round " + r + " (" + ids.size() + " objects)", pool, validations, mb,
                        "MB/s of content", cores);
            }
            for (int r = 1; r <= rounds; r++) {
                List<Callable<Long>> hashes = new ArrayList<>();
                for (Path p : content) {
                    hashes.add(() -> hash(p, "SHA-512"));
                }
                report("reading and SHA-512 of every content file, round " + r, pool, hashes, mb, "MB/s of content",
                        cores);
            }
            List<Path> raw = content.stream().filter(p -> p.getParent().getFileName().toString().equals("raw")).toList();
            for (int r = 1; r <= rounds; r++) {
                List<Callable<Long>> hashes = new ArrayList<>();
                for (Path p : raw) {
                    hashes.add(() -> hash(p, "SHA-256"));
                }
                report("reading and SHA-256 of every raw payload file (" + raw.size() + "), round " + r, pool, hashes,
                        mb, "MB/s of content", cores);
            }
        } finally {
            pool.shutdownNow();
            repo.close();
            deleteTree(work);
        }
        String origin = Files.readString(data.resolve("keys").resolve("origin")).strip();
        for (int r = 1; r <= rounds; r++) {
            long cpu = OS.getProcessCpuTime();
            long t = System.nanoTime();
            long entries;
            try (Ledger ledger = Ledger.open(data.resolve("ledger"), data.resolve("keys"), origin)) {
                int problems = ledger.verify().size();
                if (problems != 0) {
                    throw new IllegalStateException("the log has " + problems + " problems; measure an intact one");
                }
                entries = ledger.log().size();
            }
            print("the log's audit, round " + r + " (" + entries + " entries)", t, cpu, mb, "MB/s of content", cores);
        }
        for (int r = 1; r <= rounds; r++) {
            AtomicLong records = new AtomicLong();
            long cpu = OS.getProcessCpuTime();
            long t = System.nanoTime();
            try (OcflArchive archive = new OcflArchive(StoreSettings.under(data), Clock.systemUTC(),
                    CommitListener.NONE)) {
                archive.forEachRecord(tweet -> records.incrementAndGet());
            }
            print("reading and decoding every record, round " + r, t, cpu, records.get(), "records/s", cores);
        }
    }

    private static void report(String what, ExecutorService pool, List<Callable<Long>> tasks, double amount,
            String unit, int cores) throws Exception {
        long cpu = OS.getProcessCpuTime();
        long t = System.nanoTime();
        long problems = 0;
        for (Future<Long> f : pool.invokeAll(tasks)) {
            problems += f.get();
        }
        if (problems != 0) {
            throw new IllegalStateException(what + ": " + problems + " problems; measure an intact store");
        }
        print(what, t, cpu, amount, unit, cores);
    }

    private static void print(String what, long t, long cpu, double amount, String unit, int cores) {
        double wall = (System.nanoTime() - t) / 1e9;
        double cpuSeconds = (OS.getProcessCpuTime() - cpu) / 1e9;
        System.out.printf(Locale.ROOT, "%s: %.2f s wall, %.2f s CPU; alone at most %.0f %s on %d cores%n", what, wall,
                cpuSeconds, amount / (cpuSeconds / cores), unit, cores);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static long hash(Path file, String algorithm) throws IOException {
        MessageDigest d;
        try {
            d = MessageDigest.getInstance(algorithm);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                d.update(buf, 0, n);
            }
        }
        d.digest();
        return 0;
    }
}
