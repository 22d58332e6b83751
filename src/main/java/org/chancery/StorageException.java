package org.chancery;

/** Durable storage could not be read or written; what was already archived is unaffected. */
public class StorageException extends ChanceryException {
    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }

    public StorageException(String message) {
        super(message);
    }
}
