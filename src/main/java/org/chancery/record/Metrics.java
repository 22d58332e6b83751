package org.chancery.record;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Public engagement counts as observed at one instant; later observations become a time series.
 *
 * @param observedAt when the counts were true (the capture instant of the payload)
 * @param counts     count name (v2 vocabulary: {@code retweet_count}, {@code reply_count}, {@code like_count},
 *                   {@code quote_count}, {@code bookmark_count}, {@code impression_count}) to value
 */
public record Metrics(Instant observedAt, Map<String, Long> counts) {
    public Metrics {
        Objects.requireNonNull(observedAt, "metrics observedAt");
        counts.forEach((name, value) -> Objects.requireNonNull(value, () -> "metrics count " + name));
        counts = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(counts));
    }

    public long count(String name) {
        return counts.getOrDefault(name, 0L);
    }
}
