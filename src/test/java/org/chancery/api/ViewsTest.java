package org.chancery.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.chancery.retention.Access;
import org.chancery.retention.Decision;
import org.chancery.retention.Disposition;
import org.chancery.retention.Schedule;
import org.chancery.retention.ViewerRole;
import org.junit.jupiter.api.Test;

class ViewsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    private static Decision held(Instant eligibleAt) {
        return new Decision("1", NOW, new Schedule.Unscheduled("test"), Access.PUBLIC, null, eligibleAt,
                new Disposition.Held(List.of("H-SECRET-GrandJury-2026")));
    }

    @Test
    void aHeldRecordPastItsEligibilityShowsEligibleAndNoHoldsBelowLegal() {
        Decision d = held(NOW.minusSeconds(1));
        for (ViewerRole role : List.of(ViewerRole.PUBLIC, ViewerRole.STAFF, ViewerRole.ARCHIVIST)) {
            Views.Retention r = Views.Retention.of(d, role);
            assertEquals("eligible", r.disposition(), role.wireName());
            assertNull(r.holds(), role.wireName());
        }
        for (ViewerRole role : List.of(ViewerRole.LEGAL, ViewerRole.ADMIN)) {
            Views.Retention r = Views.Retention.of(d, role);
            assertEquals("held", r.disposition(), role.wireName());
            assertEquals(List.of("H-SECRET-GrandJury-2026"), r.holds(), role.wireName());
        }
    }

    @Test
    void aHeldRecordBeforeOrWithoutAnEligibilityDateShowsRetainBelowLegal() {
        assertEquals("retain", Views.Retention.of(held(NOW.plusSeconds(1)), ViewerRole.STAFF).disposition());
        assertEquals("retain", Views.Retention.of(held(null), ViewerRole.PUBLIC).disposition());
        assertEquals("eligible", Views.Retention.of(held(NOW), ViewerRole.ARCHIVIST).disposition());
    }

    @Test
    void theBeanSerializerLeavesHoldsOutWhereTheyAreHidden() throws Exception {
        JsonNode hidden = JSON.valueToTree(Views.Retention.of(held(null), ViewerRole.PUBLIC));
        assertFalse(hidden.has("holds"), hidden.toString());
        assertFalse(hidden.toString().contains("GrandJury"), hidden.toString());
        JsonNode shown = JSON.valueToTree(Views.Retention.of(held(null), ViewerRole.LEGAL));
        assertEquals("H-SECRET-GrandJury-2026", shown.path("holds").get(0).asText());
    }

    @Test
    void onlyTheProvenanceSourceIsReducedToItsFileName() throws Exception {
        ObjectNode tweet = JSON.createObjectNode();
        tweet.put("id", "123");
        tweet.put("source", "/top/level/is/not/provenance.json");
        tweet.put("text", "see \"source\":\"/etc/x\" and caf\u00e9");
        tweet.putObject("place").put("lat", 38.8977).put("source", "/nested/elsewhere.json");
        ObjectNode provenance = tweet.putObject("provenance");
        provenance.put("format", "congresstweets");
        provenance.put("source", "/work/shared/corpus/congresstweets/2017-07-10.json");
        provenance.put("locator", "item 3");
        byte[] in = JSON.writeValueAsBytes(tweet);

        JsonNode out = JSON.readTree(Views.withSourceFileName(in));

        ObjectNode want = tweet.deepCopy();
        ((ObjectNode) want.path("provenance")).put("source", "2017-07-10.json");
        assertEquals(want, out);
        assertFalse(new String(Views.withSourceFileName(in), StandardCharsets.UTF_8).contains("/work/shared"));
    }

    @Test
    void aFileNameIsTheLastSegmentOfAPathOrUrl() {
        assertEquals("2017-07-10.json", Views.fileName("/work/shared/corpus/congresstweets/2017-07-10.json"));
        assertEquals("day.jsonl", Views.fileName("C:\\collect\\day.jsonl"));
        assertEquals("x.warc.gz", Views.fileName("https://example.org/sfm/x.warc.gz"));
        assertEquals("export", Views.fileName("/data/archive/export/"));
        assertEquals("plain.json", Views.fileName("plain.json"));
    }
}
