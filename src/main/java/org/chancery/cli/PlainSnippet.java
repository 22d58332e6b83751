package org.chancery.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A search snippet as plain text with the spans that matched. The index gives snippets as HTML (matches in
 * {@code <mark>…</mark>}, every other character HTML-escaped, as a web page needs); a terminal or a JSON consumer
 * needs the text itself, so this decodes the entities and turns the tags into spans.
 *
 * @param text  the passage as it reads in the tweet (or linked document)
 * @param marks the matched spans, in order, as code point offsets into {@code text}
 */
record PlainSnippet(String text, List<Mark> marks) {
    /** A matched span: code points {@code start} (inclusive) to {@code end} (exclusive) of the text. */
    record Mark(int start, int end) {
        Mark {
            if (start < 0 || end < start) {
                throw new IllegalArgumentException("A mark must have 0 <= start <= end, got " + start + ".." + end);
            }
        }
    }

    private static final String OPEN = "<mark>";
    private static final String CLOSE = "</mark>";

    PlainSnippet {
        Objects.requireNonNull(text, "snippet text");
        marks = List.copyOf(marks);
    }

    /** Decodes a highlighted snippet as the index formats it. */
    static PlainSnippet ofHtml(String html) {
        StringBuilder text = new StringBuilder();
        List<Mark> marks = new ArrayList<>();
        int openedAt = -1;
        int i = 0;
        while (i < html.length()) {
            if (html.startsWith(OPEN, i)) {
                openedAt = text.codePointCount(0, text.length());
                i += OPEN.length();
            } else if (html.startsWith(CLOSE, i)) {
                if (openedAt >= 0) {
                    marks.add(new Mark(openedAt, text.codePointCount(0, text.length())));
                    openedAt = -1;
                }
                i += CLOSE.length();
            } else if (html.charAt(i) == '&') {
                int semi = html.indexOf(';', i);
                String decoded = semi < 0 || semi - i > 10 ? null : entity(html.substring(i + 1, semi));
                if (decoded == null) {
                    text.append('&');
                    i++;
                } else {
                    text.append(decoded);
                    i = semi + 1;
                }
            } else {
                text.append(html.charAt(i));
                i++;
            }
        }
        return new PlainSnippet(text.toString(), marks);
    }

    /** The character an entity name stands for, or null if it is not one the highlighter writes. */
    private static String entity(String name) {
        switch (name) {
            case "amp":
                return "&";
            case "lt":
                return "<";
            case "gt":
                return ">";
            case "quot":
                return "\"";
            case "apos":
                return "'";
            default:
                break;
        }
        try {
            if (name.startsWith("#x") || name.startsWith("#X")) {
                return Character.toString(Integer.parseInt(name.substring(2), 16));
            }
            if (name.startsWith("#")) {
                return Character.toString(Integer.parseInt(name.substring(1)));
            }
        } catch (IllegalArgumentException e) {
            return null;
        }
        return null;
    }

    /** The text with each match between {@code before} and {@code after} (e.g. ANSI bold on, off). */
    String marked(String before, String after) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        for (Mark m : marks) {
            int from = text.offsetByCodePoints(0, m.start());
            int to = text.offsetByCodePoints(0, m.end());
            out.append(text, at, from).append(before).append(text, from, to).append(after);
            at = to;
        }
        return out.append(text, at, text.length()).toString();
    }
}
