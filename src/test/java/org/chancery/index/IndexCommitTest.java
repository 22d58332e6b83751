package org.chancery.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Committing with marks writes a commit point only when something changed. */
class IndexCommitTest {
    @TempDir
    Path dir;

    @Test
    void commitWithUnchangedMarksAndNoChangesWritesNothing() throws IOException {
        try (TweetIndex index = TweetIndex.open(dir)) {
            index.index(new CongressTweetsFixtureLoader().load("2017-07-10.json").stream().limit(20)
                    .map(IndexedTweet::of).toList());
            index.commit(Map.of("ledgerSize", "20"));
            Set<String> afterFirst = files();
            index.commit(Map.of("ledgerSize", "20"));
            assertEquals(afterFirst, files(), "a second commit of nothing new leaves the index files alone");
            index.commit(Map.of("ledgerSize", "21"));
            assertNotEquals(afterFirst, files(), "new marks are a new commit point");
            assertEquals(Map.of("ledgerSize", "21"), index.committedMarks());
        }
    }

    private Set<String> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("segments"))
                    .collect(Collectors.toSet());
        }
    }
}
