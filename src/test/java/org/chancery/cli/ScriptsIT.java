package org.chancery.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher scripts and the README stay true to the build. */
class ScriptsIT {
    private static final Path ROOT = Path.of("").toAbsolutePath();

    private static String[] bash(String script, String... env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", script).directory(ROOT.toFile());
        for (String kv : env) {
            int eq = kv.indexOf('=');
            pb.environment().put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new String[] {String.valueOf(p.waitFor()), out, err};
    }

    @Test
    void jdkFinderPrefersAJavaHomeThatIsNewEnough() throws Exception {
        String current = System.getProperty("java.home");
        String[] r = bash(". scripts/lib/jdk.sh && chancery_find_jdk && echo \"$JAVA_HOME\"", "JAVA_HOME=" + current);
        assertEquals("0", r[0], r[2]);
        assertEquals(current, r[1].strip());
    }

    @Test
    void jdkFinderSaysClearlyWhenNoSuitableJdkExists(@TempDir Path empty) throws Exception {
        String[] r = bash(". scripts/lib/jdk.sh && chancery_find_jdk", "JAVA_HOME=" + empty, "CHANCERY_JDK_DIRS=" + empty);
        assertEquals("1", r[0]);
        assertTrue(r[2].contains("no JDK 21 or newer found"), r[2]);
    }

    /** The README's first command, run exactly as written (into a temporary data folder via CHANCERY_DATA). */
    @Test
    void readmeRunCommandWorksAsWritten(@TempDir Path data) throws Exception {
        String command = Files.readAllLines(ROOT.resolve("README.md"), StandardCharsets.UTF_8).stream()
                .filter(l -> l.startsWith("scripts/chancery ")).findFirst().orElseThrow();
        command = command.replaceAll("\\s+#.*$", "");
        String[] r = bash(command, "CHANCERY_DATA=" + data);
        assertEquals("0", r[0], r[1] + r[2]);
        assertTrue(r[1].contains("1684 new"), r[1]);
        String[] again = bash(command, "CHANCERY_DATA=" + data);
        assertTrue(again[1].contains("0 new") && again[1].contains("1684 already archived"), again[1]);
        String[] verify = bash("scripts/chancery verify", "CHANCERY_DATA=" + data);
        assertEquals("0", verify[0], verify[1] + verify[2]);
    }

    @Test
    void readmeStartsWithTheTwoCommandsAndCiRunsTheTestCommand() throws IOException {
        List<String> readme = Files.readAllLines(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
        String top = String.join("\n", readme.subList(0, Math.min(8, readme.size())));
        assertTrue(top.contains("scripts/chancery "), "README's first lines show how to run Chancery");
        assertTrue(top.contains("scripts/test"), "README's first lines show the test command");
        String ci = Files.readString(ROOT.resolve(".ci/run"), StandardCharsets.UTF_8);
        assertTrue(ci.contains("exec scripts/test"), ".ci/run calls exactly scripts/test");
        assertTrue(!ci.matches("(?s).*mvn[^\\n]* -q.*"), ".ci/run must not hide Surefire's lines with -q");
        for (String s : List.of("scripts/chancery", "scripts/test", ".ci/run")) {
            assertTrue(Files.isExecutable(ROOT.resolve(s)), s + " is executable");
        }
    }
}
