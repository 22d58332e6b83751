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
import java.util.Random;
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
                "#tag https://t.co/Ab1@user https://t.co/Ab1#x https://t.co/Ab1/more",
                "U.S. H.R. 1.75 $10,769.23 nation.My Castro.Press@gmail.com U.S.-led x.co-op a.b@c a.b+c e.g. x.Com.",
                "x.xn--p1ai x.рф x.中国 x.COM日本 x.com_y http://Monumentsforall.org. http://a.gov.,x http://a.gov.:80",
                "http://a.com. http://a.com.. http://a..com http://a.com:x http://a.com@b http://a.com+ http://a.com-",
                // Found by review: top-level domains that go on in non-ASCII letters.
                "x.verm\u00F6gensberatung go to x.verm\u00F6gensberater. http://a.verm\u00F6gensberatung?q=1");
        texts.forEach(this::assertSame);
    }

    @Test
    void hashtagsOnTheEdgesGiveTheReferenceEntities() {
        List<String> texts = List.of(
                "#start", "x#glued #ok", "#a#b #c##d ##e", "&#39;#amp \uFE0E#vs15 \uFE0F#vs16 #️⃣ #1️⃣ #tag\uFE0F",
                "\uD83D\uDE00#afterEmoji \uD83D\uDE00\uD83D\uDE00#two \uDE00#loneLow \uD83D#loneHigh",
                "＃全角 ＃ハッシュタグ #日本語 #ไทย #العربية #123 #_under #a_1 #1a",
                "#tag.com #tag/x https://example.com/#frag #x https://t.co/Ab1#y",
                "end#", "#", "# #", "a #b# c", "$CASH #tag @user #@ @# #$",
                // Found by review: a sign after a supplementary letter (the scan never starts inside its pair).
                "\uD835\uDC00#tag", "\uD801\uDC00#tag", "a \uD835\uDC00#tag", "\uD835\uDC00\uD835\uDC00#x #y",
                "\uD835#lone \uDC00#lowFirst \uD83D\uDE00#emoji");
        texts.forEach(this::assertSame);
    }

    @Test
    void mentionsOnTheEdgesGiveTheReferenceEntities() {
        List<String> texts = List.of(
                "@start", "RT:@a RT @b rt:@c xRT:@d .RT:@e \uD83D\uDE00RT:@f \uD83D\uDE00@g RT:@@h", "@@double ＠＠全角 ＠x",
                "a@b a_@c a!@d a&@e 1@f x.@g x-@h x~@i x+@j", "@user/list-name @user/1bad @user/ok_list/more",
                "@" + "u".repeat(20) + " @" + "v".repeat(21) + " @x@y @z://w @éa @aé",
                "\uD835\uDC00@user a \uD801\uDC00@x \uD83D\uDE00@y",
                "me@example.com https://t.co/Ab1@user @x.com", "@", "@ @", "end@", "RT:", "RT:@");
        for (String text : texts) {
            assertSame(text);
            assertEquals(describe(reference.extractMentionsOrListsWithIndices(text)),
                    describe(wordwise.extractMentionsOrListsWithIndices(text)), "mentions of: " + text);
            assertEquals(describe(reference.extractMentionedScreennamesWithIndices(text)),
                    describe(wordwise.extractMentionedScreennamesWithIndices(text)), "screen names of: " + text);
        }
    }

    /**
     * Plain URL words ({@link PlainUrlWord}) are answered without the reference's expression, so they are compared
     * with it on many generated words around each of its rules: protocols in other cases, hosts with edge hyphens,
     * underscores, long or punycode labels, unknown or upper-case top-level domains and t.co, ports, paths and
     * queries ending in every kind of character, parentheses, {@code @}, non-ASCII, and glued context on both sides.
     */
    @Test
    void generatedPlainUrlWordsGiveTheReferenceEntities() {
        Random random = new Random(20261202L);
        String[] before = {"", "", " ", "\n", "x", "@", "#", "$", "(", "\"", "日本", "\u00a0", "RT "};
        String[] protocols = {"http://", "https://", "https://", "http://", "HTTP://", "Https://", "ftp://", "",
            "http:/", "https//"};
        String[] labels = {"www", "example", "house", "a", "x-y", "-bad", "bad-", "a_b", "xn--p1ai", "b\u00fccher",
            "co", "123", "ab--cd", "", "t", "A".repeat(63), "a".repeat(64), "pbs", "twimg", "nyti"};
        String[] tameLabels = {"www", "example", "house", "a", "x-y", "123", "ab--cd", "A".repeat(63), "pbs", "T"};
        String[] topLevel = {"com", "org", "gov", "uk", "co", "io", "museum", "community", "notatld", "COM", "Org",
            "рф", "xn--p1ai", "c0m", "", "de", "ms", "ly", "it"};
        String[] tameTopLevel = {"com", "org", "gov", "uk", "co", "io", "museum", "community", "COM", "ly", "it"};
        String pathChars = "abcXYZ019!*';:=+,.$/%#[]-_~|&@()?\"<>{}^`\\\u2013é";
        String tamePathChars = "abcXYZ019!*';:=+,.$/%#[]-_~|&";
        String queryChars = "abcXYZ019!?*'();:&=+$/%#[]-_.,~|@\"<>é";
        String tameQueryChars = "abcXYZ019!?*';:&=+$/%#[]-_.,~|";
        String[] after = {"", "", ".", ",", "!", "?", ")", "…", "x", ".com", "/", " http://b.com", "\u00a0", "'s"};
        String[] tameAfter = {"", "", ".", ",", "!", "?", "...", ":", "/", "\"", "';", "\"example.com",
            "<http://b.org>", "^x.co", "{y}", "(.)", "(,)/", "@x/", "@.,/"};
        int plain = 0;
        int cases = 8_000;
        for (int c = 0; c < cases; c++) {
            // Two words in three are near the plain shape (every rule still varied), one in three anything.
            boolean tame = random.nextInt(3) != 0;
            StringBuilder word = new StringBuilder(tame ? pick(random, protocols).replace("ftp", "http")
                    : pick(random, protocols));
            int hostLabels = random.nextInt(3);
            for (int l = 0; l < hostLabels; l++) {
                word.append(pick(random, tame ? tameLabels : labels)).append('.');
            }
            word.append(pick(random, tame ? tameLabels : labels)).append('.')
                    .append(pick(random, tame ? tameTopLevel : topLevel));
            if (random.nextInt(tame ? 40 : 8) == 0) {
                word.append(random.nextBoolean() ? ":8080" : ":x");
            }
            if (random.nextInt(4) != 0) {
                word.append('/').append(randomChars(random, tame ? tamePathChars : pathChars, random.nextInt(14)));
            }
            if (random.nextInt(3) == 0) {
                word.append('?').append(randomChars(random, tame ? tameQueryChars : queryChars, random.nextInt(10)));
            }
            word.append(pick(random, tame ? tameAfter : after));
            String w = word.toString();
            if (PlainUrlWord.urlEnd(w, 0, w.length()) > 0) {
                plain++;
            }
            assertSame(pick(random, before) + w);
            assertSame("text " + w + " more text");
        }
        assertTrue(plain > cases / 8, "the generated words exercise the plain path often: " + plain + " of " + cases);
        assertTrue(plain < cases * 4 / 5, "and leave many to the reference: " + plain + " of " + cases);
    }

    /**
     * ASCII texts have their hashtags found without the reference's expression; generated texts of the pieces its
     * rules turn on (signs in a row, {@code &}, {@code _}, digits-only tags, {@code ://} and {@code #} after a tag,
     * tags at the start and end) are compared with it, a quarter of them with a non-ASCII piece (the expression's
     * path).
     */
    @Test
    void generatedTextsGiveTheReferenceHashtags() {
        Random random = new Random(20261202L);
        String[] pieces = {"#", "#", "##", "a", "Z", "1", "_", "&", " ", ".", ":", "://", "#tag", "#1", "#_", "x#",
            "&#", "#a_1", "\n", "/", "@", "$", "-", "tag", "RT", "'"};
        String[] other = {"é", "＃", "\uFE0F", "\u20E3", "日本", "\uD83D\uDE00", "\u00a0"};
        int withHashtags = 0;
        for (int c = 0; c < 20_000; c++) {
            StringBuilder text = new StringBuilder();
            int count = 1 + random.nextInt(8);
            for (int p = 0; p < count; p++) {
                text.append(random.nextInt(32) == 0 ? pick(random, other) : pick(random, pieces));
            }
            String t = text.toString();
            // No piece makes a URL, so the reference's hashtags (which leave out those inside URLs) are all of them.
            assertTrue(reference.extractURLsWithIndices(t).isEmpty(), t);
            List<Extractor.Entity> expected = reference.extractHashtagsWithIndices(t);
            assertEquals(describe(expected), describe(WordwiseUrlExtractor.hashtags(t)), "hashtags of: " + t);
            assertSame(t);
            if (!expected.isEmpty()) {
                withHashtags++;
            }
        }
        assertTrue(withHashtags > 3_000, "many generated texts hold hashtags: " + withHashtags);
    }

    @Test
    void realExpandedLinksAreAnsweredWithoutTheReference() {
        for (String url : List.of("http://pbs.twimg.com/media/DEYb3zJXsAEpFtV.jpg",
                "https://twitter.com/realdonaldtrump/status/884142582191849474", "http://nyti.ms/2u0fb3j",
                "https://www.nytimes.com/2017/07/10/us/politics/x.html?smprod=nytcore-iphone&smid=nytcore-iphone-share")) {
            assertEquals(url.length(), PlainUrlWord.urlEnd(url, 0, url.length()), url);
            assertEquals(url.length(), PlainUrlWord.urlEnd(url + ".", 0, url.length() + 1), url + ".");
        }
        assertEquals(-1, PlainUrlWord.urlEnd("http://example.notatld/x", 0, 24));
        assertEquals(-1, PlainUrlWord.urlEnd("https://t.co/abc", 0, 16));
    }

    private static String pick(Random random, String[] choices) {
        return choices[random.nextInt(choices.length)];
    }

    private static String randomChars(Random random, String alphabet, int length) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
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
