package org.chancery.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.chancery.record.Tweet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Searches scoped to a caller's access levels hide and reveal tweets by their indexed facts, across an embargo end. */
class AccessScopeTest {
    private static final String ALL = "since:2000-01-01";
    private static final Set<String> PUBLIC = Set.of("public");
    private static final Set<String> STAFF = Set.of("public", "internal");
    /** The embargo end every embargoed tweet of the fixture shares, and a clock fixed just before it. */
    private static final Instant END = Instant.parse("2017-08-09T00:00:00Z");
    private static final Clock BEFORE = Clock.fixed(END.minusMillis(1), ZoneOffset.UTC);

    @TempDir
    Path dir;
    private TweetIndex index;
    /** Per tweet id: lasting level, embargo level (null when none), as assigned here; null for no facts at all. */
    private final Map<String, String[]> assigned = new LinkedHashMap<>();

    @BeforeEach
    void open() {
        index = TweetIndex.open(dir.resolve("index"));
        List<Tweet> tweets = new CongressTweetsFixtureLoader().load("2017-07-10.json");
        List<IndexedTweet> docs = new ArrayList<>();
        int i = 0;
        for (Tweet t : tweets) {
            IndexedTweet plain = IndexedTweet.of(t);
            switch (i++ % 6) {
                case 0 -> put(docs, plain, "public", null);
                case 1 -> put(docs, plain, "internal", null);
                case 2 -> put(docs, plain, "restricted", null);
                case 3 -> put(docs, plain, "public", "internal");
                case 4 -> put(docs, plain, "public", "restricted");
                default -> docs.add(plain);
            }
        }
        index.index(docs);
    }

    private void put(List<IndexedTweet> docs, IndexedTweet plain, String lasting, String embargo) {
        assigned.put(plain.tweet().id(), new String[] {lasting, embargo});
        docs.add(plain.withAccess(new AccessFacts(lasting, embargo == null ? null : END, embargo)));
    }

    @AfterEach
    void close() {
        index.close();
    }

    /** The ids a caller seeing {@code levels} may see at {@code now}, worked out from the assignments alone. */
    private Set<String> expected(Set<String> levels, Instant now) {
        Set<String> ids = new HashSet<>();
        assigned.forEach((id, a) -> {
            String level = a[1] != null && now.isBefore(END) ? a[1] : a[0];
            if (levels.contains(level)) {
                ids.add(id);
            }
        });
        return ids;
    }

    private SearchResult search(Set<String> levels, Instant now) {
        return index.search(new SearchRequest(ALL, SortOrder.DATE_ASC, SearchRequest.MAX_LIMIT, null,
                Set.of(Facet.TYPE), false, null, Set.of(), new AccessScope(levels, now)));
    }

    private static Set<String> ids(SearchResult r) {
        Set<String> ids = new HashSet<>();
        r.hits().forEach(h -> ids.add(h.id()));
        return ids;
    }

    @Test
    void embargoedTweetsStayHiddenUntilTheEmbargoEnds() {
        Instant now = BEFORE.instant();
        for (Set<String> levels : List.of(PUBLIC, STAFF)) {
            Set<String> want = expected(levels, now);
            SearchResult r = search(levels, now);
            assertEquals(want, ids(r), "hits for " + levels + " before the embargo end");
            assertEquals(want.size(), r.total(), "total for " + levels + " before the embargo end");
        }
        // Public sees only never-embargoed public tweets: one in six of the fixture.
        assertEquals(assigned.values().stream().filter(a -> a[0].equals("public") && a[1] == null).count(),
                search(PUBLIC, now).total());
    }

    @Test
    void embargoedTweetsAppearAtTheInstantTheEmbargoEnds() {
        Set<String> before = ids(search(PUBLIC, BEFORE.instant()));
        Clock atEnd = Clock.offset(BEFORE, Duration.ofMillis(1));
        Set<String> after = ids(search(PUBLIC, atEnd.instant()));
        assertEquals(expected(PUBLIC, atEnd.instant()), after);
        Set<String> revealed = new HashSet<>(after);
        revealed.removeAll(before);
        Set<String> wantRevealed = new HashSet<>();
        assigned.forEach((id, a) -> {
            if (a[1] != null && a[0].equals("public")) {
                wantRevealed.add(id);
            }
        });
        assertEquals(wantRevealed, revealed, "exactly the embargoed tweets that end public are revealed");
        assertTrue(after.containsAll(before), "nothing visible before the end disappears after it");
    }

    @Test
    void facetCountsCountOnlyWhatTheScopeAllows() {
        Instant now = BEFORE.instant();
        SearchResult r = search(STAFF, now);
        long counted = r.facets().get(Facet.TYPE).stream().mapToLong(FacetCount::count).sum();
        assertEquals(expected(STAFF, now).size(), counted);
    }

    @Test
    void tweetsWithoutAccessFactsMatchNoScopeButUnscopedSearches() {
        Set<String> visible = ids(search(Set.of("public", "internal", "restricted"), BEFORE.instant()));
        assertEquals(assigned.keySet(), visible, "every level allowed shows every tweet with facts, only those");
        long all = index.search(SearchRequest.of(ALL)).total();
        assertTrue(all > assigned.size(), "unscoped search also finds the tweets without facts");
    }
}
