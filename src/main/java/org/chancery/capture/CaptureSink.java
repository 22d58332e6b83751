package org.chancery.capture;

import org.chancery.record.Capture;

/** Where importers send what they read: each payload is either accepted or rejected, exactly once. */
public interface CaptureSink {
    void accept(Capture capture);

    void reject(Rejection rejection);
}
