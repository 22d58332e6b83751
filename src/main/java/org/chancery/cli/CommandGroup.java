package org.chancery.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** A command that only groups sub-commands: run without one, it is a usage error. */
final class CommandGroup {
    private CommandGroup() {}

    static void missingSubcommand(CommandSpec spec) {
        throw new ParameterException(spec.commandLine(), "Missing sub-command: try 'chancery " + spec.name()
                + " --help'.");
    }
}
