package org.chancery.record;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Bytes exactly as received from a source, with their SHA-256 digest (lower-case hex).
 *
 * <p>For JSON sources these are the bytes of the tweet's own object as they stand in the file or HTTP body,
 * from its opening to its closing brace, without re-serialisation.
 */
public record RawPayload(byte[] bytes, String sha256) {
    /**
     * A fresh digest, never updated, that {@link #sha256Hex} clones: {@code MessageDigest.getInstance} walks the
     * provider list on every call, which cost more than hashing a tweet on the API's read path.
     */
    private static final MessageDigest SHA256 = newSha256();

    public RawPayload {
        Objects.requireNonNull(bytes, "raw payload bytes");
        Objects.requireNonNull(sha256, "raw payload sha256");
    }

    public static RawPayload of(byte[] bytes) {
        return new RawPayload(bytes, sha256Hex(bytes));
    }

    public int size() {
        return bytes.length;
    }

    public static String sha256Hex(byte[] bytes) {
        return sha256Hex(bytes, 0, bytes.length);
    }

    /** The SHA-256 (lower-case hex) of {@code length} bytes of {@code bytes} from {@code offset}. */
    public static String sha256Hex(byte[] bytes, int offset, int length) {
        MessageDigest digest;
        try {
            digest = (MessageDigest) SHA256.clone();
        } catch (CloneNotSupportedException e) {
            digest = newSha256();
        }
        digest.update(bytes, offset, length);
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawPayload r && sha256.equals(r.sha256) && Arrays.equals(bytes, r.bytes);
    }

    @Override
    public int hashCode() {
        return sha256.hashCode();
    }

    @Override
    public String toString() {
        return "RawPayload[" + bytes.length + " bytes, sha256=" + sha256 + "]";
    }
}
