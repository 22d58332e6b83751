package org.chancery.capture.xapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/**
 * The X API v2 endpoints the harvester needs, with rate limits honoured and faults retried.
 *
 * <p>Rate limits: when a response says {@code x-rate-limit-remaining: 0}, the next request waits until
 * {@code x-rate-limit-reset} (epoch seconds) has passed; a 429 answer waits until the reset it names (or backs
 * off when it names none) and tries again. Faults: a 5xx answer or a timeout/connection failure is retried
 * after a jittered exponential backoff (1 s, 2 s, 4 s … capped at 60 s, each scaled by a random factor in
 * [0.5, 1]), at most {@link XApiConfig#maxAttempts()} attempts. 401 and 403 stop at once: retrying a refused
 * token does not help. Not thread-safe: one client per run.
 */
public final class XApiClient {
    /** Fields asked for on every tweet: everything a record uses. */
    static final String TWEET_FIELDS = "attachments,author_id,conversation_id,created_at,edit_history_tweet_ids,"
            + "entities,geo,in_reply_to_user_id,lang,note_tweet,possibly_sensitive,public_metrics,referenced_tweets,source";
    static final String EXPANSIONS = "author_id,attachments.media_keys,referenced_tweets.id,geo.place_id,"
            + "in_reply_to_user_id";
    static final String USER_FIELDS = "created_at,description,entities,location,name,profile_image_url,protected,"
            + "public_metrics,url,username,verified";
    static final String MEDIA_FIELDS = "url,preview_image_url,alt_text,width,height,variants,type";
    static final String PLACE_FIELDS = "country,country_code,full_name,geo,id,name,place_type";
    private static final Duration BACKOFF_BASE = Duration.ofSeconds(1);
    private static final Duration BACKOFF_CAP = Duration.ofSeconds(60);

    private final XApiConfig config;
    private final HttpClient http;
    private final Clock clock;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final ObjectMapper json = new ObjectMapper();
    private Instant notBefore = Instant.MIN;
    private int requests;
    private int retries;
    private Duration waited = Duration.ZERO;

    public XApiClient(XApiConfig config, Clock clock, Sleeper sleeper, RandomGenerator random) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.random = Objects.requireNonNull(random, "random");
        this.http = HttpClient.newBuilder().connectTimeout(config.requestTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Looks a user up by handle ({@code /2/users/by/username/:username}). */
    public XApiResponse userLookup(String handle) {
        String h = handle.startsWith("@") ? handle.substring(1) : handle;
        if (!h.matches("[A-Za-z0-9_]{1,15}")) {
            throw new XApiException("\"" + handle + "\" is not an X handle (1 to 15 letters, digits or _).");
        }
        return get("/2/users/by/username/" + h, params("user.fields", USER_FIELDS));
    }

    /** The user id a {@link #userLookup} response gives, or an exception naming the handle and the API's words. */
    public String userId(XApiResponse lookup, String handle) {
        JsonNode root = parse(lookup);
        JsonNode data = root.path("data");
        if (!data.hasNonNull("id")) {
            String detail = root.path("errors").path(0).path("detail").asText("no user in the answer");
            throw new XApiException("The X API has no account @" + handle + ": " + detail);
        }
        return data.get("id").asText();
    }

    /**
     * One page of a user's timeline ({@code /2/users/:id/tweets}), newest first.
     *
     * @param sinceId         only tweets newer than this id; null for none
     * @param paginationToken the previous page's {@code meta.next_token}; null for the first page
     * @param startTime       oldest creation time wanted; null for none
     * @param endTime         newest creation time wanted; null for none
     */
    public XApiResponse timelinePage(String userId, String sinceId, String paginationToken, Instant startTime,
            Instant endTime) {
        Map<String, String> p = params("tweet.fields", TWEET_FIELDS, "expansions", EXPANSIONS,
                "user.fields", USER_FIELDS, "media.fields", MEDIA_FIELDS, "place.fields", PLACE_FIELDS,
                "max_results", "100");
        putIf(p, "since_id", sinceId);
        putIf(p, "pagination_token", paginationToken);
        putIf(p, "start_time", startTime == null ? null : startTime.toString());
        putIf(p, "end_time", endTime == null ? null : endTime.toString());
        return get("/2/users/" + userId + "/tweets", p);
    }

    /** Looks up at most 100 tweets by id ({@code /2/tweets?ids=}); unavailable ones are in {@code errors}. */
    public XApiResponse lookup(List<String> ids) {
        if (ids.isEmpty() || ids.size() > 100) {
            throw new IllegalArgumentException("a tweet lookup takes 1 to 100 ids, got " + ids.size());
        }
        return get("/2/tweets", params("ids", String.join(",", ids), "tweet.fields", TWEET_FIELDS,
                "expansions", EXPANSIONS, "user.fields", USER_FIELDS, "media.fields", MEDIA_FIELDS,
                "place.fields", PLACE_FIELDS));
    }

    /** HTTP requests sent so far, retries included. */
    public int requests() {
        return requests;
    }

    /** Requests repeated after a 429, a 5xx or a timeout. */
    public int retries() {
        return retries;
    }

    /** Total time spent waiting for rate-limit resets and backoffs. */
    public Duration waited() {
        return waited;
    }

    JsonNode parse(XApiResponse r) {
        try {
            return json.readTree(r.body());
        } catch (IOException e) {
            throw new XApiException("The X API answered " + r.url().getPath() + " with a body that is not JSON: "
                    + e.getMessage(), e);
        }
    }

    private XApiResponse get(String path, Map<String, String> query) {
        URI uri = URI.create(config.baseUrl() + path + "?" + query.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&")));
        int faults = 0;
        int limited = 0;
        while (true) {
            waitUntil(notBefore);
            requests++;
            HttpResponse<byte[]> response;
            try {
                response = http.send(HttpRequest.newBuilder(uri).timeout(config.requestTimeout())
                        .header("Authorization", "Bearer " + config.bearerToken())
                        .header("User-Agent", "chancery").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                faults++;
                giveUpAfter(faults, path, e.getClass().getSimpleName() + " (" + e.getMessage() + ")", e);
                backoff(faults);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new XApiException("Interrupted while calling the X API at " + path + ".", e);
            }
            XApiResponse r = new XApiResponse(uri, response.statusCode(), response.headers().map(), response.body(),
                    clock.instant());
            Instant reset = resetOf(r);
            int status = r.status();
            if ("0".equals(r.header("x-rate-limit-remaining")) && reset != null) {
                notBefore = reset;
            }
            if (status == 429) {
                limited++;
                if (limited >= config.maxAttempts() * 2) {
                    throw new XApiException("The X API kept answering 429 Too Many Requests for " + path + " after "
                            + limited + " attempts; try again later.");
                }
                retries++;
                if (reset != null && reset.isAfter(clock.instant())) {
                    notBefore = reset;
                } else {
                    backoff(limited);
                }
                continue;
            }
            if (status >= 500) {
                faults++;
                giveUpAfter(faults, path, "HTTP " + status, null);
                backoff(faults);
                continue;
            }
            if (status == 401 || status == 403) {
                throw new XApiRefusedException("The X API refused the request for " + path + " with HTTP " + status
                        + (status == 401 ? " Unauthorized: check the bearer token in $" + XApiConfig.TOKEN_ENV + "."
                        : " Forbidden: the app's access level does not allow this endpoint.") + " Capture stopped.");
            }
            if (status != 200) {
                throw new XApiException("The X API answered " + path + " with HTTP " + status + ": "
                        + new String(r.body(), StandardCharsets.UTF_8).strip());
            }
            return r;
        }
    }

    private void giveUpAfter(int faults, String path, String what, Throwable cause) {
        if (faults >= config.maxAttempts()) {
            throw new XApiException("The X API failed " + faults + " times in a row for " + path + " (last: " + what
                    + "); capture stopped, the next run resumes from the saved cursor.", cause);
        }
        retries++;
    }

    private void backoff(int attempt) {
        long base = BACKOFF_BASE.toMillis() << Math.min(attempt - 1, 16);
        long capped = Math.min(base, BACKOFF_CAP.toMillis());
        long jittered = (long) (capped * (0.5 + random.nextDouble() * 0.5));
        notBefore = clock.instant().plusMillis(jittered);
    }

    private void waitUntil(Instant when) {
        Instant now = clock.instant();
        if (when.isAfter(now)) {
            Duration d = Duration.between(now, when);
            waited = waited.plus(d);
            sleeper.sleep(d);
        }
    }

    /** The reset instant a response names, one second late so that the window has surely turned. */
    private static Instant resetOf(XApiResponse r) {
        String reset = r.header("x-rate-limit-reset");
        if (reset == null) {
            return null;
        }
        try {
            return Instant.ofEpochSecond(Long.parseLong(reset.strip())).plusSeconds(1);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Map<String, String> params(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    private static void putIf(Map<String, String> m, String k, String v) {
        if (v != null) {
            m.put(k, v);
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "XApiClient[%s, %d requests]", config.baseUrl(), requests);
    }
}
