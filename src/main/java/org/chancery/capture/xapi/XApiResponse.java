package org.chancery.capture.xapi;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One HTTP response of the X API exactly as received: the evidence behind what it produced.
 *
 * @param url        the request URL (it carries no credential: the token travels in a header)
 * @param status     the HTTP status
 * @param headers    response headers, names in lower case (no request header, so no authorization)
 * @param body       the body bytes exactly as received
 * @param receivedAt when the response arrived
 */
public record XApiResponse(URI url, int status, Map<String, List<String>> headers, byte[] body, Instant receivedAt) {
    public XApiResponse {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(receivedAt, "receivedAt");
        TreeMap<String, List<String>> copy = new TreeMap<>();
        headers.forEach((k, v) -> copy.put(k.toLowerCase(java.util.Locale.ROOT), List.copyOf(v)));
        headers = java.util.Collections.unmodifiableMap(copy);
    }

    /** The first value of a header, or null. */
    public String header(String name) {
        List<String> v = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return v == null || v.isEmpty() ? null : v.get(0);
    }
}
