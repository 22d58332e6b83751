package org.chancery.export;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Locale;

/**
 * One WARC file of the raw payloads (see {@link WarcRecords}), its content matching its name: plain WARC for a name
 * ending in {@code .warc}, otherwise gzipped per record as {@code .warc.gz} files are, the form WARC tools most often
 * exchange (a {@code .warc} name holding gzip would mislead {@code file}, replay tools and archivists alike).
 */
final class WarcExport implements ExportSink {
    private final Path file;
    private final WarcRecords warc;

    WarcExport(Path file, Instant exportedAt, String query) throws IOException {
        this.file = file;
        this.warc = new WarcRecords(new BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE), 1 << 16), gzipped(file), exportedAt, "Chancery export of the query: " + query);
    }

    /** Whether a WARC export to {@code file} is gzipped: unless its name ends in {@code .warc}. */
    static boolean gzipped(Path file) {
        Path name = file.getFileName();
        return name == null || !name.toString().toLowerCase(Locale.ROOT).endsWith(".warc");
    }

    @Override
    public void add(ExportedRecord r) throws IOException {
        warc.add(r);
    }

    @Override
    public String finish(ExportTotals totals) throws IOException {
        warc.close();
        return FileDigest.hex(file, "SHA-256");
    }

    @Override
    public void close() throws IOException {
        warc.close();
    }
}
