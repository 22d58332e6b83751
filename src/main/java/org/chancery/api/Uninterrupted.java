package org.chancery.api;

/**
 * Runs a step with the thread's interrupt flag cleared, then sets the flag again if it was set. A job's saves write
 * through a {@link java.nio.channels.FileChannel}, which an interrupted thread closes at once
 * ({@link java.nio.channels.ClosedByInterruptException}), and a forced audit line refuses to wait on one; a job the
 * server's stop interrupted must still record its end, and the thread's owner still learns of the interruption.
 */
final class Uninterrupted {
    private Uninterrupted() {}

    /** Runs {@code step} on a thread that is not interrupted, keeping the interruption for after it. */
    static void run(Runnable step) {
        boolean interrupted = Thread.interrupted();
        try {
            step.run();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
