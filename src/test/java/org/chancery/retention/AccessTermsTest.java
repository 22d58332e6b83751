package org.chancery.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.time.Period;
import java.util.List;
import org.chancery.record.Tweet;
import org.junit.jupiter.api.Test;

/** The access terms the index stores give, at every instant, the access level {@code decide} gives. */
class AccessTermsTest {
    private static RetentionEngine engine(Policy p) {
        return new RetentionEngine(PolicySet.of(List.of(p)), RetentionEngineTest.registry(), List::of,
                (q, tw) -> tw.text().contains(q));
    }

    @Test
    void embargoTermsMatchDecisionsEitherSideOfTheEnd() {
        Tweet t = TestTweets.tweet("3", "1001", "2020-05-01T00:00:00Z");
        Policy p = RetentionEngineTest.policy("p", 1, RetentionEngineTest.roleRule("r", Role.STAFF),
                new Retention.Permanent(), null, Access.PUBLIC, new Embargo(Period.ofDays(30), Access.RESTRICTED));
        RetentionEngine e = engine(p);
        AccessTerms terms = e.accessTerms(t);
        Instant end = Instant.parse("2020-05-31T00:00:00Z");
        assertEquals(new AccessTerms(Access.PUBLIC, end, Access.RESTRICTED), terms);
        assertEquals(terms.during(), e.decide(t, end.minusMillis(1)).access());
        assertEquals(terms.lasting(), e.decide(t, end).access());
        assertEquals(end, e.decide(t, end).embargoEnd());
    }

    @Test
    void unscheduledTweetsGetTheUnscheduledLevelWithoutEmbargo() {
        Tweet t = TestTweets.tweet("4", "999999", "2020-05-01T00:00:00Z");
        Policy p = RetentionEngineTest.policy("p", 1, RetentionEngineTest.roleRule("r", Role.STAFF),
                new Retention.Permanent(), null, Access.PUBLIC, null);
        AccessTerms terms = engine(p).accessTerms(t);
        assertEquals(Access.INTERNAL, terms.lasting());
        assertNull(terms.embargoEnd());
        assertEquals(engine(p).decide(t, Instant.parse("2020-05-02T00:00:00Z")).access(), terms.lasting());
    }
}
