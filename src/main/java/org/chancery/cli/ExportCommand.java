package org.chancery.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.chancery.InvalidInputException;
import org.chancery.archive.RecordOffice;
import org.chancery.export.ExportFormat;
import org.chancery.export.ExportRequest;
import org.chancery.export.ExportSummary;
import org.chancery.export.Exporter;
import org.chancery.retention.PolicySet;
import org.chancery.retention.ViewerRole;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code chancery export QUERY --out PATH}: a bag (or CSV, JSONL, WARC, DAT) of what a role may see. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Export the tweets matching QUERY that --role may see under the retention decisions.",
            "bagit (default): a BagIt 1.0 bag with raw payloads, records, a WARC file, inclusion proofs, the signed",
            "checkpoint and the public key (--zip for a zip file); csv [--bom]; jsonl; warc; dat (Concordance load",
            "file with natives); pdf (a readable report with each tweet's JSON attached). The export is recorded in the tamper-evident log. Check a bag with verify-export."})
final class ExportCommand implements Callable<Integer> {
    @ParentCommand
    private ChanceryCommand root;

    @Parameters(paramLabel = "QUERY", description = "The archive query (quote it for the shell).")
    private String query;

    @Option(names = "--format", paramLabel = "F", defaultValue = "bagit",
            description = "bagit (default), csv, jsonl, warc, dat, pdf.")
    private String format;

    @Option(names = "--out", paramLabel = "PATH", required = true, description = {"What to create; must not exist.",
            "warc: gzipped per record (name it .warc.gz) unless PATH ends in .warc, which gets plain WARC."})
    private Path out;

    @Option(names = "--zip", description = "Write the bag as a zip file at PATH.")
    private boolean zip;

    @Option(names = "--bom", description = "CSV: start with a UTF-8 byte order mark (for spreadsheets).")
    private boolean bom;

    @Option(names = "--by", paramLabel = "NAME", description = "Who exports (default: $USER).")
    private String by;

    @Option(names = "--role", paramLabel = "R", defaultValue = "archivist",
            description = "Whose view: public, staff, archivist (default), legal, admin.")
    private String role;

    @Override
    public Integer call() {
        ExportFormat f;
        ViewerRole viewer;
        try {
            f = ExportFormat.fromWireName(format);
            viewer = ViewerRole.fromWireName(role);
        } catch (InvalidInputException | IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    e instanceof InvalidInputException ? e.getMessage()
                            : "--role must be public, staff, archivist, legal or admin, got \"" + role + "\".");
        }
        Map<String, String> env = root.context().env();
        String who = by != null ? by : env.getOrDefault("USER", "unknown");
        ExportRequest request = new ExportRequest(query, f, out, zip, who, viewer, bom);
        PolicySet policies = root.loadPolicies();
        ExportSummary s;
        try (RecordOffice office = root.openExistingOffice()) {
            s = new Exporter(office, office.retention(policies), root.context().clock()).export(request);
        }
        root.context().out().println("Exported " + s.exported() + " record(s) to " + s.out() + " as "
                + s.format().wireName() + "; " + s.withheld() + " withheld by retention decisions for the role "
                + viewer.wireName() + ".");
        s.policies().forEach((p, c) -> root.context().out().println("  " + p + ": " + c.exported() + " exported, "
                + c.withheld() + " withheld"));
        root.context().out().println("SHA-256 " + s.digest() + (f == ExportFormat.BAGIT ? " (tagmanifest-sha256.txt)" : "")
                + ", logged as entry " + s.logIndex() + ".");
        return 0;
    }
}
