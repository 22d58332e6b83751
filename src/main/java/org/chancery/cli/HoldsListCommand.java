package org.chancery.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.chancery.archive.RecordOffice;
import org.chancery.retention.HoldScope;
import org.chancery.retention.LegalHold;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code chancery holds list}. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List every legal hold ever placed, in force or released, with its scope and history.")
final class HoldsListCommand implements Callable<Integer> {
    @ParentCommand
    private HoldsCommand parent;

    @Override
    public Integer call() {
        PrintWriter out = parent.root.context().out();
        try (RecordOffice office = parent.root.openExistingOffice()) {
            List<LegalHold> holds = office.holds();
            out.println(holds.size() + " hold(s).");
            for (LegalHold h : holds) {
                String state = h.release() == null ? "IN FORCE" : "released " + h.release().releasedAt() + " by "
                        + h.release().releasedBy() + " (" + h.release().reason() + ")";
                out.println(h.id() + "  " + state + "  placed " + h.placedAt() + " by " + h.placedBy() + " ("
                        + h.reason() + ")  scope: " + describe(h.scope()));
            }
        }
        return 0;
    }

    static String describe(HoldScope s) {
        List<String> parts = new ArrayList<>();
        if (s.query() != null) {
            parts.add("query " + s.query());
        }
        if (!s.accountIds().isEmpty()) {
            parts.add("accounts " + String.join(",", new java.util.TreeSet<>(s.accountIds())));
        }
        if (s.createdFrom() != null) {
            parts.add("created from " + s.createdFrom());
        }
        if (s.createdUntil() != null) {
            parts.add("created before " + s.createdUntil());
        }
        return String.join("; ", parts);
    }
}
