package org.chancery.cli;

import org.chancery.capture.CaptureSink;
import org.chancery.capture.Rejection;
import org.chancery.record.Capture;

/** Passes captures on and advances the progress display. */
final class CountingSink implements CaptureSink {
    private final CaptureSink next;
    private final ImportProgress progress;

    CountingSink(CaptureSink next, ImportProgress progress) {
        this.next = next;
        this.progress = progress;
    }

    @Override
    public void accept(Capture capture) {
        next.accept(capture);
        progress.step();
    }

    @Override
    public void reject(Rejection rejection) {
        next.reject(rejection);
        progress.step();
    }
}
