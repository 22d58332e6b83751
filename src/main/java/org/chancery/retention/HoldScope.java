package org.chancery.retention;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.chancery.record.Ids;
import org.chancery.record.Tweet;

/**
 * What a legal hold covers. Every criterion given must hold; at least one is given. The scope is evaluated on
 * each record when a decision is made, not frozen when the hold is placed, so records captured after placement
 * are covered if they match.
 *
 * @param query         a search query evaluated by the {@link QueryMatcher}; null when not used
 * @param accountIds    author ids; empty when not used
 * @param createdFrom   first tweet-creation instant covered (inclusive); null for no lower bound
 * @param createdUntil  first tweet-creation instant no longer covered (exclusive); null for no upper bound
 */
public record HoldScope(String query, Set<String> accountIds, Instant createdFrom, Instant createdUntil) {
    public HoldScope {
        accountIds = Set.copyOf(new TreeSet<>(accountIds));
        for (String id : accountIds) {
            Ids.requireNumeric(id, "hold scope account id");
        }
        if (query != null && query.isBlank()) {
            throw new IllegalArgumentException("hold scope query must not be blank");
        }
        if (query == null && accountIds.isEmpty() && createdFrom == null && createdUntil == null) {
            throw new IllegalArgumentException("a hold scope needs a query, account ids or a date range; an empty scope would hold everything by accident");
        }
        if (createdFrom != null && createdUntil != null && !createdFrom.isBefore(createdUntil)) {
            throw new IllegalArgumentException("hold scope range must end after it starts, got " + createdFrom + " to " + createdUntil);
        }
    }

    public boolean covers(Tweet tweet, QueryMatcher queries) {
        Objects.requireNonNull(tweet, "tweet");
        if (!accountIds.isEmpty() && !accountIds.contains(tweet.author().id())) {
            return false;
        }
        if (createdFrom != null && tweet.createdAt().isBefore(createdFrom)) {
            return false;
        }
        if (createdUntil != null && !tweet.createdAt().isBefore(createdUntil)) {
            return false;
        }
        return query == null || queries.matches(query, tweet);
    }
}
