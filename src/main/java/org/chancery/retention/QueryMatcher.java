package org.chancery.retention;

import org.chancery.record.Tweet;

/**
 * Decides whether a tweet matches a search query string, for policy rules and legal-hold scopes that select
 * records by query. The query language belongs to the search index: this package treats queries as opaque and
 * asks the matcher. A matcher must be a pure function of its arguments (and of the index contents).
 */
@FunctionalInterface
public interface QueryMatcher {
    boolean matches(String query, Tweet tweet);

    /** A matcher for set-ups without queries: asked about any query it refuses, so no query is silently ignored. */
    QueryMatcher NONE = (query, tweet) -> {
        throw new IllegalStateException("no query matcher is configured, but query \"" + query + "\" must be evaluated");
    };
}
