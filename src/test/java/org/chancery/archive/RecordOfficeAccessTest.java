package org.chancery.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.chancery.config.DataDir;
import org.chancery.index.AccessScope;
import org.chancery.index.Hit;
import org.chancery.index.SearchRequest;
import org.chancery.retention.Access;
import org.chancery.retention.MatchRule;
import org.chancery.retention.Policy;
import org.chancery.retention.PolicySet;
import org.chancery.retention.Retention;
import org.chancery.store.TestCaptures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The record office indexes access facts under the policy set in use: for tweets already archived (rebuilding when
 * the set's digest differs from the index's), for tweets imported afterwards, and with query rules matched on the
 * tweet's own text.
 */
class RecordOfficeAccessTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final AccessScope PUBLIC = new AccessScope(Set.of("public"), CLOCK.instant());

    @TempDir
    Path dir;

    /** Tweet 3 (by its text, through a query rule) at {@code three}; every other generated tweet public. */
    private static PolicySet policies(Access three) {
        Policy one = new Policy("three", 1, "three", List.of("test"), 2,
                List.of(rule("\"tweet number 3\"")), new Retention.Permanent(), null, three, null, null);
        Policy all = new Policy("generated", 1, "generated", List.of("test"), 1,
                List.of(rule("generated")), new Retention.Permanent(), null, Access.PUBLIC, null, null);
        return PolicySet.of(List.of(one, all));
    }

    private static MatchRule rule(String query) {
        return new MatchRule("r", Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), query);
    }

    private static Set<String> publicIds(RecordOffice office) {
        Set<String> ids = new HashSet<>();
        office.search(SearchRequest.of("generated").withLimit(100).withScope(PUBLIC)).hits().stream().map(Hit::id)
                .forEach(ids::add);
        return ids;
    }

    private static Set<String> ids(long from, long to, long... except) {
        Set<String> ids = new HashSet<>();
        LongStream.range(from, to).filter(n -> LongStream.of(except).noneMatch(e -> e == n))
                .forEach(n -> ids.add(TestCaptures.syntheticId(n)));
        return ids;
    }

    private static void put(RecordOffice office, long from, long to) {
        office.archive().put("test", LongStream.range(from, to).mapToObj(TestCaptures::synthetic).toList());
    }

    @Test
    void accessFactsFollowThePolicySetInUse() {
        DataDir data = new DataDir(dir.resolve("data"));
        try (RecordOffice office = RecordOffice.open(data, CLOCK)) {
            put(office, 0, 10);
            assertEquals(Set.of(), publicIds(office), "without a policy set nothing is in any access scope");
            assertTrue(office.indexAccessWith(policies(Access.RESTRICTED)), "first use rebuilds the index");
            assertEquals(ids(0, 10, 3), publicIds(office));
            assertFalse(office.indexAccessWith(policies(Access.RESTRICTED)), "the same set again does not");
            put(office, 10, 20);
            assertEquals(ids(0, 20, 3), publicIds(office), "tweets imported later carry their facts at once");
        }
        try (RecordOffice office = RecordOffice.open(data, CLOCK)) {
            assertFalse(office.indexAccessWith(policies(Access.RESTRICTED)), "the digest survives a reopen");
            assertTrue(office.indexAccessWith(policies(Access.PUBLIC)), "a changed set rebuilds");
            assertEquals(ids(0, 20), publicIds(office));
        }
    }

    @Test
    void anIndexOfAnEarlierLayoutIsRebuiltOnceAndKeepsItsAccessFacts() throws IOException {
        DataDir data = new DataDir(dir.resolve("data"));
        try (RecordOffice office = RecordOffice.open(data, CLOCK)) {
            put(office, 0, 20);
            assertTrue(office.indexAccessWith(policies(Access.RESTRICTED)));
        }
        // An earlier version's commit carried no layout mark: drop it, keeping every other mark and document.
        try (Directory d = FSDirectory.open(data.index());
             IndexWriter w = new IndexWriter(d, new IndexWriterConfig().setOpenMode(IndexWriterConfig.OpenMode.APPEND)
                     .setIndexSort(new Sort(new SortField("created_at", SortField.Type.LONG, true))))) {
            Map<String, String> marks = new HashMap<>();
            w.getLiveCommitData().forEach(e -> marks.put(e.getKey(), e.getValue()));
            assertTrue(marks.remove("index_layout") != null, "the layout is recorded with the commit: " + marks);
            assertTrue(marks.containsKey("accessPolicies"),
                    "the access policies' digest stays, so only the layout can call for a rebuild: " + marks);
            w.setLiveCommitData(marks.entrySet());
            w.commit();
        }
        try (RecordOffice office = RecordOffice.open(data, CLOCK)) {
            assertEquals(ids(0, 20, 3), publicIds(office), "an outdated index still answers");
            assertTrue(office.indexAccessWith(policies(Access.RESTRICTED)), "the same policies, but an older layout");
            assertFalse(office.indexAccessWith(policies(Access.RESTRICTED)), "rebuilt once, not at every use");
            assertEquals(ids(0, 20, 3), publicIds(office));
        }
        try (RecordOffice office = RecordOffice.open(data, CLOCK)) {
            assertFalse(office.indexAccessWith(policies(Access.RESTRICTED)), "the layout and digest survive a reopen");
        }
    }
}
