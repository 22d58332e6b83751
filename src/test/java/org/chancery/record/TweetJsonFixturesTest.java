package org.chancery.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every tweet every importer makes of the real collector fixtures is encoded to exactly the bytes the databind
 * writer gave, and reads back to an equal tweet.
 */
class TweetJsonFixturesTest {
    @TempDir
    Path tmp;

    @Test
    void encodesEveryImportedFixtureTweetAsDatabindDidAndReadsItBack() throws Exception {
        Map<SourceFormat, List<Tweet>> byFormat = FixtureTweets.load(tmp);
        for (SourceFormat f : List.of(SourceFormat.CONGRESSTWEETS, SourceFormat.API_V2, SourceFormat.API_V1,
                SourceFormat.TWITTER_ARCHIVE, SourceFormat.SFM_WARC)) {
            assertTrue(byFormat.containsKey(f) && byFormat.get(f).size() > 3, "tweets from " + f + ": " + byFormat.keySet());
        }
        TweetJson json = new TweetJson();
        DatabindTweetWriter reference = new DatabindTweetWriter();
        int n = 0;
        int embedded = 0;
        for (List<Tweet> tweets : byFormat.values()) {
            for (Tweet t : tweets) {
                byte[] expected = reference.encode(t);
                byte[] written = json.encode(t);
                assertTrue(Arrays.equals(expected, written), () -> "tweet " + t.id() + ":\n"
                        + new String(expected, StandardCharsets.UTF_8) + "\n" + new String(written, StandardCharsets.UTF_8));
                assertEquals(t, json.decode(written), t.id());
                n++;
                embedded += (int) t.referencedTweets().stream().filter(r -> r.embedded() != null).count();
            }
        }
        assertTrue(n > 1000, n + " tweets");
        assertTrue(embedded > 10, embedded + " embedded tweets");
    }
}
