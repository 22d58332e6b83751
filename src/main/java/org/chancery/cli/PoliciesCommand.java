package org.chancery.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.chancery.retention.Policy;
import org.chancery.retention.PolicySet;
import org.chancery.retention.SourceProblem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code chancery policies check}: validates the retention policy folder. */
@Command(name = "policies", mixinStandardHelpOptions = true,
        description = "The retention policies (--policies DIR, $CHANCERY_POLICIES, else ./retention-policies).",
        subcommands = PoliciesCommand.Check.class)
final class PoliciesCommand implements Runnable {
    @ParentCommand
    ChanceryCommand root;

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        CommandGroup.missingSubcommand(spec);
    }

    /** {@code chancery policies check}. */
    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Validate every policy file and list the policies by precedence; exit 1 listing every",
                "problem (file, line, field) when the set is invalid."})
    static final class Check implements Callable<Integer> {
        @ParentCommand
        private PoliciesCommand parent;

        @Override
        public Integer call() {
            CliContext ctx = parent.root.context();
            List<SourceProblem> problems = PolicySet.check(parent.root.policyDir());
            if (!problems.isEmpty()) {
                ctx.err().println("chancery: the policy set " + parent.root.policyDir() + " is invalid ("
                        + problems.size() + " problem(s)):");
                problems.forEach(p -> ctx.err().println("  " + p));
                return Main.FAILED;
            }
            PrintWriter out = ctx.out();
            PolicySet set = parent.root.loadPolicies();
            out.println("Policy set " + parent.root.policyDir() + ": " + set.policies().size() + " valid policies.");
            for (Policy p : set.policies()) {
                out.println("  " + p.priority() + "  " + p.label() + "  " + p.retention() + (p.disposition() == null ? ""
                        : ", then " + p.disposition().wireName()) + ", access " + p.access() + "  (" + p.source() + ")");
            }
            return 0;
        }
    }
}
