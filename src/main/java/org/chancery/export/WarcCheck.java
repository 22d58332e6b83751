package org.chancery.export;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcResource;

/**
 * Checks a bag's WARC file alongside its records: the nth resource record must be the nth record's tweet and hold its
 * raw payload byte for byte, and there must be no resource record beyond the last record. Reads the file once.
 */
final class WarcCheck implements AutoCloseable {
    private static final String FILE = BagExport.WARC;
    private final List<ExportProblem> problems;
    private final MessageDigest sha256 = HashingOutputStream.digest("SHA-256");
    private final byte[] buffer = new byte[1 << 16];
    private WarcReader reader;
    private Iterator<WarcRecord> records;

    WarcCheck(Path file, List<ExportProblem> problems) {
        this.problems = problems;
        if (!Files.isRegularFile(file)) {
            problems.add(new ExportProblem(FILE, null, "The WARC file of the raw payloads is missing."));
            return;
        }
        try {
            reader = new WarcReader(file);
            records = reader.iterator();
        } catch (IOException | RuntimeException e) {
            failed(e);
        }
    }

    private void failed(Exception e) {
        problems.add(new ExportProblem(FILE, null, "The WARC file could not be read: " + e.getMessage()));
        records = null;
    }

    private WarcResource nextResource() {
        while (records.hasNext()) {
            if (records.next() instanceof WarcResource resource) {
                return resource;
            }
        }
        return null;
    }

    private static String idOf(WarcResource resource) {
        String target = resource.target();
        return target == null ? "" : target.substring(target.lastIndexOf('/') + 1);
    }

    /**
     * Checks the resource record of record {@code n}.
     *
     * @param id     the record's tweet id, or null if it is unknown
     * @param rawSha the SHA-256 of its raw payload, or null if that could not be read
     */
    void next(long n, String id, String rawSha) {
        if (records == null) {
            return;
        }
        try {
            WarcResource resource = nextResource();
            if (resource == null) {
                problems.add(new ExportProblem(FILE, id, "The WARC file has no resource record for record " + n
                        + "; it holds only " + (n - 1) + "."));
                records = null;
                return;
            }
            String target = idOf(resource);
            if (id != null && !id.equals(target)) {
                problems.add(new ExportProblem(FILE, id, "Resource record " + n + " is for " + resource.target()
                        + ", but record " + n + " of the bag is tweet " + id + "."));
            }
            sha256.reset();
            try (InputStream in = resource.body().stream()) {
                for (int r; (r = in.read(buffer)) > 0; ) {
                    sha256.update(buffer, 0, r);
                }
            }
            String warcSha = HexFormat.of().formatHex(sha256.digest());
            if (rawSha != null && !warcSha.equals(rawSha)) {
                problems.add(new ExportProblem(FILE, id != null ? id : target, "The resource record's payload has"
                        + " SHA-256 " + warcSha + ", but the record's raw payload has " + rawSha + "."));
            }
        } catch (IOException | RuntimeException e) {
            failed(e);
        }
    }

    /** Reports resource records beyond the last record. */
    void finish() {
        if (records == null) {
            return;
        }
        try {
            for (WarcResource extra; (extra = nextResource()) != null; ) {
                problems.add(new ExportProblem(FILE, idOf(extra), "The resource record for " + extra.target()
                        + " has no record in the bag."));
            }
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    @Override
    public void close() throws IOException {
        if (reader != null) {
            reader.close();
        }
    }
}
