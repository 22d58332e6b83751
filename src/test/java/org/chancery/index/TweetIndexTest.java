package org.chancery.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.twitter.twittertext.Extractor;
import org.chancery.InvalidInputException;
import org.chancery.record.Tweet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pagination, facets, rebuild, near-real-time visibility and idempotence on real congresstweets data. */
class TweetIndexTest {
    @TempDir
    Path dir;
    private final CongressTweetsFixtureLoader loader = new CongressTweetsFixtureLoader();
    private final List<Tweet> july = loader.load("2017-07-10.json");
    private final List<Tweet> december = loader.load("2019-12-28.json");
    private TweetIndex index;

    @BeforeEach
    void open() {
        index = TweetIndex.open(dir.resolve("index"));
    }

    @AfterEach
    void close() {
        index.close();
    }

    private static List<IndexedTweet> indexed(List<Tweet> tweets) {
        return tweets.stream().map(IndexedTweet::of).toList();
    }

    @Test
    void cursorWalksTheWholeResultWithoutDuplicatesOrGapsWhileTweetsAreIndexed() {
        index.index(indexed(july));
        for (SortOrder order : SortOrder.values()) {
            String query = "health* OR is:retweet";
            long before = index.count(query);
            Set<String> original = new HashSet<>(ids(index.search(new SearchRequest(query, order,
                    SearchRequest.MAX_LIMIT, null, Set.of(), false, null, Set.of()))));
            assertEquals(before, original.size());
            List<String> walked = new ArrayList<>();
            String cursor = null;
            int page = 0;
            List<List<Tweet>> arriving = chunks(december, 40);
            do {
                SearchResult r = index.search(new SearchRequest(query, order, 40, cursor, Set.of(), false, null,
                        Set.of()));
                walked.addAll(ids(r));
                cursor = r.nextCursor();
                // New matching tweets (newer than all July ones) and re-indexed copies of the page just read
                // arrive between pages.
                Set<String> onPage = Set.copyOf(ids(r));
                List<Tweet> batch = new ArrayList<>(page < arriving.size() ? arriving.get(page) : List.of());
                batch.addAll(july.stream().filter(t -> onPage.contains(t.id())).toList());
                index.index(indexed(batch));
                page++;
            } while (cursor != null);
            assertEquals(walked.size(), new LinkedHashSet<>(walked).size(), order + ": no duplicates");
            assertTrue(walked.containsAll(original), order + ": no gaps");
            index.rebuild(indexed(july).iterator());
        }
    }

    @Test
    void dateOrdersAreByCreationTimeThenId() {
        index.index(indexed(july));
        List<Tweet> expected = july.stream().filter(t -> t.author().handle().equals("RepDonBeyer"))
                .sorted(Comparator.comparing(Tweet::createdAt).thenComparing(Tweet::id)).toList();
        SearchResult asc = index.search(SearchRequest.of("from:RepDonBeyer").withSort(SortOrder.DATE_ASC).withLimit(100));
        assertEquals(expected.stream().map(Tweet::id).toList(), ids(asc));
        assertEquals(expected.getFirst().createdAt(), asc.hits().getFirst().createdAt());
        assertEquals("RepDonBeyer", asc.hits().getFirst().handle());
    }

    @Test
    void invalidOrForeignCursorsAreRefused() {
        index.index(indexed(july));
        SearchResult first = index.search(SearchRequest.of("health").withLimit(5));
        assertNotNull(first.nextCursor());
        for (SearchRequest bad : List.of(SearchRequest.of("health").withLimit(5).withCursor("not a cursor!"),
                SearchRequest.of("health").withLimit(5).withCursor("YWJj"),
                SearchRequest.of("medicaid").withLimit(5).withCursor(first.nextCursor()),
                SearchRequest.of("health").withSort(SortOrder.DATE_ASC).withLimit(5).withCursor(first.nextCursor()))) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> index.search(bad));
            assertTrue(e.getMessage().startsWith("The cursor is not valid"), e.getMessage());
        }
        assertThrows(InvalidInputException.class, () -> SearchRequest.of("x").withLimit(0));
        assertThrows(InvalidInputException.class, () -> SearchRequest.of("x").withLimit(10_001));
    }

    @Test
    void facetsCountTheWholeResultSetNotThePage() {
        index.index(indexed(july));
        index.index(indexed(december));
        assertFacetsCountTheWholeResultSet(index);
    }

    @Test
    void facetsCountTheSameWhenTheIndexIsSearchedInPartsOnSeveralThreads() {
        // Written in chunks, each made visible by a search, the index has several segments; searched in three parts
        // (of at least 100 documents), every count is merged from several threads' counters.
        try (TweetIndex inParts = TweetIndex.open(dir.resolve("in-parts"), new SlicedSearches(3, 100))) {
            List<Tweet> all = new ArrayList<>(july);
            all.addAll(december);
            for (List<Tweet> chunk : chunks(all, 300)) {
                inParts.index(indexed(chunk));
                inParts.count("until:2100-01-01");
            }
            assertFacetsCountTheWholeResultSet(inParts);
        }
    }

    /** {@code index} holds the July and December fixtures. */
    private void assertFacetsCountTheWholeResultSet(TweetIndex index) {
        List<JsonNode> items = new ArrayList<>(loader.items("2017-07-10.json"));
        items.addAll(loader.items("2019-12-28.json"));
        Map<String, Predicate<JsonNode>> queries = Map.of(
                "until:2100-01-01", i -> true,
                "health* OR is:quote", i -> RawOracle.hasPrefix(RawOracle.withoutQuoteMarker(i), "health")
                        || RawOracle.isQuote(i));
        Extractor extractor = new Extractor();
        DateTimeFormatter month = DateTimeFormatter.ofPattern("yyyy-MM", Locale.ROOT).withZone(ZoneOffset.UTC);
        for (Map.Entry<String, Predicate<JsonNode>> q : queries.entrySet()) {
            List<JsonNode> matching = items.stream().filter(q.getValue()).toList();
            Map<Facet, Map<String, Long>> expected = new HashMap<>();
            for (Facet f : Facet.values()) {
                expected.put(f, new TreeMap<>());
            }
            for (JsonNode i : matching) {
                expected.get(Facet.ACCOUNT).merge(RawOracle.handle(i), 1L, Long::sum);
                expected.get(Facet.MONTH).merge(month.format(RawOracle.time(i)), 1L, Long::sum);
                expected.get(Facet.LANGUAGE).merge("und", 1L, Long::sum);
                String type = RawOracle.isRetweet(i) ? "retweet" : RawOracle.isQuote(i) ? "quote" : "original";
                expected.get(Facet.TYPE).merge(type, 1L, Long::sum);
                Set<String> tags = new HashSet<>();
                extractor.extractHashtags(RawOracle.withoutQuoteMarker(i)).forEach(t -> tags.add(t.toLowerCase(Locale.ROOT)));
                tags.forEach(t -> expected.get(Facet.HASHTAG).merge(t, 1L, Long::sum));
            }
            SearchResult r = index.search(SearchRequest.of(q.getKey()).withLimit(3).withFacets(EnumSet.allOf(Facet.class)));
            assertEquals(3, r.hits().size());
            assertEquals(matching.size(), r.total(), q.getKey());
            for (Facet f : Facet.values()) {
                Map<String, Long> actual = new TreeMap<>();
                r.facets().get(f).forEach(c -> actual.put(c.value(), c.count()));
                assertEquals(expected.get(f), actual, q.getKey() + " facet " + f);
                List<Long> counts = r.facets().get(f).stream().map(FacetCount::count).toList();
                assertEquals(counts.stream().sorted(Comparator.reverseOrder()).toList(), counts, "largest first");
            }
        }
    }

    @Test
    void rebuildingFromScratchGivesIdenticalResults() throws IOException {
        index.index(indexed(july));
        index.index(indexed(december));
        index.commit();
        Map<String, List<String>> before = results();
        index.close();
        try (Stream<Path> files = Files.walk(dir.resolve("index"))) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        assertTrue(Files.notExists(dir.resolve("index")));
        index = TweetIndex.open(dir.resolve("index"));
        assertEquals(0, index.size());
        // Different order and batching than the first time.
        List<Tweet> all = new ArrayList<>(december);
        all.addAll(july);
        for (List<Tweet> chunk : chunks(all, 500)) {
            index.index(indexed(chunk));
        }
        assertEquals(before, results());
        assertEquals(all.size(), index.rebuild(indexed(all.reversed()).iterator()));
        assertEquals(before, results());
        index.close();
        index = TweetIndex.open(dir.resolve("index"));
        assertEquals(before, results(), "after reopening the committed rebuild");
    }

    private Map<String, List<String>> results() {
        Map<String, List<String>> out = new TreeMap<>();
        for (String q : SearchExactnessTest.queries().keySet()) {
            for (SortOrder order : List.of(SortOrder.DATE_DESC, SortOrder.RELEVANCE)) {
                SearchResult r = index.search(SearchRequest.of(q).withSort(order).withLimit(300));
                List<String> page = new ArrayList<>(ids(r));
                page.add("total " + r.total());
                out.put(q + " " + order, page);
            }
        }
        return out;
    }

    @Test
    void indexedTweetIsSearchableAsSoonAsIndexReturnsAndReindexingIsIdempotent() {
        Tweet one = july.getFirst();
        String query = "from:" + one.author().handle() + " since:2017-07-10";
        long already = 0;
        assertEquals(already, index.count(query));
        index.index(indexed(List.of(one)));
        assertEquals(1, index.count(query));
        index.index(indexed(List.of(one)));
        index.index(indexed(List.of(one)));
        assertEquals(1, index.count(query));
        assertEquals(1, index.size());
        index.delete(one.id());
        assertEquals(0, index.count(query));
    }

    @Test
    void everyHandleTheAccountHasHadFindsItsTweets() {
        Tweet one = july.getFirst();
        index.index(List.of(new IndexedTweet(one, List.of("OldHandle", one.author().handle()), "member", "senator",
                false, false)));
        assertEquals(1, index.count("from:oldhandle"));
        assertEquals(1, index.count("from:" + one.author().handle()));
        assertEquals(1, index.count("class:member role:Senator"));
        assertEquals(0, index.count("is:deleted"));
    }

    @Test
    void visibilityFilterAndExcludedIdsRestrictHitsAndTotals() {
        index.index(indexed(july));
        long all = index.count("#trumpcare");
        long originals = index.count("#trumpcare NOT is:retweet");
        SearchResult r = index.search(SearchRequest.of("#trumpcare").withVisibility("NOT is:retweet", Set.of()));
        assertEquals(originals, r.total());
        String hidden = r.hits().getFirst().id();
        SearchResult fewer = index.search(SearchRequest.of("#trumpcare").withVisibility(null, Set.of(hidden))
                .withLimit(SearchRequest.MAX_LIMIT));
        assertEquals(all - 1, fewer.total());
        assertTrue(ids(fewer).stream().noneMatch(hidden::equals));
        assertNull(fewer.nextCursor());
    }

    @Test
    void quotedTextMatchesAreReportedAsQuoted() {
        index.index(indexed(july));
        // 884345601483321347 quotes @realDonaldTrump: "Syrian ceasefire seems to be holding."
        SearchResult r = index.search(SearchRequest.of("ceasefire from:carloslcurbelo").withHighlight(true));
        assertEquals(1, r.total());
        assertEquals(Set.of("quoted"), r.hits().getFirst().matchedParts());
        assertTrue(r.hits().getFirst().snippet().contains("<mark>ceasefire</mark>"), r.hits().getFirst().snippet());
        assertTrue(r.hits().getFirst().text().contains("#Syria"));
    }

    private static List<String> ids(SearchResult r) {
        return r.hits().stream().map(Hit::id).toList();
    }

    private static <T> List<List<T>> chunks(List<T> list, int size) {
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i += size) {
            out.add(list.subList(i, Math.min(list.size(), i + size)));
        }
        return out;
    }
    @Test
    void aWordOnlyInALinkedDocumentFindsTheTweetAndTheHitSaysTheLinkedPartMatched() {
        String word = "quetzalcoatlus";
        assertTrue(july.stream().noneMatch(t -> t.text().toLowerCase(Locale.ROOT).contains(word)));
        Tweet linking = july.get(3);
        index.index(july.stream().map(t -> t == linking
                ? IndexedTweet.of(t).withLinkedText("The statement names the " + word + " clause.")
                : IndexedTweet.of(t)).toList());
        SearchResult r = index.search(new SearchRequest(word, SortOrder.RELEVANCE, 10, null, Set.of(), false, null,
                Set.of()));
        assertEquals(1, r.total());
        assertEquals(linking.id(), r.hits().getFirst().id());
        assertEquals(Set.of("linked"), r.hits().getFirst().matchedParts());
        index.index(List.of(IndexedTweet.of(linking)));
        assertEquals(0, index.count(word), "indexed again without the text, the word no longer finds it");
    }
}
