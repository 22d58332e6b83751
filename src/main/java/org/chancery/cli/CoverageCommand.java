package org.chancery.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.chancery.InvalidInputException;
import org.chancery.archive.AccountCoverage;
import org.chancery.archive.RecordOffice;
import org.chancery.capture.xapi.Coverage;
import org.chancery.capture.xapi.CursorStore;
import org.chancery.capture.xapi.RunLog;
import org.chancery.config.DataDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code chancery coverage HANDLE [--json]}: what the archive holds of an account, day by day; the same statement
 * as {@code GET /accounts/{handle}/coverage} gives an admin (both use {@link AccountCoverage}).
 */
@Command(name = "coverage", mixinStandardHelpOptions = true,
        description = {"State what the archive holds of an account (captured from the X API, imported, or both):",
            "per day of posting, tweets held, tweets no longer on the platform, first and last capture; whether the",
            "backfill completed and whether the API's 3,200-tweet history limit may have cut it; runs that failed.",
            "An account never captured gets its days with a statement that no X API capture ran.",
            "The same JSON as GET /api/v1/accounts/HANDLE/coverage with an admin token."})
final class CoverageCommand implements Callable<Integer> {
    @ParentCommand
    private ChanceryCommand root;

    @Parameters(paramLabel = "HANDLE", description = "An account's handle (with or without @): registered, captured or archived.")
    private String handle;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    private boolean asJson;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (!AccountCoverage.isHandle(handle)) {
            throw new ParameterException(spec.commandLine(), "HANDLE '" + handle
                    + "' is not a handle: 1 to 50 letters, digits or underscores, with or without @.");
        }
        DataDir data = root.dataDir();
        Coverage c;
        try (RecordOffice office = root.openExistingOffice()) {
            office.commit();
            // Everything archived counts, as for an admin caller of the API: the command line reads the data folder.
            c = new AccountCoverage(office, new CursorStore(data.capture().resolve("cursors")),
                    new RunLog(data.capture().resolve("runs.jsonl"))).of(handle, null, null, null, true)
                    .orElseThrow(() -> new InvalidInputException(AccountCoverage.notFound(handle, true)));
        }
        PrintWriter out = root.context().out();
        if (asJson) {
            out.println(new ObjectMapper().writeValueAsString(AccountCoverage.json(c, null, null, true)));
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
