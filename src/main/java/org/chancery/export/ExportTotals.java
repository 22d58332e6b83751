package org.chancery.export;

import java.time.Instant;
import java.util.SortedMap;
import org.chancery.ledger.Checkpoint;
import org.chancery.retention.ViewerRole;

/** What a finished export says about itself (in bag-info.txt and the log). */
record ExportTotals(String query, String exportedBy, ViewerRole role, Instant exportedAt, long exported,
        long withheld, SortedMap<String, ExportSummary.PolicyCount> policies, Checkpoint checkpoint) {}
