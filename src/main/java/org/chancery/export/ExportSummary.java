package org.chancery.export;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What an export wrote.
 *
 * @param format    what it was written as
 * @param out       where
 * @param exported  records written
 * @param withheld  records matching the query that the requester's role may not see
 * @param policies  per policy ({@code id vN}, or {@code unscheduled}): records exported and withheld
 * @param digest    SHA-256 (hex) of the bag's {@code tagmanifest-sha256.txt}, or of the single file or load file
 * @param exportedAt when
 * @param logIndex  the export's entry in the tamper-evident log
 */
public record ExportSummary(ExportFormat format, Path out, long exported, long withheld,
        SortedMap<String, PolicyCount> policies, String digest, Instant exportedAt, long logIndex) {

    public ExportSummary {
        policies = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(policies));
    }

    /** How many records one policy decided about in the export. */
    public record PolicyCount(long exported, long withheld) {}

    static SortedMap<String, PolicyCount> copy(Map<String, long[]> counts) {
        SortedMap<String, PolicyCount> m = new TreeMap<>();
        counts.forEach((k, v) -> m.put(k, new PolicyCount(v[0], v[1])));
        return m;
    }
}
