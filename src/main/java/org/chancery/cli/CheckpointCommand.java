package org.chancery.cli;

import java.util.concurrent.Callable;
import org.chancery.NotFoundException;
import org.chancery.archive.RecordOffice;
import org.chancery.ledger.Checkpoint;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code chancery checkpoint}: prints the latest signed checkpoint (C2SP signed note). */
@Command(name = "checkpoint", mixinStandardHelpOptions = true,
        description = "Print the latest signed checkpoint of the Merkle log, as a C2SP signed note.")
final class CheckpointCommand implements Callable<Integer> {
    @ParentCommand
    private ChanceryCommand root;

    @Override
    public Integer call() {
        try (RecordOffice office = root.openExistingOffice()) {
            Checkpoint c = office.latestCheckpoint().orElseThrow(
                    () -> new NotFoundException("The archive has no checkpoint yet: nothing has been archived."));
            root.context().out().print(c.text());
        }
        return 0;
    }
}
