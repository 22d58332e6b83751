package org.chancery.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.chancery.archive.RecordOffice;
import org.chancery.archive.RetentionService;
import org.chancery.retention.DispositionCertificate;
import org.chancery.retention.PolicySet;
import org.chancery.retention.Recheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code chancery disposition execute PLAN --by NAME}. */
@Command(name = "execute", mixinStandardHelpOptions = true,
        description = {"Carry out an approved plan: re-check holds and eligibility now, withdraw what changed, purge",
            "the remaining OCFL objects, remove their tweets from search, and log the disposition certificate",
            "(printed). Exit 1 if the plan is unknown, unapproved or already executed."})
final class DispositionExecuteCommand implements Callable<Integer> {
    @ParentCommand
    private DispositionCommand parent;

    @Parameters(paramLabel = "PLAN", description = "The plan id (DP-…).")
    private String planId;

    @Option(names = "--by", required = true, paramLabel = "NAME", description = "Who carries it out.")
    private String by;

    @Override
    public Integer call() {
        PolicySet policies = parent.root.loadPolicies();
        PrintWriter out = parent.root.context().out();
        try (RecordOffice office = parent.root.openExistingOffice()) {
            RetentionService.Execution ex = office.retention(policies).execute(planId, by);
            for (Recheck.Withdrawn w : ex.withdrawn()) {
                out.println("Withdrawn " + w.objectId() + ": " + w.reason());
            }
            DispositionCertificate c = ex.certificate();
            if (c == null) {
                out.println("Nothing in plan " + planId + " may be disposed of now; nothing was purged.");
                return 0;
            }
            int records = c.objects().stream().mapToInt(o -> o.records().size()).sum();
            out.println("Executed plan " + planId + " (run by " + by + "): disposed of " + c.objects().size()
                    + " object(s), " + records + " record(s) under certificate " + c.id() + ":");
            out.println(new String(c.canonicalBytes(), StandardCharsets.UTF_8));
        }
        return 0;
    }
}
