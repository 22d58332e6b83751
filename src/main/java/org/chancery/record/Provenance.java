package org.chancery.record;

import java.time.Instant;
import java.util.Objects;

/**
 * Where and when a tweet was captured.
 *
 * @param format     the source format
 * @param source     the file (as given on the command line) or URL the payload came from
 * @param locator    where in the source: "line 12", "entry data/tweets.js, item 3", a WARC record id …
 * @param capturedAt when the payload was captured from the platform: the collector's own capture time where
 *                   the source records one (WARC-Date, twarc's retrieved_at), else the import time
 * @param tool       the capturing tool, e.g. "twarc 2.12.0", "Social Feed Manager", "chancery 0.1.0"
 */
public record Provenance(SourceFormat format, String source, String locator, Instant capturedAt, String tool) {
    public Provenance {
        Objects.requireNonNull(format, "provenance format");
        Objects.requireNonNull(source, "provenance source");
        Objects.requireNonNull(capturedAt, "provenance capturedAt");
    }
}
