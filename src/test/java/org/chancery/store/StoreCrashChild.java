package org.chancery.store;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.chancery.record.Capture;

/**
 * The process {@link StoreCrashIT} kills: opens the archive (replaying any journal), then archives generated
 * captures in batches and prints {@code ACK <from> <to>} after each acknowledged put.
 *
 * <p>Arguments: data directory, first capture number, batch size, flush threshold in captures.
 */
public final class StoreCrashChild {
    private StoreCrashChild() {}

    public static void main(String[] args) {
        Path data = Path.of(args[0]);
        long from = Long.parseLong(args[1]);
        int batch = Integer.parseInt(args[2]);
        int flushCaptures = Integer.parseInt(args[3]);
        StoreSettings settings = StoreSettings.under(data).withFlushThresholds(flushCaptures, 64L * 1024 * 1024);
        try (OcflArchive archive = new OcflArchive(settings, Clock.systemUTC(), CommitListener.NONE)) {
            System.out.println("OPEN");
            System.out.flush();
            for (long n = from; ; n += batch) {
                List<Capture> captures = new ArrayList<>(batch);
                for (long i = n; i < n + batch; i++) {
                    captures.add(TestCaptures.synthetic(i));
                }
                archive.put("crash test batch " + n, captures);
                System.out.println("ACK " + n + " " + (n + batch));
                System.out.flush();
            }
        }
    }
}
