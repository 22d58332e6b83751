package org.chancery.retention;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AccountRegistryTest {
    static final String DIR = "/fixtures/retention/";
    private static final ObjectMapper JSON = new ObjectMapper();

    static byte[] fixture(String name) {
        try (InputStream in = AccountRegistryTest.class.getResourceAsStream(DIR + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void congressTweetsAccountsMapOfficeAndCampaignAccountsToRoles() throws IOException {
        byte[] bytes = fixture("users-filtered.json");
        Map<String, Account> byId = new HashMap<>();
        for (Account a : CongressTweetsAccounts.parse(bytes, "users-filtered.json")) {
            byId.put(a.id(), a);
        }
        int accounts = 0;
        for (JsonNode entity : JSON.readTree(bytes)) {
            for (JsonNode acc : entity.get("accounts")) {
                accounts++;
                Account a = byId.get(acc.get("id").asText());
                String type = entity.get("type").asText();
                String expectedRole = acc.get("account_type").asText().equals("campaign") ? "campaign"
                        : type.equals("member") ? "senior-official" : "official";
                assertEquals(1, a.roles().size());
                assertEquals(expectedRole, a.roles().get(0).role().wireName(), acc.toString());
                assertNull(a.roles().get(0).from());
                assertNull(a.roles().get(0).until());
                assertEquals(entity.get("chamber").asText() + "-" + type, a.accountClass());
                assertEquals(acc.get("account_type").asText(), a.attributes().get("account_type"));
                assertEquals(acc.has("name") ? acc.get("name").asText() : entity.get("name").asText(), a.name());
                assertEquals(acc.get("screen_name").asText(), a.handles().get(0).handle());
                if (entity.hasNonNull("party")) {
                    assertEquals(entity.get("party").asText(), a.attributes().get("party"));
                }
            }
        }
        assertEquals(accounts, byId.size());
        Account capito = byId.get("193794406");
        assertEquals("United States Senate", capito.organisation());
        assertEquals("senate-member", capito.accountClass());
        assertEquals("US", capito.country());
    }

    @Test
    void historicalAccountsKeepPreviousHandlesAndDeletion() throws IOException {
        byte[] bytes = fixture("historical-users-filtered.json");
        List<Account> accounts = CongressTweetsAccounts.parse(bytes, "historical-users-filtered.json");
        Map<String, Account> byId = new HashMap<>();
        accounts.forEach(a -> byId.put(a.id(), a));
        int withPrev = 0;
        int deleted = 0;
        for (JsonNode entity : JSON.readTree(bytes)) {
            for (JsonNode acc : entity.get("accounts")) {
                Account a = byId.get(acc.get("id").asText());
                if (acc.has("prev_names")) {
                    withPrev++;
                    for (JsonNode prev : acc.get("prev_names")) {
                        List<String> names = new java.util.ArrayList<>();
                        if (prev.isObject()) {
                            prev.elements().forEachRemaining(n -> names.add(n.asText()));
                        } else {
                            names.add(prev.asText());
                        }
                        for (String name : names) {
                            assertTrue(a.handles().stream().anyMatch(h -> h.handle().equals(name)), name);
                        }
                    }
                }
                if (acc.path("deleted").asBoolean(false)) {
                    deleted++;
                    assertEquals("true", a.attributes().get("deleted"));
                }
                if (acc.has("name")) {
                    assertEquals(acc.get("name").asText(), a.name(), "account-level name overrides the entity's");
                }
            }
        }
        assertTrue(withPrev > 0 && deleted > 0, "the fixture exercises prev_names and deleted");
        assertTrue(byId.get("63650107").handles().stream().anyMatch(h -> h.handle().equals("TeamIssa")),
                "a {bioguide: name} entry of prev_names gives its name");
    }

    @Test
    void badCongressTweetsEntryIsReportedWithLineAndField() {
        String json = "[\n {\"name\": \"X\", \"chamber\": \"house\", \"type\": \"member\",\n  \"accounts\": [\n"
                + "   {\"id\": \"12\", \"screen_name\": \"x\", \"account_type\": \"personal\"}]}]";
        InvalidSourceException e = assertThrows(InvalidSourceException.class,
                () -> CongressTweetsAccounts.parse(json.getBytes(StandardCharsets.UTF_8), "u.json"));
        assertEquals("u.json: line 4: field [0].accounts[0].account_type: expected office or campaign, got \"personal\"",
                e.problems().get(0).toString());
    }

    static final String FLAKE_YAML = """
            accounts:
              - id: "16056306"
                name: Jeff Flake
                organisation: United States Senate
                country: US
                attributes: {class: senate-member, account_type: office}
                roles:
                  - role: staff
                    until: 2017-07-10T18:00:00Z
                  - role: senior-official
                    from: 2017-07-10T18:00:00Z
                    title: Senator for Arizona
                handles: [JeffFlake]
            """;

    @Test
    void roleAtFollowsTenureAndDateEndsIncludeTheWholeDay() {
        List<Account> accounts = AccountRegistry.parseFile(("""
                accounts:
                  - id: "42"
                    name: Ambassador
                    roles:
                      - {role: staff, from: 2019-01-01, until: 2020-03-31}
                      - {role: head-of-mission, from: 2020-04-01}
                    closed: 2024-06-30
                """).getBytes(StandardCharsets.UTF_8), "r.yaml");
        AccountRegistry reg = AccountRegistry.empty().importAccounts(accounts, "r.yaml", Instant.parse("2025-01-01T00:00:00Z"), false).registry();
        assertTrue(reg.roleAt("42", Instant.parse("2018-12-31T23:59:59Z")).isEmpty());
        assertEquals(Role.STAFF, reg.roleAt("42", Instant.parse("2020-03-31T23:59:59Z")).orElseThrow().role());
        assertEquals(Role.HEAD_OF_MISSION, reg.roleAt("42", Instant.parse("2020-04-01T00:00:00Z")).orElseThrow().role());
        assertEquals(Instant.parse("2024-07-01T00:00:00Z"), reg.find("42").orElseThrow().closedAt());
        assertEquals("author 42 was head-of-mission on 2021-05-05 per registry v1",
                reg.roleAt("42", Instant.parse("2021-05-05T10:00:00Z")).orElseThrow().explain());
    }

    @Test
    void registryFileProblemsNameFileLineAndField() {
        String yaml = """
                accounts:
                  - id: "42"
                    name: A
                    roles:
                      - {role: staff, from: 2019-01-01}
                      - {role: official, from: 2020-01-01}
                  - id: "@someone"
                    name: B
                    roles:
                      - {role: staff, from: 03/01/2019}
                """;
        InvalidSourceException e = assertThrows(InvalidSourceException.class,
                () -> AccountRegistry.parseFile(yaml.getBytes(StandardCharsets.UTF_8), "accounts.yaml"));
        List<String> got = e.problems().stream().map(SourceProblem::toString).toList();
        assertEquals(List.of(
                "accounts.yaml: line 6: field accounts[0].roles[1]: role period official overlaps role period staff; an account has one role at a time",
                "accounts.yaml: line 7: field accounts[1].id: expected the platform's numeric user id, got \"@someone\"",
                "accounts.yaml: line 10: field accounts[1].roles[0].from: expected a date like 2017-01-03 or an instant like 2017-01-03T17:00:00Z, got \"03/01/2019\""),
                got);
    }

    @Test
    void importsMakeVersionsWithDiffsAndCanonicalBytesRoundTrip() {
        Instant t1 = Instant.parse("2026-01-01T00:00:00Z");
        Instant t2 = Instant.parse("2026-02-01T00:00:00Z");
        List<Account> congress = CongressTweetsAccounts.parse(fixture("historical-users-filtered.json"), "historical-users-filtered.json");
        AccountRegistry.Import first = AccountRegistry.empty().importAccounts(congress, "historical-users-filtered.json", t1, true);
        assertEquals(1, first.version().number());
        assertEquals(congress.size(), first.diff().added().size());

        AccountRegistry.Import again = first.registry().importAccounts(congress, "historical-users-filtered.json", t2, true);
        assertTrue(again.diff().isEmpty());
        assertSame(first.registry(), again.registry(), "an import that changes nothing makes no version");

        List<Account> flake = AccountRegistry.parseFile(FLAKE_YAML.getBytes(StandardCharsets.UTF_8), "flake.yaml");
        AccountRegistry.Import second = first.registry().importAccounts(flake, "flake.yaml", t2, false);
        assertEquals(2, second.version().number());
        assertEquals(List.of("16056306"), second.diff().changed());
        assertEquals(List.of(), second.diff().added());
        assertEquals(List.of(), second.diff().removed());
        assertEquals(congress.size(), second.version().accounts().size(), "merge keeps accounts not in the file");
        assertEquals(Role.SENIOR_OFFICIAL, second.registry().version(1).roleAt("16056306", t1).orElseThrow().role());
        assertEquals(Role.STAFF, second.registry().roleAt("16056306", Instant.parse("2017-07-10T17:59:59Z")).orElseThrow().role());

        AccountRegistry.Import replaced = second.registry().importAccounts(flake, "flake.yaml", t2, true);
        assertEquals(congress.size() - 1, replaced.diff().removed().size());

        byte[] bytes = second.version().canonicalBytes();
        RegistryVersion back = AccountRegistry.parseVersion(bytes, "v0002.json");
        assertEquals(second.version(), back);
        assertArrayEquals(bytes, back.canonicalBytes());
        JsonNode tree;
        try {
            tree = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        assertEquals(2, tree.get("version").asInt());
        assertEquals("2026-02-01T00:00:00Z", tree.get("importedAt").asText());
        assertEquals(congress.size(), tree.get("accounts").size());
        assertFalse(new String(bytes, StandardCharsets.UTF_8).contains("\n"), "canonical JSON has no whitespace");

        AccountRegistry rebuilt = AccountRegistry.of(List.of(first.version(), back));
        assertEquals(second.version(), rebuilt.current());
    }

    @Test
    void eitherKindOfAccountFileIsRecognised() {
        assertEquals(CongressTweetsAccounts.parse(fixture("users-filtered.json"), "u.json"),
                AccountRegistry.parseAnyFile(fixture("users-filtered.json"), "u.json"));
        assertEquals(List.of("16056306"), AccountRegistry.parseAnyFile(FLAKE_YAML.getBytes(StandardCharsets.UTF_8), "f.yaml")
                .stream().map(Account::id).toList());
    }

    @Test
    void overlappingRolesAreRefusedInCodeToo() {
        assertThrows(IllegalArgumentException.class, () -> new Account("1", "x", null, null, List.of(
                new RolePeriod(Role.STAFF, null, Instant.parse("2020-01-01T00:00:00Z"), null),
                new RolePeriod(Role.OFFICIAL, Instant.parse("2019-01-01T00:00:00Z"), null, null)), List.of(), Map.of(), null));
    }
}
