package org.chancery.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The schedule of a tweet follows the author's role when it was posted: accounts imported through the CLI (a
 * Chancery registry file and the real congresstweets-accounts list), tweets imported from real fixtures,
 * {@code decide} and {@code search} answered on either side of a role change.
 */
class RoleAtTimeCommandTest {
    @TempDir
    Path data;

    @Test
    void decideNamesTheRoleHeldWhenEachTweetWasPosted(@TempDir Path input) throws Exception {
        Path items = Files.copy(RetentionFixtures.FOUR_ITEMS, input.resolve("2017-07-10.json"));
        List<JsonNode> flake = RetentionFixtures.items(items).stream()
                .filter(i -> i.path("user_id").asText().equals("16056306")).toList();
        Instant first = OffsetDateTime.parse(flake.get(0).path("time").asText()).toInstant();
        Instant second = OffsetDateTime.parse(flake.get(1).path("time").asText()).toInstant();
        assertTrue(first.isBefore(second));
        // The role changes between the two tweets.
        Instant change = first.plusSeconds(60);
        Path registry = input.resolve("registry.yaml");
        Files.writeString(registry, String.join("\n",
                "accounts:",
                "  - id: \"16056306\"",
                "    name: Jeff Flake",
                "    attributes: {class: senate-member, account_type: office}",
                "    roles:",
                "      - {role: staff, until: " + change + "}",
                "      - {role: senior-official, from: " + change + ", title: Senator for Arizona}",
                "    handles: [JeffFlake, {handle: FlakeForCongress, until: 2013-01-03}]",
                ""));
        Cli cli = new Cli(data);
        assertEquals(0, cli.run("import", items.toString()).exitCode());
        Cli.Result imported = cli.run("accounts", "import", registry.toString());
        assertEquals(0, imported.exitCode(), imported.err());
        assertTrue(imported.out().contains("Registry version 1: 1 accounts (1 added, 0 changed, 0 removed)"), imported.out());

        Cli.Result before = cli.run("decide", flake.get(0).path("id").asText());
        assertEquals(0, before.exitCode(), before.err());
        assertTrue(before.out().contains("Policy: staff-official-capacity v1 rule staff-role"), before.out());
        assertTrue(before.out().contains("author 16056306 was staff (senate-member)"), before.out());
        assertTrue(before.out().contains("Eligible for disposition: 2025-01-01T00:00:00Z"), before.out());
        JsonNode after = RetentionFixtures.JSON.readTree(cli.run("decide", "--json", flake.get(1).path("id").asText()).out());
        assertEquals("senior-officials", after.path("policy").path("id").asText());
        assertEquals(1, after.path("policy").path("version").asInt());
        assertEquals("capstone-roles", after.path("policy").path("rule").asText());
        assertTrue(after.path("eligibleAt").isNull());
        assertEquals("public", after.path("access").asText());
        assertTrue(after.path("visibleTo").path("public").asBoolean());

        // The index follows the registry: role at posting time, class, and an earlier handle.
        assertEquals("1", cli.run("search", "--count", "role:staff").out().strip());
        assertEquals("2", cli.run("search", "--count", "role:senior-official").out().strip());
        assertEquals("3", cli.run("search", "--count", "class:senate-member").out().strip());
        assertEquals("3", cli.run("search", "--count", "from:FlakeForCongress").out().strip());

        // The registry's change history is kept and logged: version 1 file, byte for byte a log entry.
        byte[] v1 = Files.readAllBytes(data.resolve("registry/v0001.json"));
        assertEquals(1, RetentionFixtures.logIndexesOf(data, v1).size());
        assertEquals(0, cli.run("verify").exitCode());
    }

    @Test
    void realCongressTweetsRegistryMakesCampaignAccountsTemporary(@TempDir Path input) throws Exception {
        Path items = Files.copy(RetentionFixtures.FOUR_ITEMS, input.resolve("2017-07-10.json"));
        Cli cli = new Cli(data);
        assertEquals(0, cli.run("import", items.toString()).exitCode());
        Cli.Result imported = cli.run("accounts", "import", RetentionFixtures.USERS.toString());
        assertEquals(0, imported.exitCode(), imported.err());
        int accounts = 0;
        for (JsonNode e : RetentionFixtures.JSON.readTree(RetentionFixtures.USERS.toFile())) {
            accounts += e.path("accounts").size();
        }
        assertTrue(imported.out().contains("Registry version 1: " + accounts + " accounts"), imported.out());
        assertTrue(cli.run("accounts", "import", RetentionFixtures.USERS.toString()).out().contains("unchanged at version 1"));
        assertTrue(cli.run("accounts", "list").out().contains("5693842  NRSC"));

        JsonNode nrsc = RetentionFixtures.JSON.readTree(cli.run("decide", "--json", "884431765582073857").out());
        assertEquals("campaign-personal", nrsc.path("policy").path("id").asText());
        assertEquals("restricted", nrsc.path("access").asText());
        assertTrue(!nrsc.path("visibleTo").path("staff").asBoolean() && nrsc.path("visibleTo").path("archivist").asBoolean());
        assertEquals("2018-07-10T15:18:59Z", nrsc.path("eligibleAt").asText());
        assertEquals("eligible", nrsc.path("disposition").path("state").asText());
        JsonNode atPosting = RetentionFixtures.JSON.readTree(
                cli.run("decide", "--json", "--at", "2017-07-11", "884431765582073857").out());
        assertEquals("retain", atPosting.path("disposition").path("state").asText());
        assertEquals(1, cli.run("decide", "1").exitCode());
    }
}
