package org.chancery.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.chancery.record.Entities;
import org.junit.jupiter.api.Test;

class EntityExtractorTest {
    private final EntityExtractor extractor = new EntityExtractor();

    /** Code-point index of {@code part} in {@code text}, worked out without the extractor. */
    private static int cp(String text, String part) {
        int utf16 = text.indexOf(part);
        assertTrue(utf16 >= 0, part + " is in the text");
        return text.codePointCount(0, utf16);
    }

    @Test
    void offsetsCountCodePointsNotUtf16UnitsAfterAnAstralEmoji() {
        String text = "\uD83C\uDDFA\uD83C\uDDF8 Proud of #Congress today @SpeakerRyan $SPY";
        Entities e = extractor.extract(text);
        int tag = cp(text, "#Congress");
        int at = cp(text, "@SpeakerRyan");
        int cash = cp(text, "$SPY");
        assertEquals(List.of(new Entities.Hashtag("Congress", tag, tag + 9)), e.hashtags());
        assertEquals(List.of(new Entities.Mention("SpeakerRyan", null, at, at + 12)), e.mentions());
        assertEquals(List.of(new Entities.Cashtag("SPY", cash, cash + 4)), e.cashtags());
        assertTrue(text.indexOf("#Congress") > tag, "the emoji makes UTF-16 and code-point offsets differ");
    }

    @Test
    void shortLinksHaveUnknownTargetAndOtherLinksAreTheirOwnTarget() {
        String text = "Read https://t.co/AbC123xyZ and https://www.house.gov/press now";
        List<Entities.Url> urls = extractor.extract(text).urls();
        assertEquals(2, urls.size());
        Entities.Url tco = urls.get(0);
        assertEquals("https://t.co/AbC123xyZ", tco.url());
        assertNull(tco.expandedUrl());
        assertNull(tco.displayUrl());
        assertEquals(cp(text, "https://t.co"), tco.start());
        assertEquals(cp(text, "https://t.co") + tco.url().length(), tco.end());
        Entities.Url house = urls.get(1);
        assertEquals("https://www.house.gov/press", house.url());
        assertEquals("https://www.house.gov/press", house.expandedUrl());
        assertEquals("https://www.house.gov/press", house.displayUrl());
    }

    @Test
    void recognisesShortLinksWithoutSchemeOrInUpperCase() {
        assertTrue(EntityExtractor.isShortLink("t.co/abcde"));
        assertTrue(EntityExtractor.isShortLink("HTTP://T.CO/abcde"));
        assertTrue(!EntityExtractor.isShortLink("https://t.com/abcde"));
        assertTrue(!EntityExtractor.isShortLink("https://example.com/?u=https://t.co/x"));
    }

    @Test
    void hashtagInsideAUrlBelongsToTheUrl() {
        Entities e = extractor.extract("see http://example.com/#anchor");
        assertEquals(List.of(), e.hashtags());
        assertEquals(1, e.urls().size());
    }

    @Test
    void listReferenceIsNotAMention() {
        Entities e = extractor.extract("@cspan/congress and @SenateGOP");
        assertEquals(List.of("SenateGOP"), e.mentions().stream().map(Entities.Mention::handle).toList());
    }

    @Test
    void plainTextHasNoEntities() {
        assertTrue(extractor.extract("").isEmpty());
        assertTrue(extractor.extract("nothing to see here").isEmpty());
    }
}
