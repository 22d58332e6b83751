package org.chancery.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.chancery.record.Author;
import org.chancery.record.Entities;
import org.chancery.record.Provenance;
import org.chancery.record.ReferenceType;
import org.chancery.record.ReferencedTweet;
import org.chancery.record.SourceFormat;
import org.chancery.record.Tweet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real tweets in several languages are found by a word of their own language, including inflected forms that
 * only that language's analyser relates to the word in the text. Fixture: multilingual.jsonl (see SOURCES.md).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MultilingualSearchTest {
    private static final DateTimeFormatter V1_DATE =
            DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss Z yyyy", Locale.ROOT);

    private final Map<String, JsonNode> rows = new LinkedHashMap<>();
    private final CongressTweetsFixtureLoader entities = new CongressTweetsFixtureLoader();
    private TweetIndex index;
    private Path root;

    @BeforeAll
    void indexFixture(@TempDir Path dir) throws IOException {
        root = dir;
        ObjectMapper json = new ObjectMapper();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                MultilingualSearchTest.class.getResourceAsStream("/fixtures/index/multilingual.jsonl"),
                StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                JsonNode row = json.readTree(line);
                rows.put(row.get("id").asText(), row);
            }
        }
        index = TweetIndex.open(dir.resolve("index"));
        index.index(rows.values().stream().map(row -> IndexedTweet.of(tweet(row, row.get("lang").asText()))).toList());
    }

    @AfterAll
    void closeIndex() {
        index.close();
    }

    private Tweet tweet(JsonNode row, String lang) {
        String created = row.get("created_at").asText();
        Instant at = row.get("format").asText().equals("api-v1.1")
                ? ZonedDateTime.parse(created, V1_DATE).toInstant() : OffsetDateTime.parse(created).toInstant();
        String text = row.get("text").asText();
        Entities found = entities.entities(text);
        List<ReferencedTweet> refs = new ArrayList<>();
        if (!row.get("in_reply_to_status_id").isNull()) {
            refs.add(new ReferencedTweet(ReferenceType.REPLIED_TO, row.get("in_reply_to_status_id").asText(), null));
        }
        return Tweet.builder().id(row.get("id").asText())
                .author(new Author(row.get("user_id").asText(), row.get("screen_name").asText(), null))
                .createdAt(at).text(text).lang(lang).entities(found).referencedTweets(refs)
                .inReplyToUserId(row.get("in_reply_to_user_id").isNull() ? null : row.get("in_reply_to_user_id").asText())
                .provenance(new Provenance(SourceFormat.API_V1, row.get("source_file").asText(), "multilingual fixture",
                        at, "index test"))
                .build();
    }

    private Set<String> ids(TweetIndex in, String query) {
        SearchResult r = in.search(SearchRequest.of(query).withLimit(100));
        assertEquals(r.total(), r.hits().size(), query);
        return Set.copyOf(r.hits().stream().map(Hit::id).toList());
    }

    /** The word must be in the text only in another form, so the match can only come from stemming/segmentation. */
    private void assertFoundOnlyThroughAnalysis(String id, String word, String formInText) {
        String text = rows.get(id).get("text").asText();
        assertTrue(text.contains(formInText), "fixture text of " + id + " contains " + formInText);
        assertEquals(Set.of(id), ids(index, word), word);
    }

    @Test
    void japaneseWordInsideAnUnsegmentedSentenceIsFound() {
        String text = rows.get("972473017325445120").get("text").asText();
        assertTrue(text.contains("安倍首相は急いで"));
        assertEquals(Set.of("972473017325445120"), ids(index, "首相"));
        assertEquals(Set.of("972472992167968769"), ids(index, "セミナー"));
        assertEquals(Set.of("972472992167968769"), ids(index, "\"知識\" lang:ja"));
    }

    @Test
    void arabicWordIsFoundWhenTheTextHasItWithTheDefiniteArticle() {
        assertTrue(!rows.get("690989665701208064").get("text").asText().contains(" موت"));
        assertFoundOnlyThroughAnalysis("690989665701208064", "موت", "الموت");
    }

    @Test
    void frenchSpanishAndRussianInflectedFormsAreFound() {
        assertFoundOnlyThroughAnalysis("689899765132345349", "devoir", "devoirs");
        assertFoundOnlyThroughAnalysis("688436128446328833", "cereza", "cerezas");
        assertFoundOnlyThroughAnalysis("506695756406095872", "оккупация", "оккупации");
        assertFoundOnlyThroughAnalysis("668698218901979136", "японский", "японского");
    }

    @Test
    void koreanWordIsFoundThroughTheLanguageNeutralField() {
        assertEquals(Set.of("972473059276832768"), ids(index, "팬덤"));
    }

    /**
     * The shared corpus holds no tweet tagged zh and no Chinese-language text at all (checked over every file in
     * corpus/). The closest real text is the kanji-heavy Japanese headline of tweet 972473017325445120, indexed
     * here as if tagged zh so that it goes through the Chinese analyser; 中国 and 首相 are written the same in
     * Chinese and Japanese.
     */
    @Test
    void chineseWordInUnsegmentedHanTextIsFound() {
        try (TweetIndex zh = TweetIndex.open(root.resolve("zh"))) {
            zh.index(List.of(IndexedTweet.of(tweet(rows.get("972473017325445120"), "zh"))));
            assertEquals(Set.of("972473017325445120"), ids(zh, "中国 lang:zh"));
            assertEquals(Set.of("972473017325445120"), ids(zh, "首相"));
            assertEquals(Set.of(), ids(zh, "中央政府"));
        }
    }

    /** to:handle comes from the mention at the start of a reply; the oracle is v1.1's in_reply_to_screen_name. */
    @Test
    void repliesAreFoundByTheHandleTheyAddress() {
        int checked = 0;
        for (JsonNode row : rows.values()) {
            if (row.get("format").asText().equals("api-v1.1") && !row.get("in_reply_to_screen_name").isNull()) {
                String to = row.get("in_reply_to_screen_name").asText();
                assertTrue(ids(index, "to:" + to).contains(row.get("id").asText()), to);
                assertTrue(ids(index, "is:reply").contains(row.get("id").asText()));
                checked++;
            }
        }
        assertEquals(2, checked);
    }

    @Test
    void hitsSayWhichPartMatchedAndHighlightIt() {
        SearchResult r = index.search(SearchRequest.of("devoir").withHighlight(true));
        Hit hit = r.hits().getFirst();
        assertEquals(Set.of("tweet"), hit.matchedParts());
        assertTrue(hit.snippet().contains("<mark>devoirs</mark>"), hit.snippet());
        assertEquals(rows.get(hit.id()).get("text").asText(), hit.text());
        assertEquals(Set.of(), index.search(SearchRequest.of("lang:fr")).hits().getFirst().matchedParts());
    }
}
