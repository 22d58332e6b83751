package org.chancery.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code chancery accounts import|list}: the account registry. */
@Command(name = "accounts", mixinStandardHelpOptions = true,
        description = {"The account registry: who each account belongs to and which role it had when. Kept in the",
            "archive as numbered versions (DATA/registry), each logged in the Merkle log."},
        subcommands = {AccountsImportCommand.class, AccountsListCommand.class})
final class AccountsCommand implements Runnable {
    @ParentCommand
    ChanceryCommand root;

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        CommandGroup.missingSubcommand(spec);
    }
}
