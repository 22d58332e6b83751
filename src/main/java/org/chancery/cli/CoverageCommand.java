package org.chancery.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.chancery.InvalidInputException;
import org.chancery.archive.RecordOffice;
import org.chancery.capture.xapi.Coverage;
import org.chancery.capture.xapi.Cursor;
import org.chancery.capture.xapi.CursorStore;
import org.chancery.capture.xapi.RunLog;
import org.chancery.capture.xapi.RunRecord;
import org.chancery.config.DataDir;
import org.chancery.record.Tweet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code chancery coverage HANDLE [--json]}: what the archive holds of a captured account, day by day. */
@Command(name = "coverage", mixinStandardHelpOptions = true,
        description = {"State what the archive holds of an account captured from the X API: per day of posting,",
            "tweets held, tweets no longer on the platform, first and last capture; whether the backfill completed",
            "and whether the API's 3,200-tweet history limit may have cut it; runs that failed."})
final class CoverageCommand implements Callable<Integer> {
    @ParentCommand
    private ChanceryCommand root;

    @Parameters(paramLabel = "HANDLE", description = "A captured account (with or without @).")
    private String handle;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    private boolean asJson;

    @Override
    public Integer call() throws IOException {
        String h = (handle.startsWith("@") ? handle.substring(1) : handle).toLowerCase(Locale.ROOT);
        root.requireArchive();
        DataDir data = root.dataDir();
        Cursor cursor = new CursorStore(data.capture().resolve("cursors")).find(h).orElseThrow(() ->
                new InvalidInputException("@" + h + " has never been captured from the X API in " + data.root() + "."));
        List<RunRecord> runs = new RunLog(data.capture().resolve("runs.jsonl")).list().stream()
                .filter(r -> r.handle().equals(h)).toList();
        List<Tweet> payloads = new ArrayList<>();
        try (RecordOffice office = root.openExistingOffice()) {
            office.commit();
            // The account's own objects only: every tweet is stored in its author's account-month object.
            office.store().forEachRecord(o -> o.authorId().equals(cursor.userId()), t -> {
                if (t.author().id().equals(cursor.userId())) {
                    payloads.add(t);
                }
            });
        }
        Coverage c = Coverage.of(h, cursor.userId(), payloads, runs);
        PrintWriter out = root.context().out();
        if (asJson) {
            out.println(new ObjectMapper().writeValueAsString(c.toJson(true)));
            return 0;
        }
        c.statements().forEach(out::println);
        if (!c.days().isEmpty()) {
            out.println();
            out.println("day         tweets  not available  first capture         last capture");
            for (Coverage.Day d : c.days()) {
                out.printf(Locale.ROOT, "%-10s  %6d  %13d  %-20s  %s%n", d.day(), d.tweets(), d.unavailable(),
                        d.firstCapture(), d.lastCapture());
            }
        }
        return 0;
    }
}
