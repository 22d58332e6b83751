package org.chancery.retention;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.chancery.record.Tweet;

/**
 * A record as disposition sees it: the tweet, the OCFL object that holds it, and the SHA-256 (lower-case hex)
 * of every raw payload of it that object holds (the first capture and any later observations). Disposition
 * removes whole objects, so it plans by object.
 */
public record RecordRef(Tweet tweet, String objectId, List<String> payloadSha256s) {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public RecordRef {
        Objects.requireNonNull(tweet, "tweet");
        Objects.requireNonNull(objectId, "objectId");
        if (objectId.isBlank()) {
            throw new IllegalArgumentException("object id of tweet " + tweet.id() + " must not be blank");
        }
        payloadSha256s = List.copyOf(payloadSha256s.stream().sorted().distinct().toList());
        if (payloadSha256s.isEmpty()) {
            throw new IllegalArgumentException("record " + tweet.id() + " needs the SHA-256 of at least one payload");
        }
        for (String d : payloadSha256s) {
            if (!SHA256.matcher(d).matches()) {
                throw new IllegalArgumentException("payload digest of tweet " + tweet.id()
                        + " must be 64 lower-case hex digits, got \"" + d + "\"");
            }
        }
    }

    public RecordRef(Tweet tweet, String objectId, String payloadSha256) {
        this(tweet, objectId, List.of(payloadSha256));
    }
}
