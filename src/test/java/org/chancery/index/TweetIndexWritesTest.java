package org.chancery.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.chancery.record.Author;
import org.chancery.record.Provenance;
import org.chancery.record.SourceFormat;
import org.chancery.record.Tweet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes without a reopen per call: a search sees every write that returned before it began; a rebuild indexes
 * groups in parallel, keeps the latest state of a tweet within its group, and leaves searches on the old contents
 * until it is complete.
 */
class TweetIndexWritesTest {
    @TempDir
    Path dir;

    private static IndexedTweet tweet(String id, String text) {
        return IndexedTweet.of(Tweet.builder().id(id).author(new Author("7", "writer", null))
                .createdAt(Instant.parse("2024-03-01T12:00:00Z")).text(text)
                .provenance(new Provenance(SourceFormat.CONGRESSTWEETS, "test", "-", Instant.parse("2024-03-02T00:00:00Z"),
                        "test"))
                .build());
    }

    @Test
    void aSearchFindsWhatWasAddedOrReplacedOrDeletedBeforeItBegan() {
        try (TweetIndex index = TweetIndex.open(dir)) {
            index.add(List.of(tweet("1", "alpha statement"), tweet("2", "beta statement")), id -> true);
            assertEquals(2, index.count("statement"));
            index.add(List.of(tweet("1", "gamma statement")), id -> false);
            assertEquals(0, index.count("alpha"), "a replaced tweet's earlier text is gone");
            assertEquals(1, index.count("gamma"));
            assertEquals(2, index.size(), "replacing keeps one document per tweet");
            index.delete("2");
            assertEquals(0, index.count("beta"));
            assertEquals(1, index.size());
        }
    }

    @Test
    void whileSearchesAreServedWritesAreVisibleToTheNextSearchToo() {
        try (TweetIndex index = TweetIndex.open(dir)) {
            // A search first: later writes reopen the reader before they return, instead of the next search.
            assertEquals(0, index.search(SearchRequest.of("statement")).total());
            index.add(List.of(tweet("1", "alpha statement")), id -> true);
            assertEquals(1, index.search(SearchRequest.of("statement")).total());
            index.add(List.of(tweet("1", "gamma statement")), id -> false);
            assertEquals(List.of("1"), index.search(SearchRequest.of("gamma")).hits().stream().map(Hit::id).toList());
            index.delete("1");
            assertEquals(0, index.search(SearchRequest.of("statement")).total());
        }
    }

    @Test
    void rebuildKeepsTheLatestStateOfEachTweetOfAGroupAndCountsEveryStateHandedOver() {
        try (TweetIndex index = TweetIndex.open(dir)) {
            index.index(List.of(tweet("9", "old contents")));
            long handed = index.rebuild(sink -> {
                List<List<IndexedTweet>> groups = new ArrayList<>();
                groups.add(List.of(tweet("1", "first wording"), tweet("1", "second wording"), tweet("2", "other")));
                for (int g = 0; g < 20; g++) {
                    groups.add(List.of(tweet(Integer.toString(100 + g), "filler " + g)));
                }
                for (List<IndexedTweet> group : groups) {
                    sink.accept(group);
                    assertEquals(1, index.count("old"), "searches see the old contents during a rebuild");
                }
            }, Map.of("mark", "1"), 2);
            assertEquals(23, handed);
            assertEquals(22, index.size());
            assertEquals(0, index.count("first"));
            assertEquals(1, index.count("second"));
            assertEquals(0, index.count("old"));
            assertEquals(20, index.count("filler"));
            assertEquals(Map.of("mark", "1"), index.committedMarks());
        }
    }
}
