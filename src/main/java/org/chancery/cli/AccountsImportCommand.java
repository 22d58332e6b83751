package org.chancery.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.chancery.NotFoundException;
import org.chancery.archive.RecordOffice;
import org.chancery.retention.Account;
import org.chancery.retention.AccountRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code chancery accounts import FILE [--replace]}. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Import accounts from a Chancery registry file (YAML or JSON with 'accounts') or a",
            "congresstweets-accounts list (users-filtered.json, historical-users-filtered.json). Makes a new",
            "registry version unless nothing changed, logs it, and reindexes so that search follows the registry.",
            "An invalid file is refused whole (exit 1), every problem named by file, line and field."})
final class AccountsImportCommand implements Callable<Integer> {
    @ParentCommand
    private AccountsCommand parent;

    @Option(names = "--replace", description = "The file is the whole registry: accounts not in it are removed.")
    private boolean replace;

    @Parameters(paramLabel = "FILE", description = "The registry file.")
    private Path file;

    @Override
    public Integer call() {
        if (!Files.isRegularFile(file)) {
            throw new NotFoundException("The registry file " + file + " does not exist.");
        }
        List<Account> accounts = AccountRegistry.parseAnyFile(readAll(file), file.toString());
        CliContext ctx = parent.root.context();
        try (RecordOffice office = parent.root.openOffice()) {
            AccountRegistry.Import result = office.importAccounts(accounts, file.toString(), replace);
            if (result.diff().isEmpty()) {
                ctx.out().println("Registry unchanged at version " + result.version().number() + " ("
                        + result.version().accounts().size() + " accounts).");
            } else {
                ctx.out().println("Registry version " + result.version().number() + ": "
                        + result.version().accounts().size() + " accounts (" + result.diff() + ").");
            }
        }
        return 0;
    }

    private static byte[] readAll(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (java.io.IOException e) {
            throw new org.chancery.StorageException("Could not read " + file + ": " + e.getMessage(), e);
        }
    }
}
