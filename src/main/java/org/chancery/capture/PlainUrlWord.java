package org.chancery.capture;

import com.twitter.twittertext.TldLists;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Where twitter-text's URL expression ends its match in a word that starts with a plain {@code http://} or
 * {@code https://} URL, found without the expression: the commonest URL in collected texts after t.co links
 * (congresstweets and archive exports hold expanded links), and the expression's costliest case, since it tries
 * its ~1,500 top-level domains and Unicode character classes at every character.
 *
 * <p>The word must be ASCII, hold no parenthesis and no {@code @} (the expression's balanced-parenthesis and
 * {@code @…/} path rules), and its host must be two or more labels of letters, digits and inner hyphens, none
 * longer than 63, the last one in the reference's top-level domain lists. For such a word the expression's match
 * is, by its grammar: the whole host (greedy sub-domains give way until the last label meets a top-level domain;
 * a dot after the host ends it), then after a {@code /}
 * the path up to its last path-ending character (letters, digits, {@code = _ # / - +}) within the run of path
 * characters, then after a {@code ?} directly following that, the query up to its last query-ending character.
 * What the word holds after that end must have no letter or digit, so that no second match can start in it.
 * Anything else returns -1 and the reference decides; {@code WordwiseUrlExtractorTest} compares both on real
 * texts and on generated words around every rule above.
 */
final class PlainUrlWord {
    /** The reference's top-level domains, lower case (its expression matches them ignoring ASCII case). */
    private static final Set<String> TOP_LEVEL_DOMAINS = topLevelDomains();
    private static final int MAX_LABEL_LENGTH = 63;
    /** The reference drops URLs longer than this (after punycode, which leaves an ASCII host as it is). */
    private static final int MAX_URL_LENGTH = 4096;

    private PlainUrlWord() {
    }

    /**
     * The end (exclusive) of the reference's URL in {@code text[start, end)}, a word between blanks, or -1 when the
     * word is not a plain URL as described above.
     */
    static int urlEnd(String text, int start, int end) {
        int p = afterProtocol(text, start);
        if (p < 0) {
            return -1;
        }
        for (int k = p; k < end; k++) {
            char c = text.charAt(k);
            if (c >= 128 || c == '(' || c == ')' || c == '@') {
                return -1;
            }
        }
        int hostStart = p;
        int labels = 0;
        int lastLabel;
        while (true) {
            lastLabel = p;
            while (p < end && (isAsciiLetterOrDigit(text.charAt(p)) || text.charAt(p) == '-')) {
                p++;
            }
            int length = p - lastLabel;
            if (length == 0 || length > MAX_LABEL_LENGTH || text.charAt(lastLabel) == '-'
                    || text.charAt(p - 1) == '-') {
                return -1;
            }
            labels++;
            if (p + 1 < end && text.charAt(p) == '.' && isAsciiLetterOrDigit(text.charAt(p + 1))) {
                p++;
            } else {
                break;
            }
        }
        if (labels < 2 || !TOP_LEVEL_DOMAINS.contains(text.substring(lastLabel, p).toLowerCase(Locale.ROOT))
                || text.substring(hostStart, p).equalsIgnoreCase("t.co")) {
            return -1;
        }
        // The expression's look-ahead after a top-level domain refuses these (a port is left to the check of the
        // rest of the word below).
        if (p < end && (text.charAt(p) == '@' || text.charAt(p) == '+')) {
            return -1;
        }
        int urlEnd = p;
        if (p < end && text.charAt(p) == '/') {
            urlEnd = ++p;
            for (; p < end && isPathChar(text.charAt(p)); p++) {
                if (isPathEnding(text.charAt(p))) {
                    urlEnd = p + 1;
                }
            }
        }
        if (p == urlEnd && p < end && text.charAt(p) == '?') {
            for (p++; p < end && isQueryChar(text.charAt(p)); p++) {
                if (isQueryEnding(text.charAt(p))) {
                    urlEnd = p + 1;
                }
            }
        }
        for (int k = urlEnd; k < end; k++) {
            if (isAsciiLetterOrDigit(text.charAt(k))) {
                return -1;
            }
        }
        return urlEnd - start <= MAX_URL_LENGTH ? urlEnd : -1;
    }

    /**
     * False when the reference's URL expression cannot match anywhere in {@code text[start, end)}: every match holds a
     * dot followed by one of its top-level domains (the ASCII ones are letters and digits, matched ignoring ASCII
     * case, and must not be followed by a letter, digit, {@code @}, {@code +} or {@code -}; two go on in non-ASCII
     * letters), or by a non-ASCII one, or by {@code xn--}. So a word such as "U.S." or "1.75" needs no match at all.
     */
    static boolean mayHoldUrl(String text, int start, int end) {
        for (int dot = text.indexOf('.', start); dot >= 0 && dot + 1 < end; dot = text.indexOf('.', dot + 1)) {
            if (text.charAt(dot + 1) >= 128) {
                return true;
            }
            int p = dot + 1;
            while (p < end && isAsciiLetterOrDigit(text.charAt(p))) {
                p++;
            }
            if (p == dot + 1) {
                continue;
            }
            // A top-level domain may go on in non-ASCII letters (vermögensberatung); the look-ahead after one
            // refuses - @ +, which leaves only xn-- (punycode) possible.
            if (p < end && (text.charAt(p) >= 128 || text.charAt(p) == '-' || text.charAt(p) == '@'
                    || text.charAt(p) == '+')) {
                return true;
            }
            if (TOP_LEVEL_DOMAINS.contains(text.substring(dot + 1, p).toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    /** Where the text goes on after {@code http://} or {@code https://} (lower case) at {@code start}, or -1. */
    static int afterProtocol(String text, int start) {
        if (text.startsWith("https://", start)) {
            return start + "https://".length();
        }
        return text.startsWith("http://", start) ? start + "http://".length() : -1;
    }

    static boolean isAsciiLetterOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    /** The reference's general path characters, ASCII part. */
    private static boolean isPathChar(char c) {
        return isAsciiLetterOrDigit(c) || "!*';:=+,.$/%#[]-_~|&@".indexOf(c) >= 0;
    }

    /** The reference's path-ending characters, ASCII part (without its balanced parentheses). */
    private static boolean isPathEnding(char c) {
        return isAsciiLetterOrDigit(c) || "=_#/-+".indexOf(c) >= 0;
    }

    /** The reference's query characters. */
    private static boolean isQueryChar(char c) {
        return isAsciiLetterOrDigit(c) || "!?*'();:&=+$/%#[]-_.,~|@".indexOf(c) >= 0;
    }

    /** The reference's query-ending characters. */
    private static boolean isQueryEnding(char c) {
        return isAsciiLetterOrDigit(c) || "-_&=#/".indexOf(c) >= 0;
    }

    private static Set<String> topLevelDomains() {
        Set<String> all = new HashSet<>();
        TldLists.GTLDS.forEach(t -> all.add(t.toLowerCase(Locale.ROOT)));
        TldLists.CTLDS.forEach(t -> all.add(t.toLowerCase(Locale.ROOT)));
        return Set.copyOf(all);
    }
}
