package org.chancery.cli;

import java.io.PrintWriter;
import org.chancery.retention.DispositionPlan;
import org.chancery.retention.ObjectPlan;
import org.chancery.retention.PlannedRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code chancery disposition plan|approve|execute}. */
@Command(name = "disposition", mixinStandardHelpOptions = true,
        description = {"Disposition by whole OCFL object: plan what is eligible now, a second person approves,",
            "execute re-checks holds and eligibility, purges, and logs a certificate."},
        subcommands = {DispositionPlanCommand.class, DispositionApproveCommand.class, DispositionExecuteCommand.class})
final class DispositionCommand implements Runnable {
    @ParentCommand
    ChanceryCommand root;

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        CommandGroup.missingSubcommand(spec);
    }

    static void print(DispositionPlan plan, PrintWriter out) {
        for (ObjectPlan o : plan.objects()) {
            out.println("  " + o.objectId() + "  " + o.action().wireName() + "  " + o.records().size() + " record(s)");
            for (PlannedRecord r : o.records()) {
                out.println("    " + r.tweetId() + "  " + r.policyId() + " v" + r.policyVersion() + " rule " + r.ruleId()
                        + "  eligible since " + r.eligibleAt());
            }
        }
    }
}
