package org.chancery.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import static org.chancery.index.RawOracle.hasHashtag;
import static org.chancery.index.RawOracle.hasMention;
import static org.chancery.index.RawOracle.hasPhrase;
import static org.chancery.index.RawOracle.hasPrefix;
import static org.chancery.index.RawOracle.hasWord;
import static org.chancery.index.RawOracle.handle;
import static org.chancery.index.RawOracle.time;
import static org.chancery.index.RawOracle.withoutQuoteMarker;

/** The index's exact counts equal counts computed independently by scanning the raw congresstweets JSON. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchExactnessTest {
    static final String[] FILES = {"2017-07-10.json", "2019-12-28.json"};

    TweetIndex index;
    final List<JsonNode> items = new ArrayList<>();

    @BeforeAll
    void indexFixtures(@TempDir Path dir) {
        CongressTweetsFixtureLoader loader = new CongressTweetsFixtureLoader();
        index = TweetIndex.open(dir.resolve("index"));
        for (String f : FILES) {
            items.addAll(loader.items(f));
            index.index(loader.load(f).stream().map(IndexedTweet::of).toList());
        }
    }

    @AfterAll
    void closeIndex() {
        index.close();
    }

    /** Query → independent predicate over a raw item. */
    static Map<String, Predicate<JsonNode>> queries() {
        Instant jul11 = Instant.parse("2017-07-11T00:00:00Z");
        Instant jul12 = Instant.parse("2017-07-12T00:00:00Z");
        Instant dec28 = Instant.parse("2019-12-28T00:00:00Z");
        Predicate<JsonNode> beyer = i -> handle(i).equalsIgnoreCase("RepDonBeyer");
        Predicate<JsonNode> casey = i -> handle(i).equalsIgnoreCase("SenBobCasey");
        Predicate<JsonNode> trumpcareTag = i -> hasHashtag(withoutQuoteMarker(i), "trumpcare");
        Predicate<JsonNode> health = i -> hasWord(withoutQuoteMarker(i), "health");
        Map<String, Predicate<JsonNode>> q = new java.util.LinkedHashMap<>();
        q.put("from:RepDonBeyer", beyer);
        q.put("from:@repdonbeyer", beyer);
        q.put("#trumpcare", trumpcareTag);
        q.put("#TrumpCare", trumpcareTag);
        q.put("#protectourcare", i -> hasHashtag(withoutQuoteMarker(i), "protectourcare"));
        q.put("@realDonaldTrump", i -> hasMention(withoutQuoteMarker(i), "realDonaldTrump"));
        q.put("@SenateGOP", i -> hasMention(withoutQuoteMarker(i), "SenateGOP"));
        q.put("\"health care\"", i -> hasPhrase(withoutQuoteMarker(i), "health", "care"));
        q.put("medicaid", i -> hasWord(withoutQuoteMarker(i), "medicaid"));
        q.put("health*", i -> hasPrefix(withoutQuoteMarker(i), "health"));
        q.put("since:2017-07-11 until:2017-07-12", i -> !time(i).isBefore(jul11) && time(i).isBefore(jul12));
        q.put("since:2019-12-28", i -> !time(i).isBefore(dec28));
        q.put("until:2017-07-11", i -> time(i).isBefore(jul11));
        q.put("is:retweet", RawOracle::isRetweet);
        q.put("is:quote", RawOracle::isQuote);
        q.put("is:original", i -> !RawOracle.isRetweet(i) && !RawOracle.isQuote(i));
        q.put("has:media", RawOracle::hasMedia);
        q.put("url:nytimes.com", i -> RawOracle.linksTo(withoutQuoteMarker(i), "nytimes.com"));
        q.put("url:www.nytimes.com", i -> RawOracle.linksTo(withoutQuoteMarker(i), "www.nytimes.com"));
        q.put("russia OR russian", i -> hasWord(withoutQuoteMarker(i), "russia")
                || hasWord(withoutQuoteMarker(i), "russian"));
        q.put("#trumpcare AND NOT is:retweet", trumpcareTag.and(i -> !RawOracle.isRetweet(i)));
        q.put("(from:RepDonBeyer OR from:SenBobCasey) -health", beyer.or(casey).and(health.negate()));
        q.put("trumpcare -#trumpcare", i -> hasWord(withoutQuoteMarker(i), "trumpcare") && !trumpcareTag.test(i));
        q.put("health care medicaid", health.and(i -> hasWord(withoutQuoteMarker(i), "care"))
                .and(i -> hasWord(withoutQuoteMarker(i), "medicaid")));
        q.put("NOT is:retweet NOT is:quote since:2019-12-28",
                i -> !RawOracle.isRetweet(i) && !RawOracle.isQuote(i) && !time(i).isBefore(dec28));
        return q;
    }

    @Test
    void everyQueryCountsExactlyWhatTheRawItemsSay() {
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, Predicate<JsonNode>> e : queries().entrySet()) {
            long expected = items.stream().filter(e.getValue()).count();
            long counted = index.count(e.getKey());
            long searched = index.search(SearchRequest.of(e.getKey())).total();
            assertTrue(expected > 0 && expected < items.size(), e.getKey() + " selects " + expected);
            if (expected != counted || expected != searched) {
                wrong.add(e.getKey() + ": raw " + expected + ", count " + counted + ", search " + searched);
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void searchReturnsExactlyTheMatchingIds() {
        for (String q : List.of("#trumpcare", "\"health care\"", "(from:RepDonBeyer OR from:SenBobCasey) -health")) {
            List<String> expected = items.stream().filter(queries().get(q)).map(i -> i.get("id").asText()).sorted().toList();
            SearchResult r = index.search(SearchRequest.of(q).withLimit(SearchRequest.MAX_LIMIT));
            assertEquals(expected, r.hits().stream().map(Hit::id).sorted().toList(), q);
            assertEquals(null, r.nextCursor(), q);
        }
    }

    @Test
    void theWholeArchiveIsCountedExactly() {
        assertEquals(items.size(), index.size());
        assertEquals(items.size(), index.count("until:2100-01-01"));
    }
}
