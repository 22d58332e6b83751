package org.chancery.archive;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.chancery.config.DataDir;
import org.chancery.record.Capture;
import org.chancery.store.StoreSettings;
import org.chancery.store.TestCaptures;

/**
 * The process {@link RecordOfficeCrashIT} kills: opens the record office (store, ledger, index — replaying
 * whatever a crash left), archives generated captures in batches and prints {@code ACK <from> <to>} after each
 * acknowledged put. A small commit threshold makes OCFL commits, ledger appends and checkpoints frequent, so
 * kills land inside them too.
 *
 * <p>Arguments: data directory, first capture number, batch size, commit threshold in captures.
 */
public final class RecordOfficeCrashChild {
    private RecordOfficeCrashChild() {}

    public static void main(String[] args) {
        DataDir data = new DataDir(Path.of(args[0]));
        long from = Long.parseLong(args[1]);
        int batch = Integer.parseInt(args[2]);
        StoreSettings settings = StoreSettings.under(data.root())
                .withFlushThresholds(Integer.parseInt(args[3]), 64L * 1024 * 1024);
        try (RecordOffice office = RecordOffice.open(data, Clock.systemUTC(), settings)) {
            System.out.println("OPEN");
            System.out.flush();
            for (long n = from; ; n += batch) {
                List<Capture> captures = new ArrayList<>(batch);
                for (long i = n; i < n + batch; i++) {
                    captures.add(TestCaptures.synthetic(i));
                }
                office.archive().put("crash test batch " + n, captures);
                System.out.println("ACK " + n + " " + (n + batch));
                System.out.flush();
            }
        }
    }
}
