package org.chancery.ledger;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.chancery.InvalidInputException;
import org.chancery.record.Ids;

/**
 * The ledger entry for one archived tweet version, with a canonical byte encoding that anyone can recompute.
 *
 * <h2>Encoding</h2>
 * One line of UTF-8 JSON, no whitespace anywhere, no trailing newline, keys in exactly this order:
 * <pre>{@code {"type":"tweet-version","tweet":"<tweetId>","object":"<objectId>","version":"<version>","path":"<logicalPath>","sha256":"<sha256>","captured":"<captured>"}}</pre>
 * <ul>
 *   <li>every value is a JSON string; in strings {@code "} is written {@code \"}, {@code \} is written
 *       {@code \\}, characters U+0000 to U+001F are written {@code \}{@code u00xx} with lower-case hex, and every
 *       other character (including {@code /} and all non-ASCII) is written as its plain UTF-8 bytes;
 *   <li>{@code captured} is the capture instant in UTC as {@link DateTimeFormatter#ISO_INSTANT} prints it:
 *       {@code 2017-07-10T14:58:16Z}, with a fraction only when it is not zero, in groups of three digits
 *       ({@code 2017-07-10T14:58:16.120Z}).
 * </ul>
 * The Merkle leaf hash of the entry is SHA-256(0x00 || those bytes), e.g. in a shell:
 * {@code (printf '\0'; printf '%s' "$line") | sha256sum}.
 *
 * @param tweetId     the tweet's numeric id string
 * @param objectId    OCFL object id holding the version
 * @param version     OCFL version name, {@code v} and digits, e.g. {@code v3}
 * @param logicalPath logical path of the payload inside that version
 * @param sha256      SHA-256 of the exact raw payload bytes, 64 lower-case hex digits
 * @param captured    when the payload was captured
 */
public record TweetVersionEntry(
        String tweetId, String objectId, String version, String logicalPath, String sha256, Instant captured) {

    /** Value of the {@code type} key. */
    public static final String TYPE = "tweet-version";

    private static final List<String> KEYS = List.of("type", "tweet", "object", "version", "path", "sha256", "captured");
    private static final Pattern VERSION = Pattern.compile("v[0-9]+");
    private static final Pattern ZERO_VERSION = Pattern.compile("v0+");
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    public TweetVersionEntry {
        Ids.requireNumeric(tweetId, "tweetId");
        requireText(objectId, "objectId");
        requireText(logicalPath, "logicalPath");
        if (version == null || !VERSION.matcher(version).matches() || ZERO_VERSION.matcher(version).matches()) {
            throw new IllegalArgumentException("version must be an OCFL version name like v3, got " + version + ".");
        }
        if (sha256 == null || !SHA256_HEX.matcher(sha256).matches()) {
            throw new IllegalArgumentException(
                    "sha256 must be 64 lower-case hex digits, got " + sha256 + ".");
        }
        if (captured == null) {
            throw new IllegalArgumentException("captured must be given.");
        }
    }

    /** The canonical bytes described in the class documentation. */
    public byte[] encode() {
        StringBuilder s = new StringBuilder(256);
        s.append('{');
        String[] values = {TYPE, tweetId, objectId, version, logicalPath, sha256,
                DateTimeFormatter.ISO_INSTANT.format(captured)};
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                s.append(',');
            }
            s.append('"').append(KEYS.get(i)).append("\":");
            appendString(s, values[i]);
        }
        return s.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The RFC 9162 leaf hash of {@link #encode()}. */
    public Hash leafHash() {
        return MerkleTree.leafHash(encode());
    }

    /**
     * Reads an entry and insists it is in canonical form, so that decoding and re-encoding give the same
     * bytes and therefore the same leaf hash.
     *
     * @throws InvalidInputException if the bytes are not a canonical tweet-version entry
     */
    public static TweetVersionEntry decode(byte[] bytes) {
        // A direct reading of the one canonical shape: verification decodes every entry of the log, and a general
        // JSON tree costs several times more. Anything else is refused; re-encoding settles the fine points.
        String text = new String(bytes, StandardCharsets.UTF_8);
        String[] values = new String[KEYS.size()];
        int at = 0;
        for (int k = 0; k < KEYS.size(); k++) {
            String expected = (k == 0 ? "{\"" : ",\"") + KEYS.get(k) + "\":\"";
            if (!text.startsWith(expected, at)) {
                throw new InvalidInputException("Ledger entry keys must be exactly " + KEYS
                        + " in that order, each holding a string, without spaces.");
            }
            at += expected.length();
            StringBuilder value = new StringBuilder(64);
            at = readString(text, at, value);
            values[k] = value.toString();
        }
        if (at != text.length() - 1 || text.charAt(at) != '}') {
            throw new InvalidInputException("Ledger entry must end after its " + KEYS.getLast() + " key.");
        }
        if (!TYPE.equals(values[0])) {
            throw new InvalidInputException("Ledger entry must be of type " + TYPE + " with keys " + KEYS + ".");
        }
        TweetVersionEntry entry;
        try {
            entry = new TweetVersionEntry(values[1], values[2], values[3], values[4], values[5],
                    Instant.parse(values[6]));
        } catch (RuntimeException e) {
            throw new InvalidInputException("Ledger entry has an invalid value: " + e.getMessage(), e);
        }
        if (!Arrays.equals(entry.encode(), bytes)) {
            throw new InvalidInputException("Ledger entry for tweet " + entry.tweetId()
                    + " is not in canonical form (spacing, escaping or time format differ).");
        }
        return entry;
    }

    /** Reads a JSON string body from {@code at} up to and including its closing quote; returns what follows. */
    private static int readString(String text, int at, StringBuilder value) {
        while (at < text.length()) {
            char c = text.charAt(at++);
            if (c == '"') {
                return at;
            }
            if (c != '\\') {
                value.append(c);
            } else if (at < text.length() && (text.charAt(at) == '"' || text.charAt(at) == '\\')) {
                value.append(text.charAt(at++));
            } else if (text.startsWith("u00", at) && at + 5 <= text.length()) {
                try {
                    value.append((char) Integer.parseInt(text, at + 1, at + 5, 16));
                } catch (NumberFormatException e) {
                    throw new InvalidInputException("Ledger entry has a bad escape at character " + at + ".");
                }
                at += 5;
            } else {
                throw new InvalidInputException("Ledger entry has an escape other than \\\", \\\\ or \\u00xx at "
                        + "character " + at + ".");
            }
        }
        throw new InvalidInputException("Ledger entry ends inside a string.");
    }

    private static void appendString(StringBuilder s, String value) {
        s.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                s.append('\\').append(c);
            } else if (c < 0x20) {
                s.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                s.append(c);
            }
        }
        s.append('"');
    }

    private static void requireText(String value, String field) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(field + " must not be empty.");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)
                    ? i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(++i))
                    : Character.isLowSurrogate(c)) {
                throw new IllegalArgumentException(field + " contains a lone surrogate at index " + i
                        + " and cannot be written as UTF-8.");
            }
        }
    }
}
