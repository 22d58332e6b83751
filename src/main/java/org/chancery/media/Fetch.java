package org.chancery.media;

/** What fetching one file for the archive came to: a file to keep, or the problem in a few words. */
sealed interface Fetch permits Attachments.Kept, Fetch.Problem {
    /** @param reason why nothing is kept, as the failure log records it */
    record Problem(String reason) implements Fetch {}
}
