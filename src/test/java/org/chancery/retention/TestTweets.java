package org.chancery.retention;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.chancery.record.Author;
import org.chancery.record.Entities;
import org.chancery.record.Provenance;
import org.chancery.record.SourceFormat;
import org.chancery.record.Tweet;

/** Builds minimal tweets for retention tests (the record package's own builder, nothing mocked). */
final class TestTweets {
    private TestTweets() {}

    static Tweet tweet(String id, String authorId, Instant createdAt, String text, String... hashtags) {
        List<Entities.Hashtag> tags = new ArrayList<>();
        for (String h : hashtags) {
            tags.add(new Entities.Hashtag(h, -1, -1));
        }
        return Tweet.builder()
                .id(id)
                .author(new Author(authorId, "user" + authorId, null))
                .createdAt(createdAt)
                .text(text)
                .entities(new Entities(tags, List.of(), List.of(), List.of()))
                .provenance(new Provenance(SourceFormat.API_V2, "test", "item", createdAt, "test"))
                .build();
    }

    static Tweet tweet(String id, String authorId, String createdAt) {
        return tweet(id, authorId, Instant.parse(createdAt), "text of " + id);
    }
}
