package org.chancery.cli;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A record counter shown on a terminal once an operation has run for a few seconds (short runs stay quiet,
 * and nothing is drawn when output goes to a file or a pipe).
 */
final class ImportProgress implements AutoCloseable {
    private static final long SHOW_AFTER_NANOS = 2_000_000_000L;
    private final boolean interactive;
    private final long started = System.nanoTime();
    private ProgressBar bar;
    private long count;

    private ImportProgress(boolean interactive) {
        this.interactive = interactive;
    }

    static ImportProgress start(CliContext ctx) {
        return new ImportProgress(ctx.interactive());
    }

    void step() {
        count++;
        if ((count & 1023) == 0) {
            stepTo(count);
        }
    }

    /** Shows {@code total} records done so far. */
    void stepTo(long total) {
        count = total;
        if (!interactive) {
            return;
        }
        if (bar == null && System.nanoTime() - started > SHOW_AFTER_NANOS) {
            bar = new ProgressBarBuilder().setTaskName("records").setStyle(ProgressBarStyle.ASCII)
                    .setInitialMax(-1).continuousUpdate().build();
        }
        if (bar != null) {
            bar.stepTo(count);
        }
    }

    /** Ends the bar (if one is shown) so that what is printed next starts on a line of its own; close may follow. */
    void finish() {
        if (bar != null) {
            bar.stepTo(count);
            bar.close();
            bar = null;
        }
    }

    @Override
    public void close() {
        finish();
    }
}
