package org.chancery.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CliUsageTest {
    @TempDir
    Path data;

    @TestFactory
    Stream<DynamicTest> everyCommandHasHelp() {
        CommandLine cli = new CommandLine(new ChanceryCommand(
                new CliContext(Clock.systemUTC(), Map.of(), new PrintWriter(new StringWriter()),
                        new PrintWriter(new StringWriter()), false)));
        List<String> names = cli.getSubcommands().keySet().stream().toList();
        assertTrue(names.contains("import"), "import command registered: " + names);
        return names.stream().map(name -> DynamicTest.dynamicTest(name + " --help", () -> {
            Cli.Result r = new Cli(data).run(name, "--help");
            assertEquals(0, r.exitCode(), r.err());
            assertTrue(r.out().contains("Usage: chancery " + name), r.out());
        }));
    }

    @Test
    void topLevelHelpListsCommandsAndExitsZero() {
        Cli.Result r = new Cli(null).run("--help");
        assertEquals(0, r.exitCode());
        assertTrue(r.out().contains("import"), r.out());
    }

    @Test
    void unknownCommandIsAUsageError() {
        Cli.Result r = new Cli(data).run("frobnicate");
        assertEquals(Main.USAGE, r.exitCode());
        assertTrue(r.err().contains("frobnicate"), r.err());
    }

    @Test
    void missingCommandIsAUsageError() {
        Cli.Result r = new Cli(data).run();
        assertEquals(Main.USAGE, r.exitCode());
    }

    @Test
    void unknownOptionIsAUsageError() {
        Cli.Result r = new Cli(data).run("import", "--no-such-option", "x.json");
        assertEquals(Main.USAGE, r.exitCode());
        assertTrue(r.err().contains("--no-such-option"), r.err());
    }

    @Test
    void unknownFormatIsAUsageErrorNamingTheOption() {
        Cli.Result r = new Cli(data).run("import", "--format", "myspace", "x.json");
        assertEquals(Main.USAGE, r.exitCode());
        assertTrue(r.err().contains("--format") && r.err().contains("myspace"), r.err());
    }
}
