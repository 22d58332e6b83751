package org.chancery.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.chancery.InvalidInputException;

/**
 * A signed statement of the log's state in the C2SP tlog-checkpoint format (https://c2sp.org/tlog-checkpoint),
 * wrapped in a C2SP signed note (https://c2sp.org/signed-note):
 * <pre>
 * &lt;origin&gt;
 * &lt;tree size, decimal&gt;
 * &lt;root hash, standard base64&gt;
 *
 * — &lt;key name&gt; &lt;base64(4-byte key id || 64-byte Ed25519 signature)&gt;
 * </pre>
 * The signature covers the first three lines including the final newline. Chancery writes no extension lines.
 *
 * @param origin the log's identity line, e.g. {@code chancery.example/archive/5f0c…}
 * @param size   number of entries the root covers
 * @param root   RFC 9162 root hash of those entries
 * @param text   the complete signed note, as stored and published
 */
public record Checkpoint(String origin, long size, Hash root, String text) {
    private static final Pattern DECIMAL = Pattern.compile("0|[1-9][0-9]{0,18}");

    public Checkpoint {
        requireOrigin(origin);
        if (size < 0) {
            throw new IllegalArgumentException("A checkpoint's tree size must not be negative, got " + size + ".");
        }
        if (root == null || text == null) {
            throw new IllegalArgumentException("A checkpoint needs a root hash and its signed text.");
        }
        if (!text.startsWith(body(origin, size, root) + "\n")) {
            throw new IllegalArgumentException("The signed text of checkpoint " + origin + " at size " + size
                    + " does not start with that origin, size and root followed by a blank line.");
        }
    }

    /** The signed part: origin, size and root lines, each ending in a newline. */
    public String body() {
        return body(origin, size, root);
    }

    static String body(String origin, long size, Hash root) {
        return origin + "\n" + size + "\n" + root.base64() + "\n";
    }

    /**
     * Origins must be non-empty single lines without control characters.
     *
     * @throws IllegalArgumentException otherwise
     */
    static String requireOrigin(String origin) {
        if (origin == null || origin.isEmpty()) {
            throw new IllegalArgumentException("A checkpoint origin must not be empty.");
        }
        for (int i = 0; i < origin.length(); i++) {
            if (origin.charAt(i) < 0x20 || origin.charAt(i) == 0x7f) {
                throw new IllegalArgumentException(
                        "Checkpoint origin \"" + origin + "\" contains a control character at index " + i + ".");
            }
        }
        return origin;
    }

    /**
     * Reads the checkpoint fields of a signed note without checking any signature; structural problems are
     * added to {@code problems} and then null is returned.
     */
    static Checkpoint parseUnverified(String text, List<String> problems) {
        List<String> found = new ArrayList<>();
        SignedNote note = SignedNote.parse(text, found);
        Checkpoint result = null;
        if (note != null) {
            String[] lines = note.body().substring(0, note.body().length() - 1).split("\n", -1);
            if (lines.length < 3) {
                found.add("The checkpoint has " + lines.length
                        + " body lines; it needs an origin, a tree size and a root hash line.");
            } else {
                if (lines.length > 3) {
                    found.add("The checkpoint has " + (lines.length - 3)
                            + " line(s) after the root hash; Chancery checkpoints have none.");
                }
                long size = -1;
                if (DECIMAL.matcher(lines[1]).matches()) {
                    try {
                        size = Long.parseLong(lines[1]);
                    } catch (NumberFormatException e) {
                        size = -1;
                    }
                }
                if (size < 0) {
                    found.add("The tree size line \"" + lines[1] + "\" is not a decimal number without leading zeros.");
                }
                Hash root = null;
                try {
                    root = Hash.fromBase64(lines[2]);
                } catch (InvalidInputException e) {
                    found.add("The root hash line is not a 32-byte hash in standard base64: " + e.getMessage());
                }
                if (lines[0].isEmpty()) {
                    found.add("The origin line is empty.");
                }
                if (found.isEmpty()) {
                    result = new Checkpoint(lines[0], size, root, text);
                }
            }
        }
        problems.addAll(found);
        return result;
    }
}
