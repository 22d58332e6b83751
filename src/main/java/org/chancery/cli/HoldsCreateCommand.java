package org.chancery.cli;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.chancery.archive.RecordOffice;
import org.chancery.index.QuerySyntaxException;
import org.chancery.retention.HoldEvent;
import org.chancery.retention.HoldScope;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code chancery holds create --id H-… --reason … --by NAME [--query Q] [--account ID…] [--since D] [--until D]}. */
@Command(name = "create", mixinStandardHelpOptions = true,
        description = {"Place a legal hold now. Its scope (every criterion given must hold; at least one) is",
            "evaluated whenever retention decides, so records captured later are covered when they match."})
final class HoldsCreateCommand implements Callable<Integer> {
    @ParentCommand
    private HoldsCommand parent;

    @Spec
    private CommandSpec spec;

    @Option(names = "--id", required = true, paramLabel = "ID", description = "Hold id, e.g. H-2026-001 (never reused).")
    private String id;

    @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why: matter, request, order.")
    private String reason;

    @Option(names = "--by", required = true, paramLabel = "NAME", description = "Who places it.")
    private String by;

    @Option(names = "--query", paramLabel = "Q", description = "A search query the held tweets match.")
    private String query;

    @Option(names = "--account", paramLabel = "ID", arity = "1..*", description = "Author ids (numeric) held.")
    private List<String> accounts = new ArrayList<>();

    @Option(names = "--since", paramLabel = "DATE", description = "Tweets created at or after this day/instant.")
    private String since;

    @Option(names = "--until", paramLabel = "DATE", description = "Tweets created before this day/instant.")
    private String until;

    @Override
    public Integer call() {
        Instant from = since == null ? null : Instants.parse(since, "--since", this);
        Instant to = until == null ? null : Instants.parse(until, "--until", this);
        HoldScope scope;
        try {
            scope = new HoldScope(query, new java.util.TreeSet<>(accounts), from, to);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "The hold's scope is not valid: " + e.getMessage() + ".");
        }
        CliContext ctx = parent.root.context();
        try (RecordOffice office = parent.root.openExistingOffice()) {
            if (query != null) {
                try {
                    office.count(query); // a malformed query is refused before the hold is placed
                } catch (QuerySyntaxException e) {
                    throw new ParameterException(spec.commandLine(), "--query: " + e.getMessage());
                }
            }
            HoldEvent.Placed placed = office.placeHold(id, reason, by, scope);
            ctx.out().println("Placed hold " + placed.holdId() + " at " + placed.at() + " by " + placed.hold().placedBy()
                    + ": " + HoldsListCommand.describe(placed.hold().scope()));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage() + ".");
        }
        return 0;
    }
}
