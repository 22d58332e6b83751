package org.chancery;

/** Input given by a user or a file is not what was expected; the message names where and what. */
public class InvalidInputException extends ChanceryException {
    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
