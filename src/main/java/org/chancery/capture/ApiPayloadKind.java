package org.chancery.capture;

/** What an X/Twitter API JSON payload holds, as far as its shape tells; see {@link ApiPayloadClassifier}. */
public enum ApiPayloadKind {
    /** API v2 response whose {@code data} holds tweets (object or array). */
    V2_TWEET_RESPONSE,
    /** API v2 response without {@code data}: an empty result ({@code meta.result_count} 0) or only errors. */
    V2_EMPTY_RESPONSE,
    /** API v2 response whose {@code data} holds something else: users, counts, lists, rules, Spaces. */
    V2_OTHER_RESPONSE,
    /** A single v2 tweet object, e.g. a twarc "flattened" line with its expansions inlined. */
    V2_TWEET,
    /** A single v1.1 status object. */
    V1_STATUS,
    /** A JSON array of v1.1 status objects (possibly empty). */
    V1_STATUSES,
    /** A v1.1 search response: {@code {"statuses": [...], "search_metadata": {...}}}. */
    V1_SEARCH_RESPONSE,
    /** A v1.1 streaming notice: {@code delete}, {@code limit}, {@code friends}, {@code scrub_geo} and the like. */
    V1_STREAM_NOTICE,
    /** v1.1 user objects (users/lookup): an array of users or a single user. */
    V1_USERS,
    /** A Gnip Activity Streams activity ({@code objectType}/{@code verb}). */
    ACTIVITY_STREAMS,
    /** A v2 batch compliance record ({@code id}, {@code action}, {@code reason}). */
    COMPLIANCE_RECORD,
    /** None of the above. */
    UNKNOWN
}
