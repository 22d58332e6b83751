package org.chancery.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped policy folder checks clean; an invalid one stops every command that needs policies. */
class PolicyFolderCommandTest {
    private static final Path SHIPPED = Path.of("retention-policies");

    @TempDir
    Path data;

    @Test
    void shippedPoliciesCheckCleanInPrecedenceOrder() throws IOException {
        Cli.Result r = new Cli(data).run("policies", "check");
        assertEquals(0, r.exitCode(), r.err());
        long files;
        try (Stream<Path> s = Files.list(SHIPPED)) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).count();
        }
        assertTrue(r.out().contains(files + " valid policies"), r.out());
        assertTrue(r.out().indexOf("senior-officials v1") < r.out().indexOf("campaign-personal v1"), r.out());
    }

    @Test
    void invalidPolicySetStopsCommandsThatNeedPoliciesNamingFileLineAndField(@TempDir Path policies) throws IOException {
        try (Stream<Path> s = Files.list(SHIPPED)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                Files.copy(p, policies.resolve(p.getFileName()));
            }
        }
        Path broken = policies.resolve("campaign-personal.yaml");
        List<String> lines = Files.readAllLines(broken);
        int line = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().equals("period: P1Y")) {
                lines.set(i, lines.get(i).replace("P1Y", "one year"));
                line = i + 1;
            }
        }
        assertTrue(line > 0);
        Files.write(broken, lines);
        String expected = broken + ": line " + line + ": field retention.period";

        Cli cli = new Cli(data);
        for (String[] args : List.of(
                new String[] {"--policies", policies.toString(), "policies", "check"},
                new String[] {"--policies", policies.toString(), "decide", "884431765582073857"},
                new String[] {"--policies", policies.toString(), "disposition", "plan", "--by", "alice"},
                new String[] {"--policies", policies.toString(), "disposition", "execute", "DP-1", "--by", "dave"},
                new String[] {"--policies", policies.toString(), "serve", "--port", "0"})) {
            Cli.Result r = cli.run(args);
            assertEquals(1, r.exitCode(), String.join(" ", args) + ": " + r.out() + r.err());
            assertTrue(r.err().contains(expected), String.join(" ", args) + ": " + r.err());
        }
        // The refusal comes before the archive is touched: nothing was created in the data folder.
        assertTrue(!Files.exists(data.resolve("store")), "the archive was opened despite invalid policies");
        Cli.Result missing = cli.run("--policies", policies.resolve("none").toString(), "decide", "1");
        assertEquals(1, missing.exitCode());
        assertTrue(missing.err().contains("does not exist"), missing.err());
    }

    @Test
    void checkListsABadPeriodABadRoleAndAPriorityClashInOneRun(@TempDir Path policies) throws IOException {
        try (Stream<Path> s = Files.list(SHIPPED)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                Files.copy(p, policies.resolve(p.getFileName()));
            }
        }
        Path campaign = policies.resolve("campaign-personal.yaml");
        int periodLine = replaceLine(campaign, "period: P1Y", "P1Y", "one year");
        Path staff = policies.resolve("staff-official-capacity.yaml");
        int roleLine = replaceLine(staff, "roles: [staff]", "staff", "wizard");
        // Both broken files claim priority 10: the clash is a problem of its own, listed with the others.
        int priorityLine = replaceLine(staff, "priority: 50", "50", "10");

        Cli.Result r = new Cli(data).run("--policies", policies.toString(), "policies", "check");
        assertEquals(1, r.exitCode(), r.out() + r.err());
        assertTrue(r.err().contains(campaign + ": line " + periodLine + ": field retention.period"), r.err());
        assertTrue(r.err().contains(staff + ": line " + roleLine + ": field rules[0].match.roles"), r.err());
        assertTrue(r.err().contains(staff + ": line " + priorityLine + ": field priority"), r.err());
        assertTrue(r.err().contains("(3 problem(s))"), r.err());
    }

    /** Replaces {@code from} by {@code to} in the one line that reads {@code line}; returns its number. */
    private static int replaceLine(Path file, String line, String from, String to) throws IOException {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().equals(line)) {
                lines.set(i, lines.get(i).replace(from, to));
                Files.write(file, lines);
                return i + 1;
            }
        }
        throw new AssertionError(file + " has no line " + line);
    }
}
