package org.chancery.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.chancery.record.Tweet;
import org.junit.jupiter.api.Test;

/**
 * The two forms of the access filter ({@link ScopeFilter}) select exactly the tweets the access facts allow, worked
 * out here from the assignments alone, for every set of levels, before and after an embargo end; the complement form
 * is refused where a tweet lacks facts.
 */
class ScopeFilterTest {
    private static final Instant END = Instant.parse("2017-08-09T00:00:00Z");
    private static final List<Set<String>> LEVELS = List.of(Set.of("public"), Set.of("public", "internal"),
            Set.of("internal"), Set.of("restricted"), Set.of("public", "internal", "restricted"));
    private static final List<Instant> TIMES = List.of(END.minusMillis(1), END, END.plusSeconds(3600));

    /** Per tweet id: lasting level, embargo level (null when none). */
    private final Map<String, String[]> assigned = new HashMap<>();

    private Directory index(boolean everyTweetHasFacts) throws IOException {
        Directory dir = new ByteBuffersDirectory();
        Analyzers analyzers = new Analyzers();
        try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(analyzers.perField()))) {
            int i = 0;
            for (Tweet t : new CongressTweetsFixtureLoader().load("2017-07-10.json")) {
                String[] facts = switch (i++ % 6) {
                    case 0 -> new String[] {"public", null};
                    case 1 -> new String[] {"internal", null};
                    case 2 -> new String[] {"restricted", null};
                    case 3 -> new String[] {"public", "internal"};
                    case 4 -> new String[] {"public", "restricted"};
                    default -> everyTweetHasFacts ? new String[] {"internal", "restricted"} : null;
                };
                IndexedTweet plain = IndexedTweet.of(t);
                if (facts != null) {
                    assigned.put(t.id(), facts);
                    plain = plain.withAccess(new AccessFacts(facts[0], facts[1] == null ? null : END, facts[1]));
                }
                w.addDocument(TweetDocuments.build(plain));
                if (i % 500 == 0) {
                    // Several segments, as a real index has.
                    w.commit();
                }
            }
        } finally {
            analyzers.close();
        }
        return dir;
    }

    private Set<String> expected(Set<String> levels, Instant now) {
        Set<String> ids = new HashSet<>();
        assigned.forEach((id, a) -> {
            String level = a[1] != null && now.isBefore(END) ? a[1] : a[0];
            if (levels.contains(level)) {
                ids.add(id);
            }
        });
        return ids;
    }

    private static Set<String> ids(IndexSearcher searcher, Query q) throws IOException {
        Set<String> ids = new HashSet<>();
        StoredFields stored = searcher.storedFields();
        for (ScoreDoc d : searcher.search(q, Integer.MAX_VALUE).scoreDocs) {
            ids.add(stored.document(d.doc).get(Fields.ID));
        }
        return ids;
    }

    @Test
    void directAndComplementFormsSelectExactlyWhatTheFactsAllow() throws IOException {
        try (Directory dir = index(true); DirectoryReader reader = DirectoryReader.open(dir)) {
            assertTrue(reader.leaves().size() > 1, "the fixture spans several segments");
            IndexSearcher searcher = new IndexSearcher(reader);
            for (Set<String> levels : LEVELS) {
                for (Instant now : TIMES) {
                    AccessScope scope = new AccessScope(levels, now);
                    Set<String> want = expected(levels, now);
                    Query direct = new BooleanQuery.Builder().add(MatchAllDocsQuery.INSTANCE, Occur.MUST)
                            .add(ScopeFilter.direct(scope), Occur.FILTER).build();
                    assertEquals(want, ids(searcher, direct), "direct form for " + levels + " at " + now);

                    BooleanQuery.Builder complement = new BooleanQuery.Builder()
                            .add(MatchAllDocsQuery.INSTANCE, Occur.MUST);
                    List<Query> hidden = ScopeFilter.complement(scope, reader, true);
                    assertNotNull(hidden, "every tweet has facts, so the complement applies");
                    hidden.forEach(h -> complement.add(h, Occur.MUST_NOT));
                    assertEquals(want, ids(searcher, complement.build()), "complement form for " + levels + " at " + now);

                    BooleanQuery.Builder chosen = new BooleanQuery.Builder().add(MatchAllDocsQuery.INSTANCE, Occur.MUST);
                    ScopeFilter.restrict(chosen, scope, reader);
                    assertEquals(want, ids(searcher, chosen.build()), "chosen form for " + levels + " at " + now);
                }
            }
        }
    }

    @Test
    void theComplementIsRefusedWhenATweetHasNoFacts() throws IOException {
        try (Directory dir = index(false); DirectoryReader reader = DirectoryReader.open(dir)) {
            IndexSearcher searcher = new IndexSearcher(reader);
            AccessScope everything = new AccessScope(Set.of("public", "internal", "restricted"), END);
            assertNull(ScopeFilter.complement(everything, reader, true));
            BooleanQuery.Builder chosen = new BooleanQuery.Builder().add(MatchAllDocsQuery.INSTANCE, Occur.MUST);
            ScopeFilter.restrict(chosen, everything, reader);
            assertEquals(assigned.keySet(), ids(searcher, chosen.build()), "tweets without facts stay hidden");
        }
    }
}
