package org.chancery.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokensCommandTest {
    @TempDir
    Path data;

    @Test
    void createPrintsTheTokenOnceAndKeepsOnlyItsHashListAndRevokeWork() throws Exception {
        Cli cli = new Cli(data);
        Cli.Result created = cli.run("tokens", "create", "--role", "archivist", "--name", "ann");
        assertEquals(0, created.exitCode(), created.err());
        String token = created.out().strip();
        assertTrue(token.startsWith("chy_") && token.length() > 40, token);
        String file = Files.readString(data.resolve("tokens/tokens.json"), StandardCharsets.UTF_8);
        assertFalse(file.contains(token));
        JsonNode entry = RetentionFixtures.JSON.readTree(file).path("tokens").get(0);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        assertEquals(sha, entry.path("sha256").asText());
        assertEquals("archivist", entry.path("role").asText());

        Cli.Result list = cli.run("tokens", "list");
        assertTrue(list.out().contains("ann  archivist") && list.out().contains("valid"), list.out());
        assertFalse(list.out().contains(token));
        assertEquals(1, cli.run("tokens", "create", "--role", "staff", "--name", "ann").exitCode());
        assertEquals(Main.USAGE, cli.run("tokens", "create", "--role", "wizard", "--name", "bob").exitCode(),
                "an unknown role is a bad --role value");
        assertEquals(0, cli.run("tokens", "revoke", "ann").exitCode());
        assertTrue(cli.run("tokens", "list").out().contains("revoked"));
        assertEquals(1, cli.run("tokens", "revoke", "ann").exitCode());
        assertEquals(1, cli.run("tokens", "revoke", "nobody").exitCode());
    }
}
