package org.chancery.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.twitter.twittertext.Extractor;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The word-wise URL extraction gives exactly what Twitter's plain reference extractor gives on the whole text:
 * compared on every text of a real congresstweets day, every text of twitter-text's own conformance suite, and
 * texts built to sit on the edges of the word-wise reasoning (blanks of each kind, URLs at the very start and
 * end, dots outside URLs, URLs glued to other scripts and punctuation, t.co links at and past the slug limit).
 */
class WordwiseUrlExtractorTest {
    private final Extractor reference = new Extractor();
    private final Extractor wordwise = new WordwiseUrlExtractor();

    @Test
    void everyRealCongressTweetsTextGivesTheReferenceEntities() throws IOException {
        JsonNode day;
        try (InputStream in = getClass().getResourceAsStream("/fixtures/congresstweets/2017-07-10.json")) {
            day = new ObjectMapper().readTree(in);
        }
        int withUrls = 0;
        for (JsonNode item : day) {
            String text = item.get("text").asText();
            assertSame(text);
            if (!reference.extractURLsWithIndices(text).isEmpty()) {
                withUrls++;
            }
        }
        assertTrue(day.size() > 1_000, "the fixture day holds over a thousand tweets");
        assertTrue(withUrls > 500, "most real tweets carry a link, so the comparison covers URLs: " + withUrls);
    }

    @Test
    void everyTextOfTheConformanceSuiteGivesTheReferenceEntities() throws IOException {
        JsonNode suite;
        try (InputStream in = getClass().getResourceAsStream("/fixtures/twitter-text/extract.yml")) {
            suite = new YAMLMapper().readTree(in);
        }
        List<String> texts = new ArrayList<>();
        suite.path("tests").forEach(section -> section.forEach(c -> texts.add(c.path("text").asText())));
        assertTrue(texts.size() > 100, "the suite has its cases under tests: " + texts.size());
        texts.forEach(this::assertSame);
    }

    @Test
    void textsOnTheEdgesGiveTheReferenceEntities() {
        List<String> texts = List.of(
                "example.com",
                "see example.com",
                "example.com is here",
                "Done. Next.\nhttps://t.co/AbCdEf123 and http://www.state.gov/r/pa.",
                "a\texample.org\rb\nwww.house.gov/x?y=1&z=2#frag,",
                "@user.example.com #tag.com $CASH.co",
                "(https://example.com/path_(with)_parens) [example.co.uk/page].",
                "日本語example.com中国語 http://twitter.com/これは日本語です。example.com",
                "no urls here... just dots. and words.",
                "RT @x: quoted https://twitter.com/x/status/123 QT @x text http://bit.ly/abc",
                "..example.com.. http://.com https://-bad-.com ok.co",
                "\u00a0example.com\u3000example.net\u2003example.org",
                "x.co/abc t.co/ https://t.co/abcdefghijklmnop?x=y",
                "mailto:me@example.com me@example.com ftp://example.com",
                "https://example.com",
                "https://t.co/" + "a".repeat(40) + " https://t.co/" + "b".repeat(41) + " http://t.co/x",
                "HTTPS://T.CO/AbC https://t.co/abc. https://t.co/abc… (https://t.co/abc) https://t.co/",
                "U.S.A. e.g.example.com end. foo.(bar).com a.-b.com x.рф пример.рф b.xn--p1ai",
                "#tag https://t.co/Ab1@user https://t.co/Ab1#x https://t.co/Ab1/more");
        texts.forEach(this::assertSame);
    }

    @Test
    void hashtagsOnTheEdgesGiveTheReferenceEntities() {
        List<String> texts = List.of(
                "#start", "x#glued #ok", "#a#b #c##d ##e", "&#39;#amp \uFE0E#vs15 \uFE0F#vs16 #️⃣ #1️⃣ #tag\uFE0F",
                "\uD83D\uDE00#afterEmoji \uD83D\uDE00\uD83D\uDE00#two \uDE00#loneLow \uD83D#loneHigh",
                "＃全角 ＃ハッシュタグ #日本語 #ไทย #العربية #123 #_under #a_1 #1a",
                "#tag.com #tag/x https://example.com/#frag #x https://t.co/Ab1#y",
                "end#", "#", "# #", "a #b# c", "$CASH #tag @user #@ @# #$");
        texts.forEach(this::assertSame);
    }

    @Test
    void mentionsOnTheEdgesGiveTheReferenceEntities() {
        List<String> texts = List.of(
                "@start", "RT:@a RT @b rt:@c xRT:@d .RT:@e \uD83D\uDE00RT:@f \uD83D\uDE00@g RT:@@h", "@@double ＠＠全角 ＠x",
                "a@b a_@c a!@d a&@e 1@f x.@g x-@h x~@i x+@j", "@user/list-name @user/1bad @user/ok_list/more",
                "@" + "u".repeat(20) + " @" + "v".repeat(21) + " @x@y @z://w @éa @aé",
                "me@example.com https://t.co/Ab1@user @x.com", "@", "@ @", "end@", "RT:", "RT:@");
        for (String text : texts) {
            assertSame(text);
            assertEquals(describe(reference.extractMentionsOrListsWithIndices(text)),
                    describe(wordwise.extractMentionsOrListsWithIndices(text)), "mentions of: " + text);
            assertEquals(describe(reference.extractMentionedScreennamesWithIndices(text)),
                    describe(wordwise.extractMentionedScreennamesWithIndices(text)), "screen names of: " + text);
        }
    }

    @Test
    void aTextWithoutDotsIsLeftToTheReference() {
        assertTrue(wordwise.extractURLsWithIndices("no dot, no url").isEmpty());
        assertFalse(wordwise.extractURLsWithIndices("one.com").isEmpty());
    }

    private void assertSame(String text) {
        assertEquals(describe(reference.extractURLsWithIndices(text)), describe(wordwise.extractURLsWithIndices(text)),
                "URLs of: " + text);
        assertEquals(describe(reference.extractEntitiesWithIndices(text)),
                describe(wordwise.extractEntitiesWithIndices(text)), "entities of: " + text);
    }

    private static List<String> describe(List<Extractor.Entity> entities) {
        return entities.stream()
                .map(e -> e.getType() + " " + e.getStart() + "-" + e.getEnd() + " " + e.getValue() + " "
                        + e.getListSlug() + " " + e.getDisplayURL() + " " + e.getExpandedURL())
                .toList();
    }
}
