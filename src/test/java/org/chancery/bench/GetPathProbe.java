package org.chancery.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.chancery.archive.ProvenTweetJson;
import org.chancery.archive.RecordOffice;
import org.chancery.config.DataDir;
import org.chancery.index.Hit;
import org.chancery.index.SearchRequest;
import org.chancery.retention.PolicySet;
import org.chancery.retention.RetentionEngine;

/**
 * The archive's share of {@code GET /tweets/{id}} without HTTP: one thread reads random archived tweets with their
 * proof ({@code RecordOffice.findWithJson}), the store read alone, and the retention decision, and prints the thread's
 * CPU time per call of each, which other processes on a shared machine disturb far less than the API bench's figure.
 *
 * <p>Usage: {@code GetPathProbe DATA POLICY-DIR [ROUNDS]}.
 */
public final class GetPathProbe {
    private static final int CALLS = 20_000;

    private GetPathProbe() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        Clock clock = Clock.systemUTC();
        try (RecordOffice office = RecordOffice.open(new DataDir(Path.of(args[0])), clock)) {
            RetentionEngine engine = office.retention(PolicySet.load(Path.of(args[1]))).engine();
            List<String> ids = new ArrayList<>();
            for (Hit h : office.search(SearchRequest.of("since:2000-01-01").withLimit(5_000)).hits()) {
                ids.add(h.id());
            }
            Random random = new Random(42);
            String[] picked = new String[CALLS];
            for (int i = 0; i < CALLS; i++) {
                picked[i] = ids.get(random.nextInt(ids.size()));
            }
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long sink = 0;
            for (int round = 0; round < rounds; round++) {
                long t0 = threads.getCurrentThreadCpuTime();
                for (String id : picked) {
                    sink += office.findWithJson(id).map(ProvenTweetJson::tweetJson).map(b -> b.length).orElse(0);
                }
                long t1 = threads.getCurrentThreadCpuTime();
                for (String id : picked) {
                    sink += office.store().findWithJson(id).map(s -> s.json().length).orElse(0);
                }
                long t2 = threads.getCurrentThreadCpuTime();
                for (String id : picked) {
                    sink += office.store().findWithJson(id)
                            .map(s -> engine.decide(s.stored().tweet(), clock.instant()).access().ordinal()).orElse(0);
                }
                long t3 = threads.getCurrentThreadCpuTime();
                System.out.printf(Locale.ROOT, "round %d: findWithJson (store + proof) %.1f µs, store read %.1f µs,"
                        + " store read + decision %.1f µs CPU per call%n", round, (t1 - t0) / 1e3 / CALLS,
                        (t2 - t1) / 1e3 / CALLS, (t3 - t2) / 1e3 / CALLS);
            }
            System.out.println("(checksum " + sink + ")");
        }
    }
}
