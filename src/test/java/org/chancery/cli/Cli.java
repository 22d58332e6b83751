package org.chancery.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs the real CLI in-process against a data folder, capturing its output, for tests. */
final class Cli {
    record Result(int exitCode, String out, String err) {}

    private final Path data;
    private Clock clock = Clock.fixed(Instant.parse("2026-12-01T12:00:00Z"), ZoneOffset.UTC);

    Cli(Path data) {
        this.data = data;
    }

    Cli clock(Clock c) {
        clock = c;
        return this;
    }

    Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>();
        if (data != null) {
            all.add("--data");
            all.add(data.toString());
        }
        all.addAll(List.of(args));
        int code = Main.run(new CliContext(clock, Map.of(), new PrintWriter(out), new PrintWriter(err), false),
                all.toArray(String[]::new));
        return new Result(code, out.toString(), err.toString());
    }
}
