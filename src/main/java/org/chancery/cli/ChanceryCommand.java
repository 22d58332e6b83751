package org.chancery.cli;

import java.nio.file.Path;
import org.chancery.archive.RecordOffice;
import org.chancery.config.DataDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The top-level command: holds the options every command shares. */
@Command(name = "chancery", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "The record office for official tweets: capture, immutable storage, verification.",
        subcommands = {ImportCommand.class, SearchCommand.class, ShowCommand.class, VerifyCommand.class,
            CheckpointCommand.class, PublicKeyCommand.class, ReindexCommand.class})
public final class ChanceryCommand implements Runnable {
    private final CliContext context;

    @Spec
    private CommandSpec spec;

    @Option(names = "--data", paramLabel = "DIR", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "Data folder (default: $CHANCERY_DATA, else ./chancery-data).")
    private Path data;

    ChanceryCommand(CliContext context) {
        this.context = context;
    }

    CliContext context() {
        return context;
    }

    DataDir dataDir() {
        return DataDir.resolve(data, context.env());
    }

    /** Opens the archive and its ledger in the data folder (creating them on first use). */
    RecordOffice openOffice() {
        return RecordOffice.open(dataDir(), context.clock());
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing command: try 'chancery --help'.");
    }
}
