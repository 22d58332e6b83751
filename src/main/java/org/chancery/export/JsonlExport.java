package org.chancery.export;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** One JSON Lines file: each line a normalized record in Chancery's canonical tweet JSON. */
final class JsonlExport implements ExportSink {
    private final Path file;
    private final OutputStream out;

    JsonlExport(Path file) throws IOException {
        this.file = file;
        this.out = new BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE), 1 << 16);
    }

    @Override
    public void add(ExportedRecord r) throws IOException {
        out.write(r.tweetJson());
        out.write('\n');
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
