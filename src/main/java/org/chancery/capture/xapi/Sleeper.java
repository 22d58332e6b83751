package org.chancery.capture.xapi;

import java.time.Duration;

/** Waits; injected so that tests can record waits and move a clock instead of sleeping. */
@FunctionalInterface
public interface Sleeper {
    void sleep(Duration duration);

    /** Sleeps on the current thread; an interrupt ends the run with an exception. */
    static Sleeper system() {
        return d -> {
            try {
                Thread.sleep(d.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new XApiException("Interrupted while waiting " + d.toSeconds() + " s for the X API.", e);
            }
        };
    }
}
