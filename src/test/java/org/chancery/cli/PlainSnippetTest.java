package org.chancery.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.Passage;
import org.junit.jupiter.api.Test;

/** Snippets formatted by Lucene's HTML passage formatter (as the index does) read back as the tweet's own text. */
class PlainSnippetTest {
    /** Formats {@code text} as the index does, marking the given [start, end) char ranges. */
    private static String lucene(String text, int[]... matches) {
        Passage p = new Passage();
        p.setStartOffset(0);
        p.setEndOffset(text.length());
        for (int[] m : matches) {
            p.addMatch(m[0], m[1], null, 1);
        }
        return new DefaultPassageFormatter("<mark>", "</mark>", "… ", true).format(new Passage[] {p}, text);
    }

    @Test
    void entitiesTheFormatterWritesAreDecodedToTheOriginalText() {
        String text = "Can't <b>stop</b> https://www.facebook.com/x?a=1&b=\"2\" — ok";
        String html = lucene(text, new int[] {0, 5});
        PlainSnippet s = PlainSnippet.ofHtml(html);
        assertEquals(text, s.text(), html);
        assertEquals(List.of(new PlainSnippet.Mark(0, 5)), s.marks());
    }

    @Test
    void marksAreCodePointOffsetsEvenAfterAnEmoji() {
        String text = "👇 healthcare now";
        int start = text.indexOf("healthcare");
        PlainSnippet s = PlainSnippet.ofHtml(lucene(text, new int[] {start, start + "healthcare".length()}));
        assertEquals(text, s.text());
        assertEquals(List.of(new PlainSnippet.Mark(2, 12)), s.marks(), "the emoji is one code point, two chars");
        assertEquals("👇 [healthcare] now", s.marked("[", "]"));
    }

    @Test
    void anAmpersandThatStartsNoEntityIsKept() {
        assertEquals("a & b &bogus; c", PlainSnippet.ofHtml("a & b &bogus; c").text());
    }
}
