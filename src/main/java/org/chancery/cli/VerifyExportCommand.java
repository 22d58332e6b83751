package org.chancery.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.chancery.InvalidInputException;
import org.chancery.export.ExportProblem;
import org.chancery.export.ExportVerifier;
import org.chancery.ledger.CheckpointVerifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code chancery verify-export PATH}: checks a bag offline, needing nothing but the bag. */
@Command(name = "verify-export", mixinStandardHelpOptions = true,
        description = {"Verify an exported bag (folder or zip) offline: BagIt manifests and tag manifests,",
            "Payload-Oxum, every raw payload's digest against its proof and log entry, every inclusion proof against",
            "the checkpoint, and the checkpoint's signature against the bag's key (and --key if given).",
            "Each problem is printed as PROBLEM <file> [tweet ID]: <what>; exit 1 if there is any."})
final class VerifyExportCommand implements Callable<Integer> {
    @ParentCommand
    private ChanceryCommand root;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "PATH", description = "The bag folder or zip file.")
    private Path path;

    @Option(names = "--key", paramLabel = "VKEY",
            description = "A verifier key to pin (<name>+<key id>+<base64>), or a file holding one.")
    private String key;

    @Override
    public Integer call() throws IOException {
        CliContext ctx = root.context();
        if (!Files.exists(path)) {
            ctx.err().println("chancery: The export " + path + " does not exist.");
            return Main.FAILED;
        }
        Optional<String> pinned = Optional.empty();
        if (key != null) {
            Path keyFile = Path.of(key);
            pinned = Optional.of(!key.contains("+") && Files.isRegularFile(keyFile)
                    ? Files.readString(keyFile, StandardCharsets.UTF_8).strip() : key.strip());
            try {
                new CheckpointVerifier(pinned.get(), null);
            } catch (InvalidInputException e) {
                throw new ParameterException(spec.commandLine(), "--key must be a verifier key"
                        + " (<name>+<key id>+<base64 key>, as `chancery public-key` prints) or a file holding one: "
                        + e.getMessage());
            }
        }
        ExportVerifier.Report report = new ExportVerifier().verify(path, pinned);
        for (ExportProblem p : report.problems()) {
            ctx.out().println("PROBLEM " + p);
        }
        ctx.out().println("Checked " + report.records() + " record(s) against the checkpoint of size "
                + report.checkpointSize() + (pinned.isPresent() ? " and the pinned key" : "") + ": "
                + (report.clean() ? "no problems." : report.problems().size() + " problem(s)."));
        return report.clean() ? 0 : Main.FAILED;
    }
}
