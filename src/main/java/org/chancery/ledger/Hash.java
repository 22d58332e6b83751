package org.chancery.ledger;

import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.chancery.InvalidInputException;

/**
 * A SHA-256 value: a Merkle leaf hash, interior node hash or tree root. Exactly 32 bytes, compared by content.
 * The array is copied in and out, so a {@code Hash} never changes.
 *
 * @param bytes the 32 hash bytes
 */
public record Hash(byte[] bytes) {
    /** Length of a SHA-256 value in bytes. */
    public static final int LENGTH = 32;

    private static final HexFormat HEX = HexFormat.of();

    public Hash {
        if (bytes == null) {
            throw new IllegalArgumentException("A hash needs 32 bytes, got null.");
        }
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("A hash needs 32 bytes, got " + bytes.length + ".");
        }
        bytes = bytes.clone();
    }

    /** Copies 32 bytes starting at {@code offset} of {@code source}. */
    public static Hash copyOf(byte[] source, int offset) {
        return new Hash(Arrays.copyOfRange(source, offset, offset + LENGTH));
    }

    /** Parses 64 hex digits (either case). */
    public static Hash fromHex(String hex) {
        byte[] decoded;
        try {
            decoded = HEX.parseHex(hex);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("Hash " + quote(hex) + " is not hexadecimal.", e);
        }
        if (decoded.length != LENGTH) {
            throw new InvalidInputException("Hash " + quote(hex) + " has " + decoded.length + " bytes, not 32.");
        }
        return new Hash(decoded);
    }

    /** Parses standard (RFC 4648 §4, padded) base64 of 32 bytes, rejecting any other spelling. */
    public static Hash fromBase64(String base64) {
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("Hash " + quote(base64) + " is not standard base64.", e);
        }
        if (decoded.length != LENGTH) {
            throw new InvalidInputException("Hash " + quote(base64) + " has " + decoded.length + " bytes, not 32.");
        }
        if (!Base64.getEncoder().encodeToString(decoded).equals(base64)) {
            throw new InvalidInputException("Hash " + quote(base64) + " is not in canonical padded base64.");
        }
        return new Hash(decoded);
    }

    /** A copy of the 32 bytes. */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The bytes without copying, for hashing inside this package; callers must not modify them. */
    byte[] shared() {
        return bytes;
    }

    /** Lower-case hex, 64 characters. */
    public String hex() {
        return HEX.formatHex(bytes);
    }

    /** Standard padded base64, 44 characters, as used in checkpoints. */
    public String base64() {
        return Base64.getEncoder().encodeToString(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Hash h && Arrays.equals(bytes, h.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return hex();
    }

    private static String quote(String s) {
        if (s == null) {
            return "null";
        }
        return "\"" + (s.length() > 80 ? s.substring(0, 80) + "…" : s) + "\"";
    }
}
