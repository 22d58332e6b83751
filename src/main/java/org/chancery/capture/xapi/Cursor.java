package org.chancery.capture.xapi;

import java.util.Objects;

/**
 * Where capture of one account stands.
 *
 * @param handle  the handle as given (lower case)
 * @param userId  the account's user id, looked up once
 * @param sinceId the newest tweet id of the last completed run: the next run asks only for newer tweets; null
 *                before the first run completes
 * @param run     the run in progress, null when none was interrupted
 */
public record Cursor(String handle, String userId, String sinceId, Run run) {
    public Cursor {
        Objects.requireNonNull(handle, "handle");
        Objects.requireNonNull(userId, "userId");
    }

    /**
     * A run in progress: resumed with the same {@code since_id} from the page after the last archived one.
     *
     * @param sinceId         the since_id the run started with (null for a backfill)
     * @param paginationToken the {@code next_token} of the last archived page
     * @param newestId        the newest tweet id archived by the run so far
     * @param pages           pages archived by the run so far
     */
    public record Run(String sinceId, String paginationToken, String newestId, int pages) {}
}
