package org.chancery.index;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Independent answers about raw congresstweets items, computed with plain string and regex logic over the
 * JSON, for comparison with what the index says. It shares no code with the index.
 *
 * <p>Word rules mirror Unicode word segmentation as the index's tokeniser applies it to Latin text: a word is
 * a maximal run of letters and digits, where an apostrophe or a dot between two letters/digits joins (so
 * "Syria's" and "nyti.ms" are single words), and matching ignores case.
 */
final class RawOracle {
    private static final Pattern QT_MARKER = Pattern.compile(" QT @\\w+:? ?");
    private static final Pattern STATUS = Pattern.compile("/status(?:es)?/\\d+");

    private RawOracle() {}

    static String text(JsonNode item) {
        return item.get("text").asText();
    }

    /** The text with the congresstweets quote marker " QT @user " taken out (it is not part of any tweet). */
    static String withoutQuoteMarker(JsonNode item) {
        String t = text(item);
        Matcher m = QT_MARKER.matcher(t);
        if (!t.startsWith("RT @") && m.find() && STATUS.matcher(t.substring(0, m.start())).find()) {
            return t.substring(0, m.start()) + " \n " + t.substring(m.end());
        }
        return t;
    }

    /** The poster's own words: for a quote, the text before the quote marker. */
    static String ownText(JsonNode item) {
        String t = text(item);
        Matcher m = QT_MARKER.matcher(t);
        if (!t.startsWith("RT @") && m.find() && STATUS.matcher(t.substring(0, m.start())).find()) {
            return t.substring(0, m.start());
        }
        return t;
    }

    static String handle(JsonNode item) {
        return item.get("screen_name").asText();
    }

    static Instant time(JsonNode item) {
        return OffsetDateTime.parse(item.get("time").asText()).toInstant();
    }

    static boolean isRetweet(JsonNode item) {
        return text(item).startsWith("RT @") && STATUS.matcher(item.path("link").asText("")).find();
    }

    static boolean isQuote(JsonNode item) {
        return !isRetweet(item) && !ownText(item).equals(text(item));
    }

    static List<String> words(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        List<String> out = new java.util.ArrayList<>();
        int i = 0;
        int n = lower.length();
        while (i < n) {
            int start = i;
            while (i < n && (isWordChar(lower.charAt(i))
                    || (i > start && isJoiner(lower.charAt(i)) && i + 1 < n && isWordChar(lower.charAt(i + 1))))) {
                i++;
            }
            if (i > start) {
                out.add(lower.substring(start, i));
            } else {
                i++;
            }
        }
        return out;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    private static boolean isJoiner(char c) {
        return c == '\'' || c == '’' || c == '.';
    }

    static boolean hasWord(String text, String word) {
        return words(text).contains(word.toLowerCase(Locale.ROOT));
    }

    static boolean hasPrefix(String text, String prefix) {
        return words(text).stream().anyMatch(w -> w.startsWith(prefix.toLowerCase(Locale.ROOT)));
    }

    static boolean hasPhrase(String text, String... phrase) {
        List<String> w = words(text);
        outer:
        for (int i = 0; i + phrase.length <= w.size(); i++) {
            for (int k = 0; k < phrase.length; k++) {
                if (!w.get(i + k).equals(phrase[k].toLowerCase(Locale.ROOT))) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** A hashtag: '#' not preceded by a letter, digit, '_' or '&', then the tag, not followed by a word char. */
    static boolean hasHashtag(String text, String tag) {
        return Pattern.compile("(?<![\\p{L}\\p{N}_&])[#＃]" + Pattern.quote(tag) + "(?![\\p{L}\\p{N}_])",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE).matcher(text).find();
    }

    /** A mention: '@' not preceded by a letter, digit or '_', then the handle, not followed by a word char or '@'. */
    static boolean hasMention(String text, String handle) {
        return Pattern.compile("(?<![\\p{L}\\p{N}_!#$%&*@＠])[@＠]" + Pattern.quote(handle) + "(?![\\p{L}\\p{N}_@])",
                Pattern.CASE_INSENSITIVE).matcher(text).find();
    }

    /** A link (with or without scheme) whose host is {@code domain} or one of its subdomains. */
    static boolean linksTo(String text, String domain) {
        return Pattern.compile("(?<![\\w.@/-])(?:https?://)?(?:[\\w-]+\\.)*" + Pattern.quote(domain) + "(?=[/?#:\\s]|$)",
                Pattern.CASE_INSENSITIVE).matcher(text).find();
    }

    static boolean hasMedia(JsonNode item) {
        return ownText(item).matches("(?s).*https?://(pbs|video)\\.twimg\\.com/.*");
    }
}
