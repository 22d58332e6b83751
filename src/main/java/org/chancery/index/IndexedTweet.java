package org.chancery.index;

import java.util.List;
import java.util.Objects;

import org.chancery.record.Tweet;

/**
 * What the index needs to know about one tweet: the canonical record plus facts that live outside it.
 *
 * @param tweet        the canonical record
 * @param handles      every handle the account has had (at least the one on the record when it has one), so
 *                     that {@code from:} finds tweets posted under an earlier handle
 * @param accountClass the account's class in the registry (e.g. "member", "committee"); null when unknown
 * @param accountRole  the account's role from a later registry; null when unknown
 * @param deleted      the tweet is known to be deleted on the platform
 * @param edited       the tweet is known to have been edited
 * @param access       who may see it, from retention; null when no policy set was applied (then only searches
 *                     without an {@link AccessScope} find it)
 * @param linkedText   the text of the documents the tweet links to, as extracted and kept in the store (so that a
 *                     word inside a linked PDF statement finds the tweet); null when none
 */
public record IndexedTweet(Tweet tweet, List<String> handles, String accountClass, String accountRole,
                           boolean deleted, boolean edited, AccessFacts access, String linkedText) {
    public IndexedTweet {
        Objects.requireNonNull(tweet, "tweet");
        handles = List.copyOf(handles);
        if (handles.isEmpty() && tweet.author().handle() != null) {
            handles = List.of(tweet.author().handle());
        }
    }

    /** Without linked text. */
    public IndexedTweet(Tweet tweet, List<String> handles, String accountClass, String accountRole, boolean deleted,
            boolean edited, AccessFacts access) {
        this(tweet, handles, accountClass, accountRole, deleted, edited, access, null);
    }

    /** Without access facts. */
    public IndexedTweet(Tweet tweet, List<String> handles, String accountClass, String accountRole, boolean deleted,
            boolean edited) {
        this(tweet, handles, accountClass, accountRole, deleted, edited, null);
    }

    /** The same tweet with these access facts. */
    public IndexedTweet withAccess(AccessFacts facts) {
        return new IndexedTweet(tweet, handles, accountClass, accountRole, deleted, edited, facts, linkedText);
    }

    /** The same tweet with this linked text (null for none). */
    public IndexedTweet withLinkedText(String text) {
        return new IndexedTweet(tweet, handles, accountClass, accountRole, deleted, edited, access, text);
    }

    /** A tweet with only the handle on its record, no registry facts, and the flags the record itself gives. */
    public static IndexedTweet of(Tweet tweet) {
        return new IndexedTweet(tweet, List.of(), null, null, tweet.deleted(), tweet.edited());
    }
}
