package org.chancery.ledger;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import org.chancery.InvalidInputException;
import org.chancery.record.Ids;
import org.chancery.record.IsoInstant;

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
    /** The fixed text before each value (after the one before it, whose closing quote the text starts with). */
    private static final String HEAD = "{\"type\":\"" + TYPE + "\",\"tweet\":\"";
    private static final String OBJECT = "\",\"object\":\"";
    private static final String VERSION_KEY = "\",\"version\":\"";
    private static final String PATH = "\",\"path\":\"";
    private static final String SHA256 = "\",\"sha256\":\"";
    private static final String CAPTURED = "\",\"captured\":\"";
    private static final String HEX = "0123456789abcdef";
    private static final byte[][] FIXED = ascii(HEAD, OBJECT, VERSION_KEY, PATH, SHA256, CAPTURED, "\"}");

    public TweetVersionEntry {
        Ids.requireNumeric(tweetId, "tweetId");
        requireText(objectId, "objectId");
        requireText(logicalPath, "logicalPath");
        if (!isVersionName(version)) {
            throw new IllegalArgumentException("version must be an OCFL version name like v3, got " + version + ".");
        }
        if (!isSha256Hex(sha256)) {
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
        s.append(HEAD);
        appendString(s, tweetId);
        s.append(OBJECT);
        appendString(s, objectId);
        s.append(VERSION_KEY);
        appendString(s, version);
        s.append(PATH);
        appendString(s, logicalPath);
        s.append(SHA256);
        appendString(s, sha256);
        s.append(CAPTURED);
        IsoInstant.format(captured, s);
        return s.append("\"}").toString().getBytes(StandardCharsets.UTF_8);
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
        TweetVersionEntry plain = decodePlain(bytes);
        return plain != null ? plain : decodeGeneral(bytes);
    }

    /**
     * The entry when {@code bytes} are canonical and every value is printable ASCII without escapes (what the
     * archive writes), read in one pass over the bytes; null for anything else, which {@link #decodeGeneral} then
     * judges. Verification decodes every entry of the log, and this is most of its cost otherwise.
     */
    private static TweetVersionEntry decodePlain(byte[] bytes) {
        String[] values = new String[FIXED.length - 2];
        int at = 0;
        for (int k = 0; k < FIXED.length - 1; k++) {
            if (!fixedAt(bytes, at, FIXED[k])) {
                return null;
            }
            at += FIXED[k].length;
            int end = at;
            while (end < bytes.length && bytes[end] >= 0x20 && bytes[end] < 0x7f && bytes[end] != '"'
                    && bytes[end] != '\\') {
                end++;
            }
            if (k == FIXED.length - 2) {
                Instant captured = IsoInstant.parseCanonical(bytes, at, end);
                if (captured == null || end + FIXED[k + 1].length != bytes.length || !fixedAt(bytes, end, FIXED[k + 1])) {
                    return null;
                }
                try {
                    return new TweetVersionEntry(values[0], values[1], values[2], values[3], values[4], captured);
                } catch (IllegalArgumentException invalid) {
                    return null;
                }
            }
            values[k] = new String(bytes, at, end - at, StandardCharsets.ISO_8859_1);
            at = end;
        }
        return null;
    }

    private static boolean fixedAt(byte[] bytes, int at, byte[] fixed) {
        return Arrays.equals(bytes, at, Math.min(bytes.length, at + fixed.length), fixed, 0, fixed.length);
    }

    /**
     * Any entry, with escapes and non-ASCII text: read as JSON strings, then held to re-encoding byte for byte. The
     * reading every entry had before {@link #decodePlain}; package-private so that tests hold the two to each other.
     */
    static TweetVersionEntry decodeGeneral(byte[] bytes) {
        // A direct reading of the one canonical shape: a general JSON tree costs several times more. Anything else
        // is refused; re-encoding settles the fine points.
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

    /** Appends the body of a JSON string (no quotes) in the canonical escaping. */
    private static void appendString(StringBuilder s, String value) {
        int plain = 0;
        while (plain < value.length() && value.charAt(plain) >= 0x20 && value.charAt(plain) != '"'
                && value.charAt(plain) != '\\') {
            plain++;
        }
        // Values are almost always plain text: copied at once, the rest character by character.
        s.append(value, 0, plain);
        for (int i = plain; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                s.append('\\').append(c);
            } else if (c < 0x20) {
                s.append("\\u00").append(HEX.charAt(c >> 4)).append(HEX.charAt(c & 0xf));
            } else {
                s.append(c);
            }
        }
    }

    private static boolean isVersionName(String version) {
        if (version == null || version.length() < 2 || version.charAt(0) != 'v') {
            return false;
        }
        boolean nonZero = false;
        for (int i = 1; i < version.length(); i++) {
            char c = version.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            nonZero |= c != '0';
        }
        return nonZero;
    }

    private static boolean isSha256Hex(String sha256) {
        if (sha256 == null || sha256.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char c = sha256.charAt(i);
            if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
                return false;
            }
        }
        return true;
    }

    private static byte[][] ascii(String... parts) {
        byte[][] out = new byte[parts.length][];
        for (int i = 0; i < parts.length; i++) {
            out[i] = parts[i].getBytes(StandardCharsets.US_ASCII);
        }
        return out;
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
