package org.chancery.capture.xapi;

import java.util.List;

/**
 * What one timeline run of one account did.
 *
 * @param handle          the account
 * @param tweets          tweets read from the API (new, observations and already archived)
 * @param added           tweets new to the archive
 * @param observations    new payloads of archived tweets
 * @param alreadyArchived payloads the archive already held byte for byte
 * @param pages           pages read
 * @param complete        false when the run stopped at the page limit with more pages to read
 * @param rejections      payloads that could not become records, one line each
 */
public record RunSummary(String handle, int tweets, int added, int observations, int alreadyArchived, int pages,
        boolean complete, List<String> rejections) {
    public RunSummary {
        rejections = List.copyOf(rejections);
    }
}
