package org.chancery.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Period;
import java.util.List;
import java.util.stream.Stream;
import org.chancery.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicySetTest {
    /** Maven runs tests with the project root as working directory. */
    static final Path SHIPPED = Path.of("retention-policies");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @TempDir
    Path tmp;

    @Test
    void everyShippedPolicyFileParsesAndMatchesItsYaml() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(SHIPPED)) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertEquals(4, files.size(), "shipped policy files");
        for (Path file : files) {
            byte[] bytes = Files.readAllBytes(file);
            Policy p = PolicySet.parse(bytes, file.toString());
            JsonNode y = YAML.readTree(bytes);
            assertEquals(y.get("id").asText(), p.id(), file.toString());
            assertEquals(y.get("version").asInt(), p.version(), file.toString());
            assertEquals(y.get("priority").asInt(), p.priority(), file.toString());
            assertEquals(y.get("access").asText(), p.access().wireName(), file.toString());
            assertEquals(y.get("authority").size(), p.authorities().size(), file.toString());
            JsonNode r = y.get("retention");
            if (r.isTextual()) {
                assertEquals("permanent", r.asText());
                assertInstanceOf(Retention.Permanent.class, p.retention());
            } else {
                Retention.After after = assertInstanceOf(Retention.After.class, p.retention());
                assertEquals(Period.parse(r.get("period").asText()), after.period());
                assertEquals(r.get("trigger").asText(), after.trigger().wireName());
                assertEquals(y.get("disposition").asText(), p.disposition().wireName());
            }
        }
    }

    @Test
    void shippedSetLoadsHighestPriorityFirst() {
        PolicySet set = PolicySet.load(SHIPPED);
        assertEquals(List.of("senior-officials", "official-accounts", "staff-official-capacity", "campaign-personal"),
                set.policies().stream().map(Policy::id).toList());
        assertTrue(PolicySet.check(SHIPPED).isEmpty());
    }

    @Test
    void badPeriodIsReportedWithFileLineAndField() {
        String yaml = """
                id: staff
                version: 1
                title: Staff
                authority: GRS 6.1 item 011
                priority: 5
                retention:
                  period: 7 years
                  trigger: cutoff-year-end
                disposition: review
                access: public
                rules:
                  - id: staff-role
                    match: {roles: [staff]}
                """;
        InvalidSourceException e = assertThrows(InvalidSourceException.class,
                () -> PolicySet.parse(yaml.getBytes(StandardCharsets.UTF_8), "retention-policies/staff.yaml"));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertEquals("retention-policies/staff.yaml: line 7: field retention.period: expected an ISO-8601 period like P7Y, got \"7 years\"",
                e.problems().get(0).toString());
    }

    @Test
    void loadRefusesTheSetAndListsEveryProblemOfEveryFile() throws IOException {
        Files.writeString(tmp.resolve("a.yaml"), """
                id: a
                version: 0
                title: A
                authority: x
                priority: 1
                rules:
                  - id: r
                    match: {roles: [ambassador]}
                retention: {period: P1Y, trigger: at-some-point}
                access: public
                """);
        Files.writeString(tmp.resolve("b.yaml"), """
                id: b
                version: 1
                title: B
                authority: x
                priority: 2
                rules:
                  - id: r
                    match: {}
                retention: permanent
                disposition: destroy
                access: secret
                colour: blue
                """);
        InvalidSourceException e = assertThrows(InvalidSourceException.class, () -> PolicySet.load(tmp));
        String a = tmp.resolve("a.yaml").toString();
        String b = tmp.resolve("b.yaml").toString();
        List<String> got = e.problems().stream().map(SourceProblem::toString).toList();
        List<String> want = List.of(
                a + ": line 2: field version: expected 1 or more, got 0",
                a + ": line 8: field rules[0].match.roles[0]: expected " + Role.EXPECTED + ", got \"ambassador\"",
                a + ": line 9: field retention.trigger: expected " + Trigger.EXPECTED + ", got \"at-some-point\"",
                a + ": line 1: field disposition: is required when retention is a period: " + DispositionAction.EXPECTED,
                b + ": line 12: field colour: unknown field; expected one of id, version, title, authority, priority, rules, retention, disposition, access, embargo, description",
                b + ": line 8: field rules[0].match: selects nothing; give at least one of roles, classes, accountTypes, accounts, handles, hashtags, query",
                b + ": line 10: field disposition: a permanent policy cannot destroy records; leave disposition out or use transfer",
                b + ": line 11: field access: expected " + Access.EXPECTED + ", got \"secret\"");
        assertEquals(want, got);
        assertInstanceOf(InvalidInputException.class, e);
        for (String w : want) {
            assertTrue(e.getMessage().contains(w), "message lists " + w);
        }
    }

    @Test
    void sharedPriorityIsRefusedNamingBothPolicies() throws IOException {
        String base = """
                id: %s
                version: 1
                title: T
                authority: x
                priority: 7
                rules: [{id: r, match: {roles: [staff]}}]
                retention: permanent
                access: public
                """;
        Files.writeString(tmp.resolve("one.yaml"), base.formatted("one"));
        Files.writeString(tmp.resolve("two.yaml"), base.formatted("two"));
        InvalidSourceException e = assertThrows(InvalidSourceException.class, () -> PolicySet.load(tmp));
        assertEquals(1, e.problems().size());
        SourceProblem p = e.problems().get(0);
        assertEquals(tmp.resolve("two.yaml").toString(), p.source());
        assertEquals(5, p.line());
        assertEquals("priority", p.field());
        assertTrue(p.message().contains("policy one"), p.message());
    }

    @Test
    void repeatedKeyAndBrokenSyntaxNameTheLine() {
        InvalidSourceException dup = assertThrows(InvalidSourceException.class,
                () -> PolicySet.parse("id: a\nversion: 1\nid: b\n".getBytes(StandardCharsets.UTF_8), "p.yaml"));
        assertEquals("p.yaml: line 3: key \"id\" appears twice", dup.problems().get(0).toString());
        InvalidSourceException broken = assertThrows(InvalidSourceException.class,
                () -> PolicySet.parse("id: a\nrules: [\n  - x\n".getBytes(StandardCharsets.UTF_8), "q.yaml"));
        SourceProblem p = broken.problems().get(0);
        assertEquals("q.yaml", p.source());
        assertTrue(p.line() >= 2, "line of the syntax error, got " + p.line());
        assertTrue(p.message().startsWith("not well-formed"), p.message());
    }

    @Test
    void jsonPolicyFilesWorkToo() {
        String json = """
                {"id": "j", "version": 2, "title": "J", "authority": ["x"], "priority": 3,
                 "rules": [{"id": "tag", "match": {"hashtags": ["#NAFTA4AZ"]}}],
                 "retention": {"period": "P30D", "trigger": "creation"}, "disposition": "destroy",
                 "access": "public", "embargo": {"period": "P7D", "access": "internal"}}
                """;
        Policy p = PolicySet.parse(json.getBytes(StandardCharsets.UTF_8), "j.json");
        assertEquals("j v2", p.label());
        assertEquals(new Embargo(Period.ofDays(7), Access.INTERNAL), p.embargo());
        assertEquals(java.util.Set.of("nafta4az"), p.rules().get(0).hashtags());
    }
}
