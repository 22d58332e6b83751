package org.chancery.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.chancery.ChanceryException;
import org.chancery.InvalidInputException;
import picocli.CommandLine;

/** Entry point of the {@code chancery} command. */
public final class Main {
    /** Exit code when the operation failed or verification found problems. */
    public static final int FAILED = 1;
    /** Exit code for a usage error (unknown command or option, bad parameter). */
    public static final int USAGE = 2;

    /** Held so the level set below is not lost when the logger is collected. */
    private static final java.util.logging.Logger LUCENE = java.util.logging.Logger.getLogger("org.apache.lucene");

    /** An option name at the start of a message. */
    private static final Pattern OPTION_NAME = Pattern.compile("--?[A-Za-z][A-Za-z0-9-]*");

    private Main() {}

    public static void main(String[] args) {
        // Lucene reports through java.util.logging; its start-up notes are not for the archivist's terminal.
        LUCENE.setLevel(java.util.logging.Level.WARNING);
        boolean terminal = System.console() != null;
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int code = run(new CliContext(Clock.systemUTC(), System.getenv(), out, err, terminal), args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** True when {@code message} starts with the name of an option of the command that was running. */
    private static boolean namesOption(CommandLine command, String message) {
        Matcher m = OPTION_NAME.matcher(message == null ? "" : message);
        return m.lookingAt() && command.getCommandSpec().findOption(m.group()) != null;
    }

    /** Runs one command line and returns its exit code; used by tests to run the real CLI in-process. */
    public static int run(CliContext context, String... args) {
        CommandLine cli = new CommandLine(new ChanceryCommand(context));
        cli.setOut(context.out());
        cli.setErr(context.err());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof InvalidInputException && namesOption(commandLine, e.getMessage())) {
                // A bad option value found while running ("--format: no such format") is a usage error like one
                // picocli finds while parsing, and is reported the same way.
                return commandLine.getParameterExceptionHandler().handleParseException(
                        new CommandLine.ParameterException(commandLine, e.getMessage(), e),
                        parseResult.originalArgs().toArray(String[]::new));
            }
            if (e instanceof ChanceryException) {
                context.err().println("chancery: " + e.getMessage());
            } else {
                context.err().println("chancery: unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage()
                        + " (please report this)");
            }
            context.err().flush();
            return FAILED;
        });
        int code = cli.execute(args);
        context.out().flush();
        context.err().flush();
        return code;
    }
}
