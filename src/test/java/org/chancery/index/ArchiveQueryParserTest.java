package org.chancery.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.chancery.InvalidInputException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ArchiveQueryParserTest {
    private final Analyzers analyzers = new Analyzers();
    private final ArchiveQueryParser parser = new ArchiveQueryParser(analyzers.perField());

    @AfterEach
    void close() {
        analyzers.close();
    }

    private QuerySyntaxException failure(String query) {
        return assertThrows(QuerySyntaxException.class, () -> parser.parse(query), query);
    }

    @Test
    void unknownOperatorNamesItselfItsPositionAndTheKnownOperators() {
        QuerySyntaxException e = failure("vote frm:SenSchumer");
        assertEquals(5, e.position());
        assertTrue(e.getMessage().startsWith("Unknown operator \"frm:\" at position 5; known operators: from:, to:"),
                e.getMessage());
        assertTrue(e instanceof InvalidInputException);
    }

    @Test
    void unbalancedParenthesesPointAtTheLoneParenthesis() {
        assertEquals(7, failure("health (care OR jobs").position());
        assertEquals(11, failure("health care) jobs").position());
        assertEquals(0, failure("(((a))").position());
    }

    @Test
    void unclosedQuotePointsAtTheOpeningQuote() {
        assertEquals(4, failure("tax \"health care").position());
    }

    @Test
    void emptyAndBlankQueriesAreErrorsNotEmptyResults() {
        assertEquals(0, failure("").position());
        assertEquals(0, failure("   ").position());
        assertEquals(2, failure("a ()").position());
    }

    @Test
    void badDatesPointAtTheDate() {
        QuerySyntaxException e = failure("since:2019-13-01");
        assertEquals(6, e.position());
        assertTrue(e.getMessage().contains("\"2019-13-01\""), e.getMessage());
        assertEquals(10, failure("tax until:2019-2-1").position());
    }

    @Test
    void unknownIsAndHasValuesListTheAllowedOnes() {
        QuerySyntaxException e = failure("is:banana");
        assertEquals(3, e.position());
        assertTrue(e.getMessage().contains("deleted, edited, original, quote, reply, retweet"), e.getMessage());
        assertEquals(8, failure("tax has:photos").position());
    }

    @Test
    void danglingBooleanOperatorsAreErrors() {
        assertEquals(7, failure("health OR").position());
        assertEquals(0, failure("OR health").position());
        assertEquals(7, failure("health AND").position());
        assertEquals(0, failure("NOT").position());
        assertEquals(7, failure("health NOT NOT care").position());
    }

    @Test
    void operatorsWithoutValuesAndSignsWithoutNamesAreErrors() {
        assertEquals(5, failure("from:").position());
        assertEquals(4, failure("tax # care").position());
        assertEquals(0, failure("@").position());
    }

    @Test
    void wildcardsOnlyAtTheEndOfAWord() {
        assertEquals(2, failure("he*lo").position());
        assertEquals(0, failure("*").position());
    }

    @Test
    void wordsWithNothingSearchableAreErrors() {
        assertEquals(4, failure("tax … care").position());
    }

    @Test
    void wellFormedQueriesParse() {
        for (String q : new String[] {"health care", "\"health care\"", "(a OR b) AND NOT c", "-a b", "a -(b OR c)",
                "from:@SenSchumer to:x @y #Tag $AAPL lang:en since:2017-07-10 until:2017-07-11",
                "is:retweet has:media url:www.state.gov class:member role:\"press office\"", "health*",
                "NOT is:retweet", "https://state.gov/x", "首相"}) {
            assertNotNull(parser.parse(q), q);
        }
    }
}
