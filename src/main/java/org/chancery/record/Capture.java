package org.chancery.record;

import java.util.List;
import java.util.Objects;

/**
 * One captured tweet: the normalized record, the exact bytes it came from, and the exact bytes of the
 * expansion objects it was joined with (v2 {@code includes.users/tweets/media/places}), so that nothing the
 * normalized record says lacks its original evidence.
 */
public record Capture(Tweet tweet, RawPayload raw, List<RawPayload> context) {
    public Capture {
        Objects.requireNonNull(tweet, "tweet");
        Objects.requireNonNull(raw, "raw");
        context = List.copyOf(context);
    }

    public Capture(Tweet tweet, RawPayload raw) {
        this(tweet, raw, List.of());
    }

    public String id() {
        return tweet.id();
    }
}
