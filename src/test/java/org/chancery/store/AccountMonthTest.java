package org.chancery.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import org.chancery.record.Capture;
import org.chancery.record.Tweet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountMonthTest {
    @TempDir
    Path data;

    @Test
    void objectIdsNameTheAuthorAndTheUtcMonthAndParseBack() {
        Capture first = TestCaptures.fixtureCaptures().getFirst();
        JsonNode raw = TestCaptures.readTree(first.raw().bytes());
        // The fixture's time has an offset; the month is the UTC one.
        String utcMonth = java.time.OffsetDateTime.parse(raw.get("time").asText())
                .atZoneSameInstant(java.time.ZoneOffset.UTC).toString().substring(0, 7);
        String expected = "urn:chancery:account:" + raw.get("user_id").asText() + ":" + utcMonth;
        assertEquals(expected, OcflArchive.objectIdFor(first.tweet()));
        assertEquals(Optional.of(new AccountMonth(raw.get("user_id").asText(), YearMonth.parse(utcMonth))),
                AccountMonth.parse(expected));
        assertEquals(expected, AccountMonth.parse(expected).orElseThrow().objectId());
        for (String foreign : List.of("urn:other:1:2017-07", "urn:chancery:account:2017-07",
                "urn:chancery:account:16056306:July", "urn:chancery:account::2017-07")) {
            assertEquals(Optional.empty(), AccountMonth.parse(foreign), foreign);
        }
    }

    @Test
    void aWalkOverSomeAccountMonthsVisitsTheirRecordsOnlyInTheWholeWalksOrder() {
        try (OcflArchive archive = new OcflArchive(StoreSettings.under(data), OcflArchiveTest.CLOCK,
                CommitListener.NONE)) {
            archive.put("import", TestCaptures.fixtureCaptures());
            archive.flush();
            List<Tweet> all = new ArrayList<>();
            archive.forEachRecord(all::add);
            Set<String> authors = new TreeSet<>();
            all.forEach(t -> authors.add(t.author().id()));
            assertTrue(authors.size() > 2, "the fixture has several accounts: " + authors);
            Set<String> some = Set.copyOf(new ArrayList<>(authors).subList(0, authors.size() / 2));
            List<Tweet> picked = new ArrayList<>();
            archive.forEachRecord(o -> some.contains(o.authorId()), picked::add);
            List<String> expected = all.stream().filter(t -> some.contains(t.author().id())).map(Tweet::id).toList();
            assertEquals(expected, picked.stream().map(Tweet::id).toList());
            assertTrue(!expected.isEmpty());
        }
    }
}
