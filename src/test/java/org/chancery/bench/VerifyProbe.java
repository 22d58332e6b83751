package org.chancery.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ocfl.api.OcflRepository;
import io.ocfl.api.model.ValidationResults;
import io.ocfl.core.OcflRepositoryBuilder;
import io.ocfl.core.extension.storage.layout.config.HashedNTupleLayoutConfig;
import io.ocfl.core.storage.filesystem.FileSystemStorage;
import io.ocfl.core.validation.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.chancery.archive.RecordOffice;
import org.chancery.archive.VerifyReport;
import org.chancery.config.DataDir;

/**
 * Times the parts of {@code chancery verify} one at a time, to find which of them bounds its throughput:
 * {@code open DIR} (opening the record office), {@code phases DIR} (open, then the store's check, the ledger's check
 * and the whole verification), {@code ocfl DIR THREADS} (ocfl-java's {@code validateObject(id, false)} alone on every
 * object), {@code hash DIR ALGORITHM THREADS} (one digest of every file under the store). Prints wall and process
 * CPU seconds. Read-only: ocfl-java's work folder is a fresh temporary folder.
 */
public final class VerifyProbe {
    private VerifyProbe() {}

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[1]);
        switch (args[0]) {
            case "open" -> timed("open+close", () -> RecordOffice.open(new DataDir(data), Clock.systemUTC()).close());
            case "phases" -> phases(data);
            case "ocfl" -> ocfl(data.resolve("store"), Integer.parseInt(args[2]), 0);
            case "validator" -> ocfl(data.resolve("store"), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            case "hash" -> hash(data.resolve("store"), args[2], Integer.parseInt(args[3]));
            default -> throw new IllegalArgumentException("Unknown probe " + args[0] + ".");
        }
    }

    private static void phases(Path data) throws Exception {
        RecordOffice[] office = new RecordOffice[1];
        timed("open", () -> office[0] = RecordOffice.open(new DataDir(data), Clock.systemUTC()));
        try (RecordOffice o = office[0]) {
            timed("store.verify", () -> System.out.println("  problems " + o.store().verify().size()));
            timed("ledger.verify", () -> System.out.println("  problems " + o.ledger().verify().size()));
            timed("office.verify", () -> {
                VerifyReport r = o.verify();
                System.out.printf(Locale.ROOT, "  %d objects, %.1f MB, %d problems%n", r.objects(),
                        r.contentBytes() / 1e6, r.problems().size());
            });
        }
    }

    /**
     * ocfl-java's validation of every object: through the repository ({@code renew} 0), or through a {@link Validator}
     * of each thread's own, replaced after every {@code renew} objects (its JSON symbol table then stays small).
     */
    private static void ocfl(Path store, int threads, int renew) throws Exception {
        List<String> ids = new ArrayList<>();
        List<String> roots = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        timed("list object ids", () -> {
            try (Stream<Path> s = Files.find(store, 6, (p, a) -> p.getFileName().toString().startsWith("0=ocfl_object"))) {
                for (Path marker : s.toList()) {
                    ids.add(json.readTree(marker.resolveSibling("inventory.json").toFile()).path("id").asText());
                    roots.add(store.relativize(marker.getParent()).toString());
                }
            }
            System.out.println("  " + ids.size() + " objects");
        });
        if (renew > 0) {
            FileSystemStorage storage = new FileSystemStorage(store);
            try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
                for (int round = 0; round < 2; round++) {
                    timed("Validator renewed every " + renew + " x" + roots.size() + " on " + threads + " thread(s)",
                            () -> {
                        ThreadLocal<Validator[]> mine = ThreadLocal.withInitial(() -> new Validator[1]);
                        ThreadLocal<int[]> used = ThreadLocal.withInitial(() -> new int[1]);
                        List<Future<Integer>> all = new ArrayList<>();
                        for (String root : roots) {
                            all.add(pool.submit(() -> {
                                Validator[] v = mine.get();
                                int[] n = used.get();
                                if (v[0] == null || n[0]++ % renew == 0) {
                                    v[0] = new Validator(storage);
                                }
                                return v[0].validateObject(root, false).getErrors().size();
                            }));
                        }
                        int errors = 0;
                        for (Future<Integer> f : all) {
                            errors += f.get();
                        }
                        System.out.println("  errors " + errors);
                    });
                }
            }
            return;
        }
        Path work = Files.createTempDirectory("verifyprobe");
        OcflRepository repo = new OcflRepositoryBuilder().defaultLayoutConfig(new HashedNTupleLayoutConfig())
                .storage(st -> st.fileSystem(store)).workDir(work).build();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int round = 0; round < 2; round++) {
                timed("validateObject x" + ids.size() + " on " + threads + " thread(s)", () -> {
                    List<Future<Integer>> all = new ArrayList<>();
                    for (String id : ids) {
                        all.add(pool.submit(() -> {
                            ValidationResults r = repo.validateObject(id, false);
                            return r.getErrors().size();
                        }));
                    }
                    int errors = 0;
                    for (Future<Integer> f : all) {
                        errors += f.get();
                    }
                    System.out.println("  errors " + errors);
                });
            }
        } finally {
            repo.close();
        }
    }

    private static void hash(Path store, String algorithm, int threads) throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.walk(store)) {
            files = s.filter(Files::isRegularFile).toList();
        }
        AtomicLong bytes = new AtomicLong();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int round = 0; round < 2; round++) {
                bytes.set(0);
                timed(algorithm + " of " + files.size() + " files on " + threads + " thread(s)", () -> {
                    List<Future<?>> all = new ArrayList<>();
                    for (Path f : files) {
                        all.add(pool.submit(() -> {
                            bytes.addAndGet(digest(f, algorithm));
                            return null;
                        }));
                    }
                    for (Future<?> f : all) {
                        f.get();
                    }
                    System.out.printf(Locale.ROOT, "  %.1f MB%n", bytes.get() / 1e6);
                });
            }
        }
    }

    private static long digest(Path file, String algorithm) throws IOException, NoSuchAlgorithmException {
        MessageDigest md = MessageDigest.getInstance(algorithm);
        byte[] buf = new byte[1 << 16];
        long n = 0;
        try (InputStream in = Files.newInputStream(file)) {
            int r;
            while ((r = in.read(buf)) > 0) {
                md.update(buf, 0, r);
                n += r;
            }
        }
        md.digest();
        return n;
    }

    private interface Step {
        void run() throws Exception;
    }

    private static void timed(String what, Step step) throws Exception {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu = os.getProcessCpuTime();
        long t = System.nanoTime();
        step.run();
        System.out.printf(Locale.ROOT, "%-50s wall %6.2f s  cpu %6.2f s%n", what, (System.nanoTime() - t) / 1e9,
                (os.getProcessCpuTime() - cpu) / 1e9);
    }
}
