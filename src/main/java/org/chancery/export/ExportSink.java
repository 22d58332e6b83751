package org.chancery.export;

import java.io.IOException;

/** Where an export's records go, one at a time; one implementation per format. */
interface ExportSink extends AutoCloseable {
    void add(ExportedRecord record) throws IOException;

    /**
     * Completes the export.
     *
     * @return the export's digest: SHA-256 (hex) of the bag's {@code tagmanifest-sha256.txt}, else of the main file
     */
    String finish(ExportTotals totals) throws IOException;

    /** Releases what is still open; called after {@link #finish} or after a failure. */
    @Override
    void close() throws IOException;
}
