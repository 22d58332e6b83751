package org.chancery.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.chancery.config.DataDir;
import org.chancery.record.Author;
import org.chancery.record.Capture;
import org.chancery.record.Provenance;
import org.chancery.record.RawPayload;
import org.chancery.record.SourceFormat;
import org.chancery.record.Tweet;
import org.chancery.store.BatchResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Imports add tweets the store did not hold as new index documents and replace the others, so that a tweet is in
 * the index once whatever mix of new tweets, observations and repeats a batch brings; each is searchable as soon as
 * {@code put} returns.
 */
class IndexingArchiveTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private static Capture capture(String id, String text) {
        String raw = "{\"id\":\"" + id + "\",\"text\":\"" + text + "\"}";
        Tweet tweet = Tweet.builder().id(id).author(new Author("42", "office", null))
                .createdAt(Instant.parse("2025-05-05T10:00:00Z")).text(text)
                .provenance(new Provenance(SourceFormat.API_V2, "test.json", "line 1", CLOCK.instant(), "test"))
                .build();
        return new Capture(tweet, RawPayload.of(raw.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void newTweetsObservationsAndRepeatsLeaveOneDocumentPerTweet() {
        DataDir data = new DataDir(dir.resolve("data"));
        try (RecordOffice office = RecordOffice.open(data, CLOCK)) {
            BatchResult first = office.archive().put("first", List.of(capture("1001", "statement alpha"),
                    capture("1002", "statement beta")));
            assertEquals(2, first.added());
            assertEquals(2, office.count("statement"), "searchable as soon as put returns");

            // 1001 observed again with a new wording, 1003 new but twice in its own batch, 1002 repeated as is.
            BatchResult second = office.archive().put("second", List.of(capture("1001", "statement gamma"),
                    capture("1003", "statement delta"), capture("1003", "statement epsilon"),
                    capture("1002", "statement beta")));
            assertEquals(1, second.added());
            assertEquals(2, second.observations());
            assertEquals(1, second.alreadyArchived());
            assertEquals(3, office.count("statement"), "one document per tweet");
            assertEquals(0, office.count("alpha"), "the observation replaced the earlier wording");
            assertEquals(1, office.count("gamma"));
            assertEquals(0, office.count("delta"), "the later of two states in one batch wins");
            assertEquals(1, office.count("epsilon"));
        }
        try (RecordOffice office = RecordOffice.open(data, CLOCK)) {
            assertEquals(3, office.count("statement"), "committed with the store");
            office.reindex(n -> { });
            assertEquals(3, office.count("statement"), "a rebuild from the store agrees");
            assertEquals(1, office.count("epsilon"));
            assertEquals(1, office.count("gamma"));
        }
    }
}
