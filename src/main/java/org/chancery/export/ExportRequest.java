package org.chancery.export;

import java.nio.file.Path;
import java.util.Objects;
import org.chancery.InvalidInputException;
import org.chancery.retention.ViewerRole;

/**
 * What to export and where.
 *
 * @param query      a query in the archive's search language
 * @param format     what to write
 * @param out        the bag folder, zip file, load-file folder or single file to create; must not exist yet
 * @param zip        for bags: write a zip file at {@code out} instead of a folder
 * @param exportedBy who asked for the export (recorded in the bag and the log)
 * @param role       whose view of the archive the export contains
 * @param bom        for CSV: start the file with a UTF-8 byte order mark (spreadsheets need it to detect UTF-8)
 */
public record ExportRequest(String query, ExportFormat format, Path out, boolean zip, String exportedBy,
        ViewerRole role, boolean bom) {
    public ExportRequest {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(role, "role");
        if (query == null || query.isBlank()) {
            throw new InvalidInputException("An export needs a query; it was empty.");
        }
        if (exportedBy == null || exportedBy.isBlank() || exportedBy.indexOf('\n') >= 0 || exportedBy.indexOf('\r') >= 0) {
            throw new InvalidInputException("An export needs the name of who exports it on one line, got \""
                    + exportedBy + "\".");
        }
        if (zip && format != ExportFormat.BAGIT) {
            throw new InvalidInputException("Only a bag can be zipped; format " + format.wireName() + " was asked.");
        }
    }
}
