package org.chancery.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One raw payload committed to the OCFL root.
 *
 * @param tweetId     the tweet it captures
 * @param location    where its raw bytes are (object, version, {@code raw/vK.bin}, offset, length)
 * @param sha256      SHA-256 of the raw bytes, lower-case hex
 * @param capturedAt  when the payload was captured (the tweet's provenance)
 * @param observation true for a later payload of a tweet the archive already held, false for the original
 */
public record CommittedPayload(String tweetId, StorageLocation location, String sha256, Instant capturedAt,
        boolean observation) {
    public CommittedPayload {
        Objects.requireNonNull(tweetId, "tweetId");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(capturedAt, "capturedAt");
    }
}
