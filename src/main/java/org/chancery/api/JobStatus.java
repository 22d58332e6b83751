package org.chancery.api;

import java.util.Locale;

/** Where a background job (export, import) is: queued → running → done or failed. */
enum JobStatus {
    QUEUED, RUNNING, DONE, FAILED;

    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
