package org.chancery;

/** A thing that must exist (a tweet, an object, a checkpoint) does not. */
public class NotFoundException extends ChanceryException {
    public NotFoundException(String message) {
        super(message);
    }
}
