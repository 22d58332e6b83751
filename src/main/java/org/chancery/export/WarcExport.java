package org.chancery.export;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/** One gzipped WARC file of the raw payloads (see {@link WarcRecords}). */
final class WarcExport implements ExportSink {
    private final Path file;
    private final WarcRecords warc;

    WarcExport(Path file, Instant exportedAt, String query) throws IOException {
        this.file = file;
        this.warc = new WarcRecords(new BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE), 1 << 16), true, exportedAt, "Chancery export of the query: " + query);
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
