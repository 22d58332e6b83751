package org.chancery.capture;

import java.time.Instant;
import java.util.Objects;
import org.chancery.record.Provenance;
import org.chancery.record.SourceFormat;

/**
 * Where a payload came from, before it is parsed: the provenance every tweet of the payload shares.
 *
 * @param format     the format of the payload
 * @param source     the file as given on the command line, or a URL
 * @param locator    position inside the source ("line 3", "WARC record <urn:uuid:…>")
 * @param capturedAt when the collector captured it (import time when the source does not record it)
 * @param tool       the collecting tool
 */
public record Origin(SourceFormat format, String source, String locator, Instant capturedAt, String tool) {
    public Origin {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(locator, "locator");
        Objects.requireNonNull(capturedAt, "capturedAt");
        Objects.requireNonNull(tool, "tool");
    }

    public Origin at(String newLocator) {
        return new Origin(format, source, newLocator, capturedAt, tool);
    }

    public Origin capturedBy(Instant when, String byTool) {
        return new Origin(format, source, locator, when, byTool);
    }

    public Provenance provenance() {
        return new Provenance(format, source, locator, capturedAt, tool);
    }

    public Rejection reject(String field, String problem) {
        return new Rejection(source, locator, field, problem);
    }
}
