package org.chancery.cli;

import java.util.Locale;
import java.util.concurrent.Callable;
import org.chancery.archive.RecordOffice;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code chancery reindex}: rebuilds the search index from the OCFL root alone, with access facts under the policy
 * folder's set when it is valid.
 */
@Command(name = "reindex", mixinStandardHelpOptions = true,
        description = "Rebuild the search index (DATA/index) from the OCFL storage root alone.")
final class ReindexCommand implements Callable<Integer> {
    @ParentCommand
    private ChanceryCommand root;

    @Override
    public Integer call() {
        CliContext ctx = root.context();
        long started = System.nanoTime();
        long indexed;
        try (RecordOffice office = root.openExistingOffice(); ImportProgress progress = ImportProgress.start(ctx)) {
            root.accessPolicies().ifPresent(office::useAccessPolicies);
            indexed = office.reindex(progress::stepTo);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        ctx.out().printf(Locale.ROOT, "Reindexed %d tweet version(s) in %.1f s (%.0f/s).%n", indexed, seconds,
                indexed / Math.max(seconds, 1e-9));
        return 0;
    }
}
