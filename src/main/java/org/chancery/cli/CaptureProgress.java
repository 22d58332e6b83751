package org.chancery.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.chancery.capture.xapi.RunSummary;
import org.chancery.capture.xapi.XApiClient;

/**
 * One status line on stderr, redrawn after each page while {@code capture} runs on a terminal: the account, pages
 * and tweets so far, requests made and time spent waiting for rate limits. Nothing is drawn when output goes to a
 * file or a pipe, and stdout only ever gets the summaries. The line is wiped before a summary is printed so that
 * the two never mix on a terminal.
 */
final class CaptureProgress implements AutoCloseable {
    private final PrintWriter err;
    private final boolean interactive;
    private final XApiClient client;
    private int drawn;

    private CaptureProgress(PrintWriter err, boolean interactive, XApiClient client) {
        this.err = err;
        this.interactive = interactive;
        this.client = client;
    }

    static CaptureProgress start(CliContext ctx, XApiClient client) {
        return new CaptureProgress(ctx.err(), ctx.interactive(), client);
    }

    /** Shows a run's totals so far. */
    void page(RunSummary soFar) {
        if (!interactive) {
            return;
        }
        String line = String.format(Locale.ROOT, "@%s: page %d, %d tweet(s), %d new; %d request(s), %d s waited",
                soFar.handle(), soFar.pages(), soFar.tweets(), soFar.added(), client.requests(),
                client.waited().toSeconds());
        err.print('\r' + line + " ".repeat(Math.max(0, drawn - line.length())));
        err.flush();
        drawn = line.length();
    }

    /** Wipes the status line, if one is shown. */
    void clear() {
        if (drawn > 0) {
            err.print('\r' + " ".repeat(drawn) + '\r');
            err.flush();
            drawn = 0;
        }
    }

    @Override
    public void close() {
        clear();
    }
}
