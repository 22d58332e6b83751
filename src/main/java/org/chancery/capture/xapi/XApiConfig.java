package org.chancery.capture.xapi;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.chancery.InvalidInputException;

/**
 * Where the X API is and how to authenticate to it.
 *
 * @param baseUrl        the API host, e.g. {@code https://api.x.com} (a compatible server in tests)
 * @param bearerToken    the app-only bearer token; never printed ({@link #toString()} hides it)
 * @param requestTimeout how long one request may take before it counts as a timeout (retried)
 * @param maxAttempts    attempts per request for 5xx answers and timeouts, and separately for 429 answers
 */
public record XApiConfig(URI baseUrl, String bearerToken, Duration requestTimeout, int maxAttempts) {
    /** Environment variable holding the bearer token. */
    public static final String TOKEN_ENV = "CHANCERY_X_BEARER_TOKEN";
    /** Environment variable overriding the API host. */
    public static final String BASE_URL_ENV = "CHANCERY_X_API_BASE_URL";
    public static final URI DEFAULT_BASE_URL = URI.create("https://api.x.com");

    public XApiConfig {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (bearerToken == null || bearerToken.isBlank()) {
            throw new InvalidInputException("No X API bearer token: set $" + TOKEN_ENV + ".");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        String s = baseUrl.toString();
        baseUrl = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
    }

    /** Reads {@code $CHANCERY_X_BEARER_TOKEN} and {@code $CHANCERY_X_API_BASE_URL}. */
    public static XApiConfig fromEnv(Map<String, String> env) {
        String base = env.get(BASE_URL_ENV);
        URI url;
        try {
            url = base == null || base.isBlank() ? DEFAULT_BASE_URL : URI.create(base.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("$" + BASE_URL_ENV + " is not a URL: " + e.getMessage());
        }
        return new XApiConfig(url, env.get(TOKEN_ENV), Duration.ofSeconds(30), 6);
    }

    @Override
    public String toString() {
        return "XApiConfig[baseUrl=" + baseUrl + ", bearerToken=(hidden), requestTimeout=" + requestTimeout
                + ", maxAttempts=" + maxAttempts + "]";
    }
}
