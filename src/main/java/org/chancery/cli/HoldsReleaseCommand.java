package org.chancery.cli;

import java.util.concurrent.Callable;
import org.chancery.archive.RecordOffice;
import org.chancery.retention.HoldEvent;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;

/** {@code chancery holds release ID --by NAME --reason …}. */
@Command(name = "release", mixinStandardHelpOptions = true,
        description = "Release a legal hold now; it stays listed with its release. Exit 1 if unknown or released.")
final class HoldsReleaseCommand implements Callable<Integer> {
    @ParentCommand
    private HoldsCommand parent;

    @Parameters(paramLabel = "ID", description = "The hold id.")
    private String id;

    @Option(names = "--by", required = true, paramLabel = "NAME", description = "Who releases it.")
    private String by;

    @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why: matter closed, order.")
    private String reason;

    @Override
    public Integer call() {
        try (RecordOffice office = parent.root.openExistingOffice()) {
            HoldEvent.Released r = office.releaseHold(id, by, reason);
            parent.root.context().out().println("Released hold " + r.holdId() + " at " + r.at() + " by "
                    + r.release().releasedBy() + ".");
        } catch (IllegalArgumentException e) {
            throw new ParameterException(new CommandLine(this), e.getMessage() + ".");
        }
        return 0;
    }
}
