package org.chancery.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.chancery.archive.RecordOffice;
import org.chancery.retention.Account;
import org.chancery.retention.RegistryVersion;
import org.chancery.retention.RolePeriod;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code chancery accounts list}. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the accounts of the current registry version with their role periods and handles.")
final class AccountsListCommand implements Callable<Integer> {
    @ParentCommand
    private AccountsCommand parent;

    @Override
    public Integer call() {
        PrintWriter out = parent.root.context().out();
        try (RecordOffice office = parent.root.openExistingOffice()) {
            RegistryVersion v = office.accounts().current();
            out.println("Registry version " + v.number() + " (" + v.source() + ", imported " + v.importedAt() + "): "
                    + v.accounts().size() + " accounts.");
            for (Account a : v.accounts()) {
                StringBuilder line = new StringBuilder(a.id()).append("  ").append(a.name());
                if (a.accountClass() != null) {
                    line.append("  [").append(a.accountClass()).append(']');
                }
                for (RolePeriod r : a.roles()) {
                    line.append("  ").append(r.role().wireName()).append(' ').append(day(r.from())).append("..")
                            .append(day(r.until()));
                }
                line.append("  @").append(String.join(" @", a.handles().stream().map(h -> h.handle()).toList()));
                out.println(line);
            }
        }
        return 0;
    }

    private static String day(Instant at) {
        return at == null ? "" : at.toString().substring(0, 10);
    }
}
