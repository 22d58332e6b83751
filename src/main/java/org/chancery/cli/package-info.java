/**
 * The command line: {@code chancery [--data DIR] COMMAND}, one class per command, built with picocli.
 *
 * <p>Exit codes: 0 ok; 1 the operation failed or verification found problems (one line on stderr says why);
 * 2 usage error. Commands parse and print; the work is done by the domain packages they call. Nothing
 * depends on this package.
 */
package org.chancery.cli;
