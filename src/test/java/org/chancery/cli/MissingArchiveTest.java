package org.chancery.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * A command that reads or amends an archive, given a data folder holding none (a typo), refuses with exit 1 and
 * creates nothing: no new archive, no new signing key, no "0 problems". Commands that start an archive still do.
 */
class MissingArchiveTest {
    @TempDir
    Path temp;

    @TestFactory
    Stream<DynamicTest> readingCommandsRefuseAMissingFolderAndCreateNothing() {
        List<List<String>> commands = List.of(List.of("verify"), List.of("public-key"), List.of("checkpoint"),
                List.of("show", "884426551177105409"), List.of("search", "foo"), List.of("search", "foo", "--count"),
                List.of("coverage", "SenateDems"), List.of("reindex"), List.of("accounts", "list"),
                List.of("holds", "list"), List.of("holds", "create", "--id", "H-1", "--reason", "r", "--by", "ann",
                        "--query", "foo"),
                List.of("holds", "release", "H-1", "--by", "ann", "--reason", "done"),
                List.of("decide", "884426551177105409"), List.of("disposition", "plan", "--by", "ann"),
                List.of("disposition", "approve", "DP-1", "--by", "bob"),
                List.of("disposition", "execute", "DP-1", "--by", "cy"));
        return commands.stream().map(args -> DynamicTest.dynamicTest(String.join(" ", args), () -> {
            Path typo = temp.resolve("typo-" + String.join("-", args).replaceAll("[^A-Za-z0-9-]", ""));
            Cli.Result r = new Cli(typo).run(args.toArray(String[]::new));
            assertEquals(Main.FAILED, r.exitCode(), r.out() + r.err());
            assertTrue(r.err().contains("No archive at " + typo.toAbsolutePath()), r.err());
            assertTrue(r.err().contains("chancery import"), r.err());
            assertEquals("", r.out(), "nothing reported as if there were an archive");
            assertFalse(Files.exists(typo), typo + " must not be created");
        }));
    }

    @Test
    void exportRefusesAMissingFolderAndWritesNoExport() {
        Path typo = temp.resolve("typo");
        Path out = temp.resolve("bag");
        Cli.Result r = new Cli(typo).run("export", "foo", "--out", out.toString());
        assertEquals(Main.FAILED, r.exitCode(), r.err());
        assertTrue(r.err().contains("No archive at"), r.err());
        assertFalse(Files.exists(typo));
        assertFalse(Files.exists(out));
    }

    @Test
    void publicKeyInAnEmptyFolderPrintsNoKeyAndLeavesItEmpty() throws IOException {
        Path empty = Files.createDirectory(temp.resolve("empty"));
        Cli.Result r = new Cli(empty).run("public-key");
        assertEquals(Main.FAILED, r.exitCode(), r.err());
        assertEquals("", r.out());
        try (Stream<Path> inside = Files.list(empty)) {
            assertEquals(List.of(), inside.toList(), "no key or store was created");
        }
    }

    @Test
    void importStartsAnArchiveInANewFolderAndReadingCommandsThenWork() {
        Path fresh = temp.resolve("new");
        Cli cli = new Cli(fresh);
        Cli.Result imported = cli.run("import", "src/test/resources/fixtures/congresstweets/2017-07-10.json");
        assertEquals(0, imported.exitCode(), imported.err());
        Cli.Result key = cli.run("public-key");
        assertEquals(0, key.exitCode(), key.err());
        assertTrue(key.out().contains("+"), key.out());
        assertEquals(0, cli.run("verify").exitCode());
    }
}
