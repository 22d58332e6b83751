package org.chancery.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** One CSV file (RFC 4180: CRLF records, fields with commas, quotes or line breaks quoted), UTF-8. */
final class CsvExport implements ExportSink {
    private final Path file;
    private final BufferedWriter out;

    CsvExport(Path file, boolean bom) throws IOException {
        this.file = file;
        this.out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE), StandardCharsets.UTF_8), 1 << 16);
        if (bom) {
            out.write('\uFEFF');
        }
        out.write(Csv.record(TweetRow.CSV_HEADER));
    }

    @Override
    public void add(ExportedRecord r) throws IOException {
        out.write(Csv.record(TweetRow.csv(r)));
    }

    @Override
    public String finish(ExportTotals totals) throws IOException {
        out.close();
        return FileDigest.hex(file, "SHA-256");
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
