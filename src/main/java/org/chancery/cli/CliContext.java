package org.chancery.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;

/**
 * What commands need from the world outside, passed in so that tests run the real CLI in-process.
 *
 * @param interactive true when stdout is a terminal (progress bars are shown only then)
 */
public record CliContext(Clock clock, Map<String, String> env, PrintWriter out, PrintWriter err, boolean interactive) {}
