package org.chancery.capture.xapi;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.chancery.InvalidInputException;
import org.chancery.config.ConfigFile;

/**
 * Where the X API is and how to authenticate to it.
 *
 * @param baseUrl        the API host, e.g. {@code https://api.x.com} (a compatible server in tests)
 * @param bearerToken    the app-only bearer token; never printed ({@link #toString()} hides it), never written to the
 *                       data folder
 * @param requestTimeout how long one request may take before it counts as a timeout (retried)
 * @param maxAttempts    attempts per request for 5xx answers and timeouts, and separately for 429 answers
 */
public record XApiConfig(URI baseUrl, String bearerToken, Duration requestTimeout, int maxAttempts) {
    /** Environment variable holding the bearer token. */
    public static final String TOKEN_ENV = "CHANCERY_X_BEARER_TOKEN";
    /** Environment variable overriding the API host. */
    public static final String BASE_URL_ENV = "CHANCERY_X_API_BASE_URL";
    public static final URI DEFAULT_BASE_URL = URI.create("https://api.x.com");
    /** The config file keys: the bearer token and the API host. */
    public static final List<String> FILE_KEYS = List.of("bearer-token", "base-url");

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
        return resolve(null, env);
    }

    /**
     * Reads a config file ({@code .properties} or {@code .yaml}; keys {@code bearer-token}, {@code base-url}), then
     * lets {@code $CHANCERY_X_BEARER_TOKEN} and {@code $CHANCERY_X_API_BASE_URL} override it. Problems name the
     * key and where its value came from, never the token itself.
     *
     * @param file the config file, or null for the environment alone
     */
    public static XApiConfig resolve(Path file, Map<String, String> env) {
        Map<String, String[]> values = new LinkedHashMap<>();
        if (file != null) {
            ConfigFile.read(file, FILE_KEYS).forEach((k, v) -> values.put(k, new String[] {v, "the config file " + file}));
        }
        if (env.get(TOKEN_ENV) != null && !env.get(TOKEN_ENV).isBlank()) {
            values.put("bearer-token", new String[] {env.get(TOKEN_ENV), "$" + TOKEN_ENV});
        }
        if (env.get(BASE_URL_ENV) != null && !env.get(BASE_URL_ENV).isBlank()) {
            values.put("base-url", new String[] {env.get(BASE_URL_ENV), "$" + BASE_URL_ENV});
        }
        String[] token = values.get("bearer-token");
        if (token == null) {
            throw new InvalidInputException("No X API bearer token: set $" + TOKEN_ENV + ", or the key \"bearer-token\""
                    + " in a config file given with --config.");
        }
        String t = token[0].strip();
        if (t.isEmpty() || !t.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new InvalidInputException("The key \"bearer-token\" (from " + token[1] + ") must be the bearer token:"
                    + " printable ASCII without spaces" + (t.isEmpty() ? ", but it is empty." : "."));
        }
        String[] base = values.getOrDefault("base-url", new String[] {DEFAULT_BASE_URL.toString(), "default"});
        return new XApiConfig(baseUrl(base), t, Duration.ofSeconds(30), 6);
    }

    private static URI baseUrl(String[] v) {
        try {
            URI url = new URI(v[0].strip());
            if (("https".equals(url.getScheme()) || "http".equals(url.getScheme())) && url.getHost() != null
                    && url.getRawUserInfo() == null && url.getRawQuery() == null) {
                return url;
            }
        } catch (URISyntaxException e) {
            // answered below
        }
        throw new InvalidInputException("The key \"base-url\" (from " + v[1] + ") must be an http or https URL such as "
                + DEFAULT_BASE_URL + ", got \"" + v[0] + "\".");
    }

    @Override
    public String toString() {
        return "XApiConfig[baseUrl=" + baseUrl + ", bearerToken=(hidden), requestTimeout=" + requestTimeout
                + ", maxAttempts=" + maxAttempts + "]";
    }
}
