package org.chancery.capture;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import org.chancery.record.SourceFormat;

/**
 * Imports X API v2 data from a file: one response document (as saved from the API or Postman), or JSONL with
 * one response per line (twarc2 output, filtered-stream lines, twarc "flattened" tweets). Each payload is
 * read by {@link ApiV2Reader}; see there for what becomes a capture and for locators ("data[i]" in a
 * document, "line N, data[i]" in JSONL, "line N" for a flattened tweet).
 *
 * <p>The capture instant is twarc's {@code retrieved_at} when a line has it, else the import instant from
 * the clock (one instant per file). The tool is "twarc &lt;version&gt;" for twarc lines, else "unknown".
 */
public final class ApiV2Importer implements Importer {
    private final Clock clock;
    private final JsonFileFeeder feeder;
    private final ApiV2Reader reader = new ApiV2Reader();

    public ApiV2Importer(Clock clock) {
        this(clock, LineReader.DEFAULT_MAX_LINE_BYTES);
    }

    /** @param maxLineBytes longest JSONL line read; longer lines are rejected and skipped */
    public ApiV2Importer(Clock clock, int maxLineBytes) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.feeder = new JsonFileFeeder(maxLineBytes);
    }

    @Override
    public SourceFormat format() {
        return SourceFormat.API_V2;
    }

    @Override
    public void read(Path path, String display, CaptureSink sink) throws IOException {
        Origin base = new Origin(SourceFormat.API_V2, display, "", clock.instant(), "unknown");
        feeder.feed(path, base, reader, sink);
    }
}
