package org.chancery.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code chancery holds create|list|release}: legal holds. */
@Command(name = "holds", mixinStandardHelpOptions = true,
        description = {"Legal holds: while in force, no record a hold covers is disposed of, whatever its schedule.",
            "Placing and releasing are logged in the Merkle log."},
        subcommands = {HoldsCreateCommand.class, HoldsListCommand.class, HoldsReleaseCommand.class})
final class HoldsCommand implements Runnable {
    @ParentCommand
    ChanceryCommand root;

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        CommandGroup.missingSubcommand(spec);
    }
}
