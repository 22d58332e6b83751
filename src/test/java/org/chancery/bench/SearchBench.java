package org.chancery.bench;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntFunction;
import org.chancery.index.Facet;
import org.chancery.index.IndexedTweet;
import org.chancery.index.SearchRequest;
import org.chancery.index.SortOrder;
import org.chancery.index.TweetIndex;
import org.chancery.record.Author;
import org.chancery.record.Provenance;
import org.chancery.record.SourceFormat;
import org.chancery.record.Tweet;

/**
 * Search latency per query class over an index built by {@code scripts/bench ingest}, and the time from
 * indexing a batch to finding it. Prints p50/p99 per class.
 *
 * <p>Usage: {@code SearchBench DATA/index [CLASS ...]}: only the named classes ({@code term}, {@code phrase},
 * {@code operators}, {@code date-range}, {@code faceted}, {@code nrt}) when any are named.
 */
public final class SearchBench {
    private static final int WARM = 200;
    private static final int RUNS = 2000;
    private static final String[] WORDS = {"healthcare", "senate", "families", "jobs", "veterans", "budget",
        "tax", "vote", "bill", "community", "school", "energy", "security", "water", "congress", "women"};
    private static final String[] PHRASES = {"health care", "town hall", "white house", "tax reform",
        "small business", "national security", "our veterans", "the senate", "this week", "public lands"};
    private static final String[] HANDLES = {"SenateDems", "HouseGOP", "PattyMurray", "JeffFlake", "RepCicilline",
        "SpeakerRyan", "NancyPelosi", "SenSchumer"};
    private static final String[] TAGS = {"trumpcare", "protectourcare", "aca", "medicaid"};

    private SearchBench() {}

    public static void main(String[] args) {
        Set<String> only = Set.copyOf(Arrays.asList(args).subList(1, args.length));
        try (TweetIndex index = TweetIndex.open(Path.of(args[0]))) {
            System.out.printf(Locale.ROOT, "index: %,d tweets%n", index.size());
            run(index, only, "term", i -> req(WORDS[i % WORDS.length], SortOrder.RELEVANCE, Set.of()));
            run(index, only, "phrase", i -> req("\"" + PHRASES[i % PHRASES.length] + "\"", SortOrder.RELEVANCE, Set.of()));
            run(index, only, "operators", i -> req("from:" + HANDLES[i % HANDLES.length] + " (#" + TAGS[i % TAGS.length]
                    + " OR @POTUS) -is:retweet", SortOrder.RELEVANCE, Set.of()));
            run(index, only, "date-range by date", i -> req(String.format(Locale.ROOT,
                    "since:2024-%02d-01 until:2024-%02d-15", 1 + i % 11, 1 + i % 11), SortOrder.DATE_DESC, Set.of()));
            run(index, only, "faceted", i -> req(WORDS[i % WORDS.length], SortOrder.RELEVANCE, EnumSet.allOf(Facet.class)));
            if (only.isEmpty() || only.contains("nrt")) {
                nearRealTime(index);
            }
        }
    }

    private static SearchRequest req(String q, SortOrder sort, Set<Facet> facets) {
        return new SearchRequest(q, sort, 20, null, facets, false, null, Set.of());
    }

    private static void run(TweetIndex index, Set<String> only, String name, IntFunction<SearchRequest> query) {
        if (!only.isEmpty() && !only.contains(name.split(" ")[0])) {
            return;
        }
        long total = 0;
        for (int i = 0; i < WARM; i++) {
            total += index.search(query.apply(i)).total();
        }
        long[] nanos = new long[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long t = System.nanoTime();
            total += index.search(query.apply(i)).total();
            nanos[i] = System.nanoTime() - t;
        }
        report(name, nanos, "(" + total / (WARM + RUNS) + " hits per query on average)");
    }

    /** Index one new tweet and search for it until found, 200 times: the acknowledgement-to-searchable time. */
    private static void nearRealTime(TweetIndex index) {
        long[] nanos = new long[200];
        for (int i = 0; i < nanos.length; i++) {
            String word = "nrtprobe" + i + "x" + System.nanoTime();
            Tweet t = Tweet.builder().id(Long.toString(9_000_000_000_000_000_000L + i)).author(new Author("1", "bench", null))
                    .createdAt(Instant.parse("2025-06-01T00:00:00Z")).text("probe " + word)
                    .provenance(new Provenance(SourceFormat.CONGRESSTWEETS, "bench", "-", Instant.now(), "bench"))
                    .build();
            long start = System.nanoTime();
            index.index(List.of(IndexedTweet.of(t)));
            while (index.count(word) == 0) {
                Thread.onSpinWait();
            }
            nanos[i] = System.nanoTime() - start;
            index.delete(t.id());
        }
        report("index → searchable", nanos, "");
    }

    private static void report(String name, long[] nanos, String note) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "%-20s p50 %7.2f ms  p99 %7.2f ms  max %7.2f ms  %s%n", name,
                sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.99)] / 1e6,
                sorted[sorted.length - 1] / 1e6, note);
    }
}
