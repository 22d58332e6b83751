package org.chancery.index;

import java.util.Objects;
import java.util.Set;

import org.chancery.InvalidInputException;

/**
 * A search: query, order, page size, where to continue, what to count.
 *
 * @param query      the query in Chancery's search language (see {@link TweetIndex})
 * @param sort       the order of hits
 * @param limit      hits per page, 1 to {@value #MAX_LIMIT}
 * @param cursor     {@link SearchResult#nextCursor()} of the previous page, or null for the first page
 * @param facets     dimensions to count over the whole result set; empty for none
 * @param highlight  whether hits carry a highlighted snippet
 * @param visibility extension point for access control: a query in the same language that every hit must
 *                   also match (e.g. {@code NOT is:deleted}, later {@code access:public}); null for none. It
 *                   filters without changing scores, and the cursor is bound to it.
 * @param excludedIds tweet ids that must never be returned (e.g. disposed of but not yet removed)
 * @param scope      who is asking and when: only tweets whose indexed access facts allow it count in hits, totals
 *                   and facets; null for no access filtering (privileged callers, the command line)
 */
public record SearchRequest(String query, SortOrder sort, int limit, String cursor, Set<Facet> facets,
                            boolean highlight, String visibility, Set<String> excludedIds, AccessScope scope) {
    public static final int MAX_LIMIT = 10_000;

    public SearchRequest {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(sort, "sort");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInputException("The page size (limit) must be between 1 and 10,000, got " + limit + ".");
        }
        facets = facets == null ? Set.of() : Set.copyOf(facets);
        excludedIds = excludedIds == null ? Set.of() : Set.copyOf(excludedIds);
    }

    /** Without an access scope. */
    public SearchRequest(String query, SortOrder sort, int limit, String cursor, Set<Facet> facets, boolean highlight,
            String visibility, Set<String> excludedIds) {
        this(query, sort, limit, cursor, facets, highlight, visibility, excludedIds, null);
    }

    /** The first page of 20 hits by relevance, no facets, no highlighting, no filter. */
    public static SearchRequest of(String query) {
        return new SearchRequest(query, SortOrder.RELEVANCE, 20, null, Set.of(), false, null, Set.of());
    }

    public SearchRequest withSort(SortOrder s) {
        return new SearchRequest(query, s, limit, cursor, facets, highlight, visibility, excludedIds, scope);
    }

    public SearchRequest withLimit(int l) {
        return new SearchRequest(query, sort, l, cursor, facets, highlight, visibility, excludedIds, scope);
    }

    public SearchRequest withCursor(String c) {
        return new SearchRequest(query, sort, limit, c, facets, highlight, visibility, excludedIds, scope);
    }

    public SearchRequest withFacets(Set<Facet> f) {
        return new SearchRequest(query, sort, limit, cursor, f, highlight, visibility, excludedIds, scope);
    }

    public SearchRequest withHighlight(boolean h) {
        return new SearchRequest(query, sort, limit, cursor, facets, h, visibility, excludedIds, scope);
    }

    public SearchRequest withScope(AccessScope s) {
        return new SearchRequest(query, sort, limit, cursor, facets, highlight, visibility, excludedIds, s);
    }

    public SearchRequest withVisibility(String v, Set<String> excluded) {
        return new SearchRequest(query, sort, limit, cursor, facets, highlight, v, excluded, scope);
    }
}
