package org.chancery.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.chancery.record.ReferenceType;
import org.chancery.record.Tweet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The export's id scan: every match once, in date-then-id order, over several segments, blocks and deletions. */
class IdScanTest {
    @TempDir
    Path dir;
    private final CongressTweetsFixtureLoader loader = new CongressTweetsFixtureLoader();
    private final List<Tweet> july = loader.load("2017-07-10.json");
    private final List<Tweet> december = loader.load("2019-12-28.json");
    private TweetIndex index;

    @BeforeEach
    void open() {
        index = TweetIndex.open(dir.resolve("index"));
        // Several batches, each made visible on its own, give several segments; the deletions leave holes.
        List<Tweet> all = new ArrayList<>(december);
        all.addAll(july);
        for (int from = 0; from < all.size(); from += 150) {
            index.index(all.subList(from, Math.min(all.size(), from + 150)).stream().map(IndexedTweet::of).toList());
        }
        for (int i = 0; i < july.size(); i += 7) {
            index.delete(july.get(i).id());
        }
    }

    @AfterEach
    void close() {
        index.close();
    }

    /** The order an export must have, computed from the fixture tweets themselves: posting time, then id. */
    private List<String> expected(java.util.function.Predicate<Tweet> matches) {
        Set<String> deleted = new java.util.HashSet<>();
        for (int i = 0; i < july.size(); i += 7) {
            deleted.add(july.get(i).id());
        }
        List<Tweet> all = new ArrayList<>(december);
        all.addAll(july);
        return all.stream()
                .filter(t -> !deleted.contains(t.id()) && matches.test(t))
                .sorted(Comparator.comparing((Tweet t) -> t.createdAt().toEpochMilli()).thenComparing(Tweet::id))
                .map(Tweet::id)
                .collect(Collectors.toList());
    }

    private static List<String> drain(IdScan scan, int step) {
        List<String> ids = new ArrayList<>();
        for (List<String> got = scan.next(step); !got.isEmpty(); got = scan.next(step)) {
            assertTrue(got.size() <= step);
            ids.addAll(got);
        }
        return ids;
    }

    @Test
    void everyMatchComesOnceOldestFirstThenByIdWhateverTheBlockSize() {
        List<String> expected = expected(t -> true);
        long tied = july.size() - july.stream().map(Tweet::createdAt).distinct().count();
        assertTrue(tied > 10, "the fixture must have tweets posted at the same instant, to test the tie order");
        for (int block : new int[] {1, 3, 64, IdScan.BLOCK}) {
            try (IdScan scan = index.scanIds("since:2000-01-01", block)) {
                assertEquals(expected.size(), scan.total());
                assertEquals(expected, drain(scan, 97), "block " + block);
            }
        }
    }

    @Test
    void orderIsTheOrderOfDateAscendingSearchPages() {
        String query = "is:retweet OR health*";
        List<String> paged = new ArrayList<>();
        String cursor = null;
        do {
            SearchResult r = index.search(new SearchRequest(query, SortOrder.DATE_ASC, 50, cursor, Set.of(), false,
                    null, Set.of()));
            r.hits().forEach(h -> paged.add(h.id()));
            cursor = r.nextCursor();
        } while (cursor != null);
        assertTrue(paged.size() > 50);
        try (IdScan scan = index.scanIds(query, 5)) {
            assertEquals(paged, drain(scan, 13));
        }
    }

    @Test
    void selectiveQueryYieldsOnlyItsMatches() {
        List<String> retweets = expected(t -> t.referencedTweets().stream()
                .anyMatch(r -> r.type() == ReferenceType.RETWEETED) && "retweet".equals(t.kind()));
        assertTrue(!retweets.isEmpty());
        try (IdScan scan = index.scanIds("is:retweet", 2)) {
            assertEquals(retweets, drain(scan, 1_000));
        }
    }

    @Test
    void scanSeesTheIndexAsItWasWhenItOpened() {
        List<String> expected = expected(t -> true);
        try (IdScan scan = index.scanIds("since:2000-01-01")) {
            List<String> first = scan.next(10);
            index.delete(expected.get(20));
            index.delete(expected.get(expected.size() - 1));
            List<String> ids = new ArrayList<>(first);
            ids.addAll(drain(scan, 100));
            assertEquals(expected, ids);
        }
        try (IdScan after = index.scanIds("since:2000-01-01")) {
            assertEquals(expected.size() - 2, after.total());
        }
    }

    @Test
    void closedScanRefusesToGoOn() {
        IdScan scan = index.scanIds("since:2000-01-01");
        scan.close();
        scan.close();
        assertThrows(IllegalStateException.class, () -> scan.next(1));
    }
}
