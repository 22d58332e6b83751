package org.chancery.api;

import java.util.Locale;

/**
 * Where a background job (export, import) is: queued → running → done, failed or interrupted. A job is interrupted
 * when the server stopped before it ended (asked to stop, killed, or the machine lost power): the job did nothing
 * wrong, it should be asked for again. Done, failed and interrupted are final.
 */
enum JobStatus {
    QUEUED, RUNNING, DONE, FAILED, INTERRUPTED;

    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the job has ended; an ended job's status never changes again. */
    boolean ended() {
        return this == DONE || this == FAILED || this == INTERRUPTED;
    }

    /** The status a job's status file names. */
    static JobStatus fromWireName(String name) {
        for (JobStatus s : values()) {
            if (s.wireName().equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown job status \"" + name + "\"; expected one of queued, running, done,"
                + " failed, interrupted");
    }
}
