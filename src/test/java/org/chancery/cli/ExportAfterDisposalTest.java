package org.chancery.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Disposed records never appear in an export, are not archived again when the same harvest is imported again, and
 * the archive still verifies with exports in its log.
 */
class ExportAfterDisposalTest {
    @TempDir
    Path data;
    @TempDir
    Path work;

    @Test
    void disposedTweetsAreNeverExportedNorArchivedAgain() throws Exception {
        Path day = RetentionFixtures.firstItems(Files.createDirectories(work.resolve("in")), 150);
        Set<String> campaign = RetentionFixtures.campaignAccounts();
        Set<String> kept = new TreeSet<>();
        Set<String> disposable = new TreeSet<>();
        for (JsonNode item : RetentionFixtures.items(day)) {
            (campaign.contains(item.path("user_id").asText()) ? disposable : kept).add(item.path("id").asText());
        }
        assertFalse(disposable.isEmpty());
        Cli cli = new Cli(data);
        assertEquals(0, cli.run("import", day.toString()).exitCode());
        assertEquals(0, cli.run("accounts", "import", RetentionFixtures.USERS.toString()).exitCode());
        Cli.Result plan = cli.run("disposition", "plan", "--by", "alice");
        Matcher m = Pattern.compile("Plan (DP-\\S+) by alice").matcher(plan.out());
        assertTrue(m.find(), plan.out());
        assertEquals(0, cli.run("disposition", "approve", m.group(1), "--by", "bob").exitCode());
        assertEquals(0, cli.run("disposition", "execute", m.group(1), "--by", "dave").exitCode());

        Path bag = work.resolve("bag");
        Cli.Result export = cli.run("--policies", "retention-policies", "export", "since:2017-01-01", "--out",
                bag.toString(), "--by", "erin");
        assertEquals(0, export.exitCode(), export.err());
        Set<String> exported = new TreeSet<>(BagPayloads.byPayloadId(bag).keySet());
        assertEquals(kept, exported);
        assertEquals(0, new Cli(null).run("verify-export", bag.toString()).exitCode());
        Cli.Result verify = cli.run("verify");
        assertEquals(0, verify.exitCode(), verify.out());

        Cli.Result again = cli.run("import", day.toString());
        assertEquals(0, again.exitCode(), again.err());
        assertTrue(again.out().contains(" 0 new,"), again.out());
        assertTrue(again.out().contains("Not archived again: " + disposable.size() + " record(s) of tweets disposed of"),
                again.out());
        String oneDisposed = disposable.iterator().next();
        Cli.Result shown = cli.run("show", oneDisposed);
        assertTrue(shown.out().contains("DC-"), "still shown as disposed of, with its certificate: " + shown.out());
        assertEquals(String.valueOf(kept.size()), cli.run("search", "--count", "since:2000-01-01").out().strip());
        Cli.Result verifyAgain = cli.run("verify");
        assertEquals(0, verifyAgain.exitCode(), verifyAgain.out());
    }
}
