package org.chancery.capture;

import org.chancery.record.Capture;

/** Where importers send what they read: each payload is either accepted or rejected, exactly once. */
public interface CaptureSink {
    void accept(Capture capture);

    void reject(Rejection rejection);

    /**
     * This sink, then {@code afterEach} after every payload it accepts or rejects: for counting and progress. What
     * {@code afterEach} throws reaches the importer, which stops reading.
     */
    default CaptureSink thenEach(Runnable afterEach) {
        CaptureSink next = this;
        return new CaptureSink() {
            @Override
            public void accept(Capture capture) {
                next.accept(capture);
                afterEach.run();
            }

            @Override
            public void reject(Rejection rejection) {
                next.reject(rejection);
                afterEach.run();
            }
        };
    }
}
