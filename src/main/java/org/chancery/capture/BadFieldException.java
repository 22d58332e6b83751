package org.chancery.capture;

import org.chancery.InvalidInputException;

/**
 * A payload field that prevents a record from being built. Mappers throw it; readers turn it into a
 * {@link Rejection} naming the same field, so it never leaves this package.
 */
final class BadFieldException extends InvalidInputException {
    private final String field;

    BadFieldException(String field, String problem) {
        super(problem);
        this.field = field;
    }

    String field() {
        return field;
    }

    String problem() {
        return getMessage();
    }
}
