package org.chancery.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import org.chancery.archive.RecordOffice;
import org.chancery.config.DataDir;
import org.chancery.export.ExportFiles;
import org.chancery.export.ExportFormat;
import org.chancery.export.ExportRequest;
import org.chancery.export.ExportSummary;
import org.chancery.export.Exporter;
import org.chancery.retention.PolicySet;
import org.chancery.retention.ViewerRole;

/**
 * A bag export with proofs of everything in a data folder, run several times in one process so that start-up and
 * compilation fall out of the later rounds: wall time and the CPU time of the whole process (every thread) per
 * record, which a shared machine's load disturbs less than wall time. Each round adds its export event to the log,
 * so run it on a copy of a data folder.
 *
 * <p>Usage: {@code ExportBench DATA POLICIES OUT [ROUNDS]}.
 */
public final class ExportBench {
    private ExportBench() {}

    public static void main(String[] args) throws IOException {
        Path data = Path.of(args[0]);
        PolicySet policies = PolicySet.load(Path.of(args[1]));
        Path out = Path.of(args[2]);
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (RecordOffice office = RecordOffice.open(new DataDir(data), Clock.systemUTC())) {
            Exporter exporter = new Exporter(office, office.retention(policies), Clock.systemUTC());
            for (int r = 1; r <= rounds; r++) {
                ExportFiles.deleteTree(out);
                long cpu0 = os.getProcessCpuTime();
                long t0 = System.nanoTime();
                ExportSummary s = exporter.export(new ExportRequest("since:2000-01-01", ExportFormat.BAGIT, out, false,
                        "bench", ViewerRole.ARCHIVIST, false));
                double wall = (System.nanoTime() - t0) / 1e9;
                double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
                System.out.printf(Locale.ROOT,
                        "round %d: %d records, wall %.2f s (%.0f records/s), process CPU %.2f s = %.1f us/record,"
                                + " load %.2f%n", r, s.exported(), wall, s.exported() / wall, cpu,
                        cpu * 1e6 / s.exported(), os.getSystemLoadAverage());
            }
        }
    }
}
