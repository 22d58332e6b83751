package org.chancery.index;

import java.util.List;
import java.util.Map;

/**
 * One page of a search.
 *
 * @param total      the exact number of tweets matching the whole query (never an estimate)
 * @param hits       this page, in the requested order
 * @param nextCursor pass to {@link SearchRequest#withCursor} for the next page; null when this is the last
 * @param facets     for each requested facet, the counts over the whole result set (not just this page),
 *                   largest first, then by value
 */
public record SearchResult(long total, List<Hit> hits, String nextCursor, Map<Facet, List<FacetCount>> facets) {
    public SearchResult {
        if (total < 0) {
            throw new IllegalArgumentException("total must not be negative, got " + total);
        }
        hits = List.copyOf(hits);
        facets = Map.copyOf(facets);
    }
}
