package org.chancery.capture.xapi;

import java.util.List;

/**
 * What a re-check of archived tweets found.
 *
 * @param checked      tweets looked up
 * @param available    tweets the platform still returns
 * @param observations new payloads archived (changed metrics or text, deletion notices)
 * @param unavailable  tweets the platform no longer returns, with the reason
 */
public record RecheckSummary(int checked, int available, int observations, List<Unavailable> unavailable) {
    public RecheckSummary {
        unavailable = List.copyOf(unavailable);
    }
}
