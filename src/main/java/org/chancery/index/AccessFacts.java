package org.chancery.index;

import java.time.Instant;
import java.util.Objects;

/**
 * What retention says about who may see one tweet, in a form that does not depend on when the question is asked,
 * so that it can be indexed once and filtered on at any instant (see {@link AccessScope}).
 *
 * @param access        the access level once any embargo is over (or always, without one), e.g. {@code public}
 * @param embargoUntil  when the embargo ends; null when the tweet has none
 * @param embargoAccess the stricter level in force before {@code embargoUntil}; null exactly when it is
 */
public record AccessFacts(String access, Instant embargoUntil, String embargoAccess) {
    public AccessFacts {
        Objects.requireNonNull(access, "access");
        if ((embargoUntil == null) != (embargoAccess == null)) {
            throw new IllegalArgumentException("An embargo needs both its end and its access level, got end "
                    + embargoUntil + " and access " + embargoAccess + ".");
        }
    }
}
