package org.chancery.capture.xapi;

import org.chancery.ChanceryException;

/** The X API refused a request, kept failing, or answered something the harvester cannot use. */
public class XApiException extends ChanceryException {
    public XApiException(String message) {
        super(message);
    }

    public XApiException(String message, Throwable cause) {
        super(message, cause);
    }
}
