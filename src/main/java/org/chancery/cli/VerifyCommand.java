package org.chancery.cli;

import java.util.Locale;
import java.util.concurrent.Callable;
import org.chancery.archive.RecordOffice;
import org.chancery.archive.VerifyReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code chancery verify}: proves the archive is intact, or names what is not. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Re-hash every stored file against the OCFL inventories, validate every object, recompute the",
            "Merkle root and check it against the latest signed checkpoint, check consistency between successive",
            "checkpoints, and confirm that every archived tweet version is in the log. Exit 1 on any problem."})
final class VerifyCommand implements Callable<Integer> {
    @ParentCommand
    private ChanceryCommand root;

    @Override
    public Integer call() {
        CliContext ctx = root.context();
        long started = System.nanoTime();
        VerifyReport report;
        try (RecordOffice office = root.openExistingOffice()) {
            report = office.verify();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        for (VerifyReport.Problem p : report.problems()) {
            ctx.out().println("PROBLEM " + p);
        }
        ctx.out().printf(Locale.ROOT, "Verified %d OCFL object(s), %.1f MB of content, %d tweet version(s), %d log"
                        + " entries, %d checkpoint(s) in %.1f s: %s%n",
                report.objects(), report.contentBytes() / 1e6, report.payloads(), report.logSize(),
                report.checkpoints(), seconds,
                report.clean() ? "no problems." : report.problems().size() + " problem(s).");
        return report.clean() ? 0 : Main.FAILED;
    }
}
