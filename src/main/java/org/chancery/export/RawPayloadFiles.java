package org.chancery.export;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;

/**
 * Writes a bag's raw payloads back to back, exactly as captured, into {@code data/raw/payloads-000001.bin},
 * {@code -000002.bin}, ... (a new file every {@link #PER_FILE} payloads). A record's bytes are found by the slice
 * its line in {@code proofs/inclusion.jsonl} names; one file per payload was a file creation per record, which
 * capped an export near 2,800 records/s.
 */
final class RawPayloadFiles implements AutoCloseable {
    static final int PER_FILE = 100_000;
    static final String PREFIX = "data/raw/payloads-";
    static final String SUFFIX = ".bin";

    private final BagWriter bag;
    private OutputStream out;
    private String path;
    private long offset;
    private int inFile;
    private int files;

    RawPayloadFiles(BagWriter bag) {
        this.bag = bag;
    }

    /** The path of the {@code n}th raw file (from 1). */
    static String path(int n) {
        return PREFIX + String.format(Locale.ROOT, "%06d", n) + SUFFIX;
    }

    /** Appends one payload and says where it went. */
    ProofJson.RawSlice add(byte[] raw) throws IOException {
        if (out == null || inFile == PER_FILE) {
            close();
            files++;
            path = path(files);
            out = bag.payload(path);
            offset = 0;
            inFile = 0;
        }
        out.write(raw);
        ProofJson.RawSlice slice = new ProofJson.RawSlice(path, offset, raw.length);
        offset += raw.length;
        inFile++;
        return slice;
    }

    @Override
    public void close() throws IOException {
        if (out != null) {
            out.close();
            out = null;
        }
    }
}
