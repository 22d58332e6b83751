package org.chancery.capture.xapi;

/** The X API answered 401 or 403: the token or the app's access level is wrong, so capture stops at once. */
public final class XApiRefusedException extends XApiException {
    public XApiRefusedException(String message) {
        super(message);
    }
}
