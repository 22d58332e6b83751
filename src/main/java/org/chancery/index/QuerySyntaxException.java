package org.chancery.index;

import org.chancery.InvalidInputException;

/**
 * A search query that cannot be understood: an unknown operator, an unbalanced parenthesis or quote, a bad
 * date, an empty query. Carries the 0-based character position in the query where the problem was found, so
 * that a user interface can point at it; the message states the position too.
 */
public class QuerySyntaxException extends InvalidInputException {
    private final int position;

    public QuerySyntaxException(String message, int position) {
        super(message);
        this.position = position;
    }

    /** 0-based index of the character in the query string where the problem starts. */
    public int position() {
        return position;
    }
}
