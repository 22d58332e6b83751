package org.chancery;

/**
 * Root of Chancery's one exception family. Unchecked, like ocfl-java's; messages are whole sentences that
 * name the object (tweet id, file, line, field) and say what was expected.
 */
public class ChanceryException extends RuntimeException {
    public ChanceryException(String message) {
        super(message);
    }

    public ChanceryException(String message, Throwable cause) {
        super(message, cause);
    }
}
