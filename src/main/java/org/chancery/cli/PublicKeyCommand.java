package org.chancery.cli;

import java.util.concurrent.Callable;
import org.chancery.archive.RecordOffice;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code chancery public-key}: prints the archive's verifier key. */
@Command(name = "public-key", mixinStandardHelpOptions = true,
        description = {"Print the archive's Ed25519 public key in signed-note verifier form",
            "(<name>+<key id>+<base64 key>), to check checkpoints with any C2SP note verifier."})
final class PublicKeyCommand implements Callable<Integer> {
    @ParentCommand
    private ChanceryCommand root;

    @Override
    public Integer call() {
        try (RecordOffice office = root.openExistingOffice()) {
            root.context().out().println(office.verifierKey());
        }
        return 0;
    }
}
