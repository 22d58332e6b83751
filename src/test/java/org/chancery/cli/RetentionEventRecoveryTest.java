package org.chancery.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crash between making a retention event durable and logging it leaves the intent file; the next open logs
 * exactly what was written, so the hold in force is also in the tamper-evident log.
 */
class RetentionEventRecoveryTest {
    @TempDir
    Path data;

    @Test
    void holdWrittenButNotLoggedBeforeACrashIsLoggedOnTheNextOpen() throws Exception {
        Cli cli = new Cli(data);
        // Holds are placed in an existing archive: importing the registry starts it (log entry 0).
        assertEquals(0, cli.run("accounts", "import", RetentionFixtures.USERS.toString()).exitCode());
        assertEquals(0, cli.run("holds", "create", "--id", "H-1", "--reason", "First", "--by", "carol",
                "--account", "16056306").exitCode());
        Path holds = data.resolve("holds/holds.jsonl");
        long sizeBefore = Files.size(holds);
        // What the process would have written just before dying: the intent, then the event line, no log entry.
        ObjectNode intent = RetentionFixtures.JSON.createObjectNode();
        intent.put("target", holds.toAbsolutePath().toString());
        intent.put("kind", "LINE");
        intent.put("sizeBefore", sizeBefore);
        intent.put("logSize", 2);
        Files.write(data.resolve("pending-event.json"), RetentionFixtures.JSON.writeValueAsBytes(intent));
        String line = "{\"event\":\"hold-placed\",\"id\":\"H-2\",\"placedAt\":\"2026-12-01T12:00:00Z\",\"placedBy\":\"carol\","
                + "\"reason\":\"Second\",\"scope\":{\"accounts\":[\"5693842\"]}}";
        Files.write(holds, (line + "\n").getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
        assertTrue(RetentionFixtures.logIndexesOf(data, line.getBytes(StandardCharsets.UTF_8)).isEmpty());

        Cli.Result listed = cli.run("holds", "list");
        assertTrue(listed.out().contains("H-2  IN FORCE"), listed.out());
        assertEquals(1, RetentionFixtures.logIndexesOf(data, line.getBytes(StandardCharsets.UTF_8)).size());
        assertFalse(Files.exists(data.resolve("pending-event.json")));
        // Opening again does not log it twice.
        cli.run("holds", "list");
        assertEquals(1, RetentionFixtures.logIndexesOf(data, line.getBytes(StandardCharsets.UTF_8)).size());
        assertEquals(0, cli.run("verify").exitCode());
    }
}
