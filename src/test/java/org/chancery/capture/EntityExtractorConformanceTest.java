package org.chancery.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every case of twitter-text's own conformance suite ({@code extract.yml}) for hashtags, mentions, URLs and
 * cashtags through {@link EntityExtractor}, read at test time so that a newer copy of the suite is picked up as
 * is.
 */
class EntityExtractorConformanceTest {
    private static final String SUITE = "/fixtures/twitter-text/extract.yml";

    private enum Kind { HASHTAG, MENTION, CASHTAG, URL }

    /**
     * How a section is checked: {@code valueKey} is the key of the entity's value in each expected object, or
     * null when the section expects a plain list of values without indices.
     */
    private record Section(Kind kind, String valueKey) {}

    private static final Map<String, Section> SECTIONS = new LinkedHashMap<>();

    static {
        SECTIONS.put("hashtags", new Section(Kind.HASHTAG, null));
        SECTIONS.put("hashtags_from_astral", new Section(Kind.HASHTAG, null));
        SECTIONS.put("hashtags_with_indices", new Section(Kind.HASHTAG, "hashtag"));
        SECTIONS.put("mentions", new Section(Kind.MENTION, null));
        SECTIONS.put("mentions_with_indices", new Section(Kind.MENTION, "screen_name"));
        SECTIONS.put("cashtags", new Section(Kind.CASHTAG, null));
        SECTIONS.put("cashtags_with_indices", new Section(Kind.CASHTAG, "cashtag"));
        SECTIONS.put("urls", new Section(Kind.URL, null));
        SECTIONS.put("urls_with_indices", new Section(Kind.URL, "url"));
        SECTIONS.put("urls_with_directional_markers", new Section(Kind.URL, "url"));
        SECTIONS.put("tco_urls_with_params", new Section(Kind.URL, null));
    }

    /** Sections of the suite that test something other than entity extraction, with the reason. */
    private static final Map<String, String> OUT_OF_SCOPE = Map.of(
            "mentions_or_lists_with_indices",
            "list references (@user/list) are not user mentions, and Entities has no kind for lists",
            "replies",
            "which screen name a tweet replies to is not an entity of its text");

    /**
     * Cases that the Java reference implementation itself fails (section, then description, then reason). Every
     * case of the sections above is run; a case listed here is run too and must still fail, so that the list is
     * shortened when the reference implementation is fixed.
     */
    private static final Map<String, Map<String, String>> KNOWN_REFERENCE_FAILURES = Map.of();

    private final EntityExtractor extractor = new EntityExtractor();

    private record Found(String value, int start, int end) {}

    @Test
    void everySectionOfTheSuiteIsRunOrExplicitlyOutOfScope() throws IOException {
        TreeSet<String> unaccounted = new TreeSet<>();
        suite().fieldNames().forEachRemaining(unaccounted::add);
        unaccounted.removeAll(SECTIONS.keySet());
        unaccounted.removeAll(OUT_OF_SCOPE.keySet());
        assertEquals(new TreeSet<String>(), unaccounted, "sections of extract.yml neither run nor declared out of scope");
        for (String name : SECTIONS.keySet()) {
            assertTrue(suite().path(name).size() > 0, "section " + name + " has cases");
        }
    }

    @TestFactory
    Stream<DynamicNode> extractYml() throws IOException {
        JsonNode tests = suite();
        List<DynamicNode> containers = new ArrayList<>();
        for (Map.Entry<String, Section> entry : SECTIONS.entrySet()) {
            String name = entry.getKey();
            JsonNode cases = tests.get(name);
            assertNotNull(cases, "extract.yml has a section " + name);
            Map<String, String> known = KNOWN_REFERENCE_FAILURES.getOrDefault(name, Map.of());
            List<DynamicTest> cells = new ArrayList<>();
            for (JsonNode c : cases) {
                String description = c.get("description").asText();
                cells.add(DynamicTest.dynamicTest(description, () -> check(entry.getValue(), c, known.get(description))));
            }
            containers.add(DynamicContainer.dynamicContainer(name, cells));
        }
        return containers.stream();
    }

    private void check(Section section, JsonNode c, String knownFailure) {
        String text = c.get("text").asText();
        List<Found> actual = find(section.kind(), text);
        boolean matches;
        String message = "text: " + text;
        if (section.valueKey() == null) {
            List<String> expected = new ArrayList<>();
            c.get("expected").forEach(v -> expected.add(v.asText()));
            List<String> values = actual.stream().map(Found::value).toList();
            matches = expected.equals(values);
            if (knownFailure == null) {
                assertEquals(expected, values, message);
            }
        } else {
            List<Found> expected = new ArrayList<>();
            for (JsonNode e : c.get("expected")) {
                expected.add(new Found(e.get(section.valueKey()).asText(), e.get("indices").get(0).asInt(),
                        e.get("indices").get(1).asInt()));
            }
            matches = expected.equals(actual);
            if (knownFailure == null) {
                assertEquals(expected, actual, message);
            }
        }
        if (knownFailure != null) {
            assertTrue(!matches, "listed as a known reference failure (" + knownFailure + ") but now passes");
        }
    }

    private List<Found> find(Kind kind, String text) {
        return switch (kind) {
            case HASHTAG -> extractor.hashtags(text).stream().map(h -> new Found(h.tag(), h.start(), h.end())).toList();
            case MENTION -> extractor.mentions(text).stream().map(m -> new Found(m.handle(), m.start(), m.end())).toList();
            case CASHTAG -> extractor.cashtags(text).stream().map(t -> new Found(t.tag(), t.start(), t.end())).toList();
            case URL -> extractor.urls(text).stream().map(u -> new Found(u.url(), u.start(), u.end())).toList();
        };
    }

    private static JsonNode suite() throws IOException {
        try (InputStream in = EntityExtractorConformanceTest.class.getResourceAsStream(SUITE)) {
            assertNotNull(in, "fixture " + SUITE + " is on the test classpath");
            return new YAMLMapper().readTree(in).get("tests");
        }
    }
}
