package org.chancery.cli;

import java.util.concurrent.Callable;
import org.chancery.archive.RecordOffice;
import org.chancery.retention.DispositionPlan;
import org.chancery.retention.PolicySet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code chancery disposition approve PLAN --by NAME}. */
@Command(name = "approve", mixinStandardHelpOptions = true,
        description = "Approve a recorded plan (logged). The planner cannot approve their own plan (exit 1).")
final class DispositionApproveCommand implements Callable<Integer> {
    @ParentCommand
    private DispositionCommand parent;

    @Parameters(paramLabel = "PLAN", description = "The plan id (DP-…).")
    private String planId;

    @Option(names = "--by", required = true, paramLabel = "NAME", description = "Who approves.")
    private String by;

    @Override
    public Integer call() {
        PolicySet policies = parent.root.loadPolicies();
        try (RecordOffice office = parent.root.openExistingOffice()) {
            DispositionPlan plan = office.retention(policies).approve(planId, by);
            parent.root.context().out().println("Plan " + plan.id() + " (by " + plan.planner() + ") approved by "
                    + plan.approval().approver() + " at " + plan.approval().approvedAt() + ".");
        }
        return 0;
    }
}
