package org.chancery.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.chancery.archive.RecordOffice;
import org.chancery.retention.DispositionPlan;
import org.chancery.retention.PolicySet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code chancery disposition plan --by NAME}. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"List the OCFL objects whose records are all eligible for disposition now and none held,",
            "and record the plan (logged). Someone else must approve it."})
final class DispositionPlanCommand implements Callable<Integer> {
    @ParentCommand
    private DispositionCommand parent;

    @Option(names = "--by", required = true, paramLabel = "NAME", description = "Who makes the plan.")
    private String by;

    @Override
    public Integer call() {
        PolicySet policies = parent.root.loadPolicies();
        PrintWriter out = parent.root.context().out();
        try (RecordOffice office = parent.root.openExistingOffice()) {
            DispositionPlan plan = office.retention(policies).plan(by);
            if (plan.objects().isEmpty()) {
                out.println("Nothing is eligible for disposition at " + plan.createdAt() + "; no plan recorded.");
                return 0;
            }
            out.println("Plan " + plan.id() + " by " + plan.planner() + " at " + plan.createdAt() + ": "
                    + plan.objects().size() + " object(s), " + plan.recordCount() + " record(s).");
            DispositionCommand.print(plan, out);
            out.println("Approve with: chancery disposition approve " + plan.id() + " --by NAME (not " + plan.planner() + ")");
        }
        return 0;
    }
}
