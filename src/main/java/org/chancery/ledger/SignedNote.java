package org.chancery.ledger;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * The structure of a C2SP signed note (https://c2sp.org/signed-note): text ending in a newline, a blank line,
 * then signature lines {@code — <key name> <base64(key id || signature)>}. Parsing checks form only.
 *
 * @param body       the signed text, including its final newline
 * @param signatures the signature lines in order
 */
record SignedNote(String body, List<Line> signatures) {
    static final String SIGNATURE_PREFIX = "\u2014 ";
    static final int MAX_SIGNATURES = 100;

    /**
     * One signature line.
     *
     * @param name the key name
     * @param blob the decoded base64: 4-byte key id followed by the signature
     */
    record Line(String name, byte[] blob) {
        Line {
            blob = blob.clone();
        }

        byte[] keyId() {
            return Arrays.copyOf(blob, 4);
        }

        byte[] signature() {
            return Arrays.copyOfRange(blob, 4, blob.length);
        }
    }

    /** Parses {@code text}; adds every problem found to {@code problems} and returns null if it is unusable. */
    static SignedNote parse(String text, List<String> problems) {
        if (text == null || text.isEmpty()) {
            problems.add("The note is empty.");
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\n') || Character.isSurrogate(c) && !validSurrogate(text, i)) {
                problems.add(String.format(Locale.ROOT,
                        "The note contains character U+%04X at index %d, which signed notes forbid.", (int) c, i));
                break;
            }
        }
        if (!text.endsWith("\n")) {
            problems.add("The note does not end with a newline: its last line is truncated.");
        }
        int split = text.lastIndexOf("\n\n");
        if (split < 0) {
            problems.add("The note has no blank line before its signatures.");
            return null;
        }
        String body = text.substring(0, split + 1);
        String block = text.substring(split + 2);
        List<String> lines = new ArrayList<>(Arrays.asList(block.split("\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        if (lines.isEmpty()) {
            problems.add("The note has no signature lines.");
        }
        if (lines.size() > MAX_SIGNATURES) {
            problems.add("The note has " + lines.size() + " signature lines, more than " + MAX_SIGNATURES + ".");
        }
        List<Line> signatures = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Line parsed = parseLine(lines.get(i));
            if (parsed == null) {
                problems.add("Signature line " + (i + 1) + " is not \"— <key name> <base64 signature>\".");
            } else {
                signatures.add(parsed);
            }
        }
        return new SignedNote(body, signatures);
    }

    private static Line parseLine(String line) {
        if (!line.startsWith(SIGNATURE_PREFIX)) {
            return null;
        }
        String rest = line.substring(SIGNATURE_PREFIX.length());
        int space = rest.indexOf(' ');
        if (space <= 0 || rest.indexOf(' ', space + 1) >= 0) {
            return null;
        }
        String name = rest.substring(0, space);
        String encoded = rest.substring(space + 1);
        try {
            ArchiveKey.requireKeyName(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (blob.length < 5 || !Base64.getEncoder().encodeToString(blob).equals(encoded)) {
            return null;
        }
        return new Line(name, blob);
    }

    private static boolean validSurrogate(String text, int i) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
    }
}
