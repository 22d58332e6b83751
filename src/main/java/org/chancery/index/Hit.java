package org.chancery.index;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * One search hit, with what a result list shows.
 *
 * @param id           the tweet id
 * @param handle       the handle the tweet was captured under (the author id when the source gave no handle)
 * @param createdAt    when it was posted
 * @param text         the tweet's own text
 * @param matchedParts which texts the query's words matched: {@code tweet}, {@code quoted}, {@code retweeted},
 *                     {@code linked} (a document the tweet links to);
 *                     empty when the query has only operators such as {@code from:}
 * @param snippet      the best matching passage with matches in {@code <mark>…</mark>} (other text
 *                     HTML-escaped); null when highlighting was not asked for or no text matched
 */
public record Hit(String id, String handle, Instant createdAt, String text, Set<String> matchedParts, String snippet) {
    public Hit {
        Objects.requireNonNull(id, "hit id");
        Objects.requireNonNull(createdAt, "hit createdAt");
        Objects.requireNonNull(text, "hit text");
        matchedParts = Set.copyOf(matchedParts);
    }
}
