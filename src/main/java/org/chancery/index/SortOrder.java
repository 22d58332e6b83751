package org.chancery.index;

/** How search hits are ordered; every order ends with the tweet id, so the order is total and pageable. */
public enum SortOrder {
    /** Best match first (BM25), then newest first. */
    RELEVANCE,
    /** Newest first. */
    DATE_DESC,
    /** Oldest first. */
    DATE_ASC,
    /** Most likes + retweets + replies + quotes first, then newest first. */
    ENGAGEMENT
}
