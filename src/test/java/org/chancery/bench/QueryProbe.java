package org.chancery.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.chancery.index.AccessScope;
import org.chancery.index.SearchRequest;
import org.chancery.index.SortOrder;
import org.chancery.index.TweetIndex;

/**
 * Latency of single queries, one thread, over an index: which queries of a class are the slow ones. Each query runs
 * for every caller scope (none as admins search, {@code public + internal} as staff do, {@code public}) with
 * {@link SearchBench}'s page of 20 by relevance; prints p50/p99, the searching thread's mean CPU time (which other
 * processes on a shared machine disturb much less) and the exact total per query and scope.
 *
 * <p>Usage: {@code QueryProbe DATA/index [RUNS] [QUERY ...]}; without queries, the phrases and words the API
 * benchmark uses.
 */
public final class QueryProbe {
    private static final String[] DEFAULT = {"\"health care\"", "\"town hall\"", "\"white house\"", "\"tax reform\"",
        "\"small business\"", "\"national security\"", "\"our veterans\"", "\"the senate\"", "\"this week\"",
        "\"public lands\"", "healthcare", "senate", "families", "jobs", "veterans", "budget", "tax", "vote", "bill",
        "community", "school", "energy", "security", "water", "congress", "women"};

    private QueryProbe() {}

    public static void main(String[] args) {
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        String[] queries = args.length > 2 ? Arrays.copyOfRange(args, 2, args.length) : DEFAULT;
        record Scope(String name, AccessScope scope) {}
        List<Scope> scopes = new ArrayList<>();
        scopes.add(new Scope("admin", null));
        scopes.add(new Scope("staff", new AccessScope(Set.of("public", "internal"), Instant.now())));
        scopes.add(new Scope("public", new AccessScope(Set.of("public"), Instant.now())));
        try (TweetIndex index = TweetIndex.open(Path.of(args[0]))) {
            System.out.printf(Locale.ROOT, "index: %,d tweets%n", index.size());
            // Warm every query and scope first so the JIT has compiled the common paths before timing.
            for (int round = 0; round < 3; round++) {
                for (String q : queries) {
                    for (Scope s : scopes) {
                        for (int i = 0; i < 20; i++) {
                            index.search(request(q, s.scope()));
                        }
                    }
                }
            }
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long[] cpuSum = new long[scopes.size()];
            for (String q : queries) {
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-22s", q));
                for (Scope s : scopes) {
                    long[] nanos = new long[runs];
                    long total = 0;
                    long cpu0 = threads.getCurrentThreadCpuTime();
                    for (int i = 0; i < runs; i++) {
                        long t = System.nanoTime();
                        total = index.search(request(q, s.scope())).total();
                        nanos[i] = System.nanoTime() - t;
                    }
                    long cpu = (threads.getCurrentThreadCpuTime() - cpu0) / runs;
                    cpuSum[scopes.indexOf(s)] += cpu;
                    Arrays.sort(nanos);
                    line.append(String.format(Locale.ROOT, "  %s %,8d hits p50 %6.2f p99 %6.2f ms cpu %6.2f ms",
                            s.name(), total, nanos[runs / 2] / 1e6, nanos[(int) (runs * 0.99)] / 1e6, cpu / 1e6));
                }
                System.out.println(line);
            }
            for (int i = 0; i < scopes.size(); i++) {
                System.out.printf(Locale.ROOT, "%s: mean CPU per query %.2f ms%n", scopes.get(i).name(),
                        cpuSum[i] / 1e6 / queries.length);
            }
        }
    }

    private static SearchRequest request(String q, AccessScope scope) {
        return new SearchRequest(q, SortOrder.RELEVANCE, 20, null, Set.of(), false, null, Set.of(), scope);
    }
}
