package org.chancery.capture;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import org.chancery.record.SourceFormat;

/**
 * Imports Twitter API v1.1 statuses from a file: a JSON array of statuses, a single status, a search
 * response, or JSONL with one status per line (twarc 1, streaming API captures, Gnip original format).
 * Each payload is read by {@link ApiV1Reader}; see there for what is skipped and for locators ("[i]" in a
 * document, "line N" in JSONL).
 *
 * <p>v1.1 statuses record no capture time, so the capture instant is the import instant from the clock (one
 * instant per file) and the tool is "unknown".
 */
public final class ApiV1Importer implements Importer {
    private final Clock clock;
    private final JsonFileFeeder feeder;
    private final ApiV1Reader reader = new ApiV1Reader();

    public ApiV1Importer(Clock clock) {
        this(clock, LineReader.DEFAULT_MAX_LINE_BYTES);
    }

    /** @param maxLineBytes longest JSONL line read; longer lines are rejected and skipped */
    public ApiV1Importer(Clock clock, int maxLineBytes) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.feeder = new JsonFileFeeder(maxLineBytes);
    }

    @Override
    public SourceFormat format() {
        return SourceFormat.API_V1;
    }

    @Override
    public void read(Path path, String display, CaptureSink sink) throws IOException {
        Origin base = new Origin(SourceFormat.API_V1, display, "", clock.instant(), "unknown");
        feeder.feed(path, base, reader, sink);
    }
}
