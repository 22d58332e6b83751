package org.chancery.capture;

import com.twitter.twittertext.Extractor;
import com.twitter.twittertext.Regex;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Twitter's reference {@link Extractor}, with its URL extraction run only where a URL can be.
 *
 * <p>The reference URL expression needs a dot (every domain ends in {@code .tld}), and no part of a URL, nor the
 * protocol, may hold a blank (space, tab, line break): each match is one character of context followed by a URL
 * inside a single run of non-blank characters containing a dot followed by a top-level domain
 * ({@link PlainUrlWord#mayHoldUrl}). Its only look-behind stays inside the URL, and
 * its look-aheads accept a blank and the end of the text alike. So running the reference on each such run, with
 * the blank before it, and shifting the offsets gives exactly what it gives on the whole text, at a fraction of
 * the cost: the expression is no longer tried at every position of every word. A word that is just a plain t.co
 * link, the commonest URL by far, is recognised without the expression, and so is a word starting with a plain
 * ASCII http(s) URL ({@link PlainUrlWord}).
 *
 * <p>Hashtags in {@link #extractEntitiesWithIndices}: the reference's hashtag expression is one code point of
 * context (or the start of the text) followed by {@code #} or {@code ＃}, and the reference tries it at every position
 * of a text holding either sign. Every match therefore starts zero, one or two UTF-16 units (one code point, which
 * may be a surrogate pair) before such a sign, so trying the same expression anchored at those few positions only,
 * in increasing order and never before where the previous match ended (where the reference's scan goes on), finds
 * exactly the matches the reference's scan finds (an ASCII text's hashtags are found without the expression, see
 * {@link #asciiHashtags}). Mentions and lists are found the same way (see
 * {@link #extractMentionsOrListsWithIndices}). The rest (the end-of-match checks, cashtags, overlap removal) is the
 * reference's own expressions or, for overlap removal (private in the reference), a copy of its code.
 */
final class WordwiseUrlExtractor extends Extractor {
    /**
     * The reference's {@code extractEntitiesWithIndices}, with hashtags found as described above: URLs, hashtags,
     * mentions and lists, cashtags, sorted by start, and each entity starting inside the previous kept one dropped.
     */
    @Override
    public List<Entity> extractEntitiesWithIndices(String text) {
        List<Entity> entities = new ArrayList<>();
        entities.addAll(extractURLsWithIndices(text));
        entities.addAll(hashtags(text));
        entities.addAll(extractMentionsOrListsWithIndices(text));
        entities.addAll(extractCashtagsWithIndices(text));
        // The reference's overlap removal: a stable sort by start, then drop what starts before the kept one ends.
        entities.sort(Comparator.comparingInt(e -> e.getStart()));
        if (!entities.isEmpty()) {
            Iterator<Entity> it = entities.iterator();
            Entity previous = it.next();
            while (it.hasNext()) {
                Entity current = it.next();
                if (previous.getEnd() > current.getStart()) {
                    it.remove();
                } else {
                    previous = current;
                }
            }
        }
        return entities;
    }

    /**
     * The reference's mentions and lists, found the way hashtags are: every match of its expression starts at most
     * five UTF-16 units before an {@code @} or {@code ＠} (one code point, or {@code RT} with an optional colon after
     * one code point), so the expression is tried at those positions only, in the reference's scan order.
     */
    @Override
    public List<Entity> extractMentionsOrListsWithIndices(String text) {
        return atSigns(text, '@', '\uFF20', 5, false, Regex.VALID_MENTION_OR_LIST, Regex.INVALID_MENTION_MATCH_END,
                WordwiseUrlExtractor::mentionOrList);
    }

    /** The reference's entity for a mention or list match. */
    private static Entity mentionOrList(Matcher m) {
        if (m.group(Regex.VALID_MENTION_OR_LIST_GROUP_LIST) == null) {
            return new Entity(m, Entity.Type.MENTION, Regex.VALID_MENTION_OR_LIST_GROUP_USERNAME);
        }
        return new Entity(m.start(Regex.VALID_MENTION_OR_LIST_GROUP_USERNAME) - 1,
                m.end(Regex.VALID_MENTION_OR_LIST_GROUP_LIST), m.group(Regex.VALID_MENTION_OR_LIST_GROUP_USERNAME),
                m.group(Regex.VALID_MENTION_OR_LIST_GROUP_LIST), Entity.Type.MENTION);
    }

    /** The hashtags the reference's scan finds, URLs not taken into account (as in its entity extraction). */
    static List<Entity> hashtags(String text) {
        if (text == null || (text.indexOf('#') < 0 && text.indexOf('\uFF03') < 0)) {
            return List.of();
        }
        if (isAscii(text)) {
            return asciiHashtags(text);
        }
        return atSigns(text, '#', '\uFF03', 2, true, Regex.VALID_HASHTAG, Regex.INVALID_HASHTAG_MATCH_END,
                m -> new Entity(m, Entity.Type.HASHTAG, Regex.VALID_HASHTAG_GROUP_TAG));
    }

    /**
     * The reference's hashtag scan on an ASCII text, without its expression. On ASCII its expression reads: the
     * start of the text or one character other than {@code &}, a letter, a digit or {@code _}; then {@code #}; then
     * the longest run of letters, digits and {@code _}, which must hold a letter (its Unicode classes and
     * variation-selector rules concern non-ASCII characters only). A scan finds the first such match at or after
     * where the previous one ended, so each {@code #} is tried in turn with the character before it (never inside
     * the previous match, whose characters after its {@code #} are all excluded before a sign), and a match followed
     * by {@code #} or {@code ://} is skipped as the reference skips it.
     */
    private static List<Entity> asciiHashtags(String text) {
        List<Entity> found = new ArrayList<>();
        for (int sign = text.indexOf('#'); sign >= 0; sign = text.indexOf('#', sign + 1)) {
            if (sign > 0) {
                char before = text.charAt(sign - 1);
                if (before == '&' || before == '_' || PlainUrlWord.isAsciiLetterOrDigit(before)) {
                    continue;
                }
            }
            int end = sign + 1;
            boolean letter = false;
            for (char c; end < text.length()
                    && ((c = text.charAt(end)) == '_' || PlainUrlWord.isAsciiLetterOrDigit(c)); end++) {
                letter |= !(c >= '0' && c <= '9') && c != '_';
            }
            if (!letter) {
                continue;
            }
            if (!text.startsWith("#", end) && !text.startsWith("://", end)) {
                found.add(new Entity(sign, end, text.substring(sign + 1, end), Entity.Type.HASHTAG));
            }
        }
        return found;
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 128) {
                return false;
            }
        }
        return true;
    }

    /**
     * The matches of {@code valid} a scan of the whole text would find, trying it only from {@code lookBack} UTF-16
     * units before each {@code sign} (or its full-width form) onwards, in scan order; a match followed by what
     * {@code invalidEnd} finds is skipped, as the reference does. {@code wholeCodePoints}: java.util.regex scans an
     * expression that holds supplementary characters (the hashtag one does, the mention one does not) a code point
     * at a time, so it never starts between the halves of a surrogate pair, except where the previous match ended.
     */
    private static List<Entity> atSigns(String text, char sign, char wideSign, int lookBack, boolean wholeCodePoints,
            Pattern valid, Pattern invalidEnd, Function<Matcher, Entity> entity) {
        if (text == null || text.isEmpty() || (text.indexOf(sign) < 0 && text.indexOf(wideSign) < 0)) {
            return List.of();
        }
        List<Entity> found = new ArrayList<>();
        Matcher m = valid.matcher(text);
        // ^ only at the start of the text, and look-arounds see past the region, as in a scan of the whole text.
        m.useAnchoringBounds(false);
        m.useTransparentBounds(true);
        int n = text.length();
        int resume = 0;
        int lastTried = -1;
        for (int at = 0; at < n; at++) {
            char c = text.charAt(at);
            if (c != sign && c != wideSign) {
                continue;
            }
            for (int from = Math.max(at - lookBack, Math.max(resume, lastTried + 1)); from <= at; from++) {
                lastTried = from;
                if (wholeCodePoints && from > resume && Character.isLowSurrogate(text.charAt(from))
                        && Character.isHighSurrogate(text.charAt(from - 1))) {
                    continue;
                }
                m.region(from, n);
                if (m.lookingAt()) {
                    resume = m.end();
                    if (!invalidEnd.matcher(text.substring(m.end())).find()) {
                        found.add(entity.apply(m));
                    }
                    break;
                }
            }
        }
        return found;
    }

    @Override
    public List<Entity> extractURLsWithIndices(String text) {
        if (text == null || text.indexOf('.') < 0) {
            return super.extractURLsWithIndices(text);
        }
        List<Entity> urls = new ArrayList<>();
        int n = text.length();
        int i = 0;
        while (i < n) {
            while (i < n && isBlank(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !isBlank(text.charAt(i))) {
                i++;
            }
            if (!PlainUrlWord.mayHoldUrl(text, start, i)) {
                continue;
            }
            if (isShortLinkWord(text, start, i)) {
                urls.add(new Entity(start, i, text.substring(start, i), Entity.Type.URL));
                continue;
            }
            int plainEnd = PlainUrlWord.urlEnd(text, start, i);
            if (plainEnd > 0) {
                urls.add(new Entity(start, plainEnd, text.substring(start, plainEnd), Entity.Type.URL));
                continue;
            }
            int from = start == 0 ? 0 : start - 1;
            if (from == 0 && i == n) {
                return super.extractURLsWithIndices(text);
            }
            for (Entity e : super.extractURLsWithIndices(text.substring(from, i))) {
                urls.add(shifted(e, from));
            }
        }
        return urls;
    }

    /**
     * True for a word that is exactly a plain t.co link ({@code https://t.co/} and an alphanumeric slug of at most
     * {@link #MAX_TCO_SLUG_LENGTH} characters), which the reference extracts as one URL spanning the word: most
     * tweets end with one, and the reference's expression spends most of its time trying its list of top-level
     * domains on them.
     */
    private static boolean isShortLinkWord(String text, int start, int end) {
        int host = PlainUrlWord.afterProtocol(text, start);
        if (host < 0 || !text.startsWith("t.co/", host)) {
            return false;
        }
        int slug = host + "t.co/".length();
        if (end <= slug || end - slug > MAX_TCO_SLUG_LENGTH) {
            return false;
        }
        for (int k = slug; k < end; k++) {
            if (!PlainUrlWord.isAsciiLetterOrDigit(text.charAt(k))) {
                return false;
            }
        }
        return true;
    }

    /** Blanks the reference treats as spaces and never admits in a protocol, domain, port, path or query. */
    private static boolean isBlank(char c) {
        return c == ' ' || c == '\n' || c == '\t' || c == '\r';
    }

    private static Entity shifted(Entity e, int by) {
        Entity moved = new Entity(e.getStart() + by, e.getEnd() + by, e.getValue(), e.getListSlug(), e.getType());
        moved.setDisplayURL(e.getDisplayURL());
        moved.setExpandedURL(e.getExpandedURL());
        return moved;
    }
}
