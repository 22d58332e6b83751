package org.chancery.index;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * Which tweets a caller may see at one instant: those whose indexed {@link AccessFacts} give a level in
 * {@code allowedLevels} at {@code now} (the embargo level while {@code now} is before its end, the lasting level
 * afterwards). Tweets indexed without access facts match no scope, so they stay hidden until decided.
 *
 * @param allowedLevels access levels the caller may see, e.g. {@code public} and {@code internal}; not empty
 * @param now           the instant the caller asks at
 */
public record AccessScope(Set<String> allowedLevels, Instant now) {
    public AccessScope {
        allowedLevels = Set.copyOf(allowedLevels);
        Objects.requireNonNull(now, "now");
        if (allowedLevels.isEmpty()) {
            throw new IllegalArgumentException("An access scope must allow at least one access level.");
        }
    }
}
