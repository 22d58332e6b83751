package org.chancery.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.chancery.InvalidInputException;
import org.chancery.NotFoundException;
import org.chancery.retention.PolicySet;
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
            CheckpointCommand.class, PublicKeyCommand.class, ReindexCommand.class, AccountsCommand.class,
            PoliciesCommand.class, DecideCommand.class, HoldsCommand.class, DispositionCommand.class,
            ExportCommand.class, VerifyExportCommand.class, TokensCommand.class, ServeCommand.class,
            DemoCommand.class, CaptureCommand.class, CoverageCommand.class})
public final class ChanceryCommand implements Runnable {
    private final CliContext context;

    @Spec
    private CommandSpec spec;

    @Option(names = "--data", paramLabel = "DIR", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "Data folder (default: $CHANCERY_DATA, else ./chancery-data).")
    private Path data;

    @Option(names = "--policies", paramLabel = "DIR", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "Retention policy folder (default: $CHANCERY_POLICIES, else ./retention-policies).")
    private Path policies;

    /** The NAMASTE file every OCFL 1.1 storage root holds. */
    private static final String OCFL_ROOT_MARKER = "0=ocfl_1.1";

    /** Environment variable that names the policy folder. */
    static final String POLICIES_ENV = "CHANCERY_POLICIES";

    ChanceryCommand(CliContext context) {
        this.context = context;
    }

    CliContext context() {
        return context;
    }

    DataDir dataDir() {
        return DataDir.resolve(data, context.env());
    }

    /**
     * Opens the archive and its ledger in the data folder, creating them on first use: only for the commands that
     * add to an archive (import, capture, accounts import, serve, demo); the others use {@link #openExistingOffice}.
     */
    RecordOffice openOffice() {
        return RecordOffice.open(dataDir(), context.clock());
    }

    /**
     * Opens the archive in the data folder for a command that reads or amends an existing one. A mistyped or missing
     * folder is refused (exit 1) and nothing is created: opening it would otherwise make a new, empty archive with
     * a new signing key, and "verified, no problems" or a new public key would be reported about it.
     */
    RecordOffice openExistingOffice() {
        requireArchive();
        return openOffice();
    }

    /** Fails, creating nothing, unless the data folder holds an OCFL storage root (which the first import makes). */
    void requireArchive() {
        DataDir d = dataDir();
        if (!Files.isRegularFile(d.store().resolve(OCFL_ROOT_MARKER))) {
            throw new NotFoundException("No archive at " + d.root() + " (no OCFL storage root at " + d.store()
                    + "). Give --data (or $" + DataDir.ENV + ") the folder `chancery import` created, or run"
                    + " `chancery import` first.");
        }
    }

    /**
     * Opens the record office for adding tweets: when the policy folder holds a valid policy set, tweets are indexed
     * with their access facts under it (and the index is rebuilt first if it was built under other policies), so
     * {@code serve} need not rebuild it. Without one, {@code serve} rebuilds the index with its policies.
     */
    RecordOffice openOfficeIndexingAccess() {
        RecordOffice office = openOffice();
        try {
            accessPolicies().ifPresent(office::indexAccessWith);
        } catch (RuntimeException e) {
            office.close();
            throw e;
        }
        return office;
    }

    /** The policy set, if the policy folder exists and every file in it is valid. */
    java.util.Optional<PolicySet> accessPolicies() {
        Path dir = policyDir();
        return Files.isDirectory(dir) && PolicySet.check(dir).isEmpty() ? java.util.Optional.of(PolicySet.load(dir))
                : java.util.Optional.empty();
    }

    /** The policy folder given by --policies, else $CHANCERY_POLICIES, else ./retention-policies. */
    Path policyDir() {
        if (policies != null) {
            return policies;
        }
        String env = context.env().get(POLICIES_ENV);
        return Path.of(env != null && !env.isBlank() ? env : "retention-policies");
    }

    /**
     * Loads the policy set; an invalid set fails the command (exit 1) with every problem listed by file, line and
     * field, before anything is opened.
     */
    PolicySet loadPolicies() {
        Path dir = policyDir();
        if (!Files.isDirectory(dir)) {
            throw new InvalidInputException("The retention policy folder " + dir.toAbsolutePath()
                    + " does not exist; give one with --policies DIR or $" + POLICIES_ENV + ".");
        }
        return PolicySet.load(dir);
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing command: try 'chancery --help'.");
    }
}
