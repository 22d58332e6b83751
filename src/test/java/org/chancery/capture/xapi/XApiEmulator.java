package org.chancery.capture.xapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

/**
 * An X API v2 emulator on loopback: user lookup by handle, user timelines (newest first, {@code since_id},
 * {@code start_time}/{@code end_time}, {@code pagination_token}), tweet lookup with {@code errors} for deleted and
 * protected tweets, bearer-token checks (401), a rate-limit window with {@code x-rate-limit-*} headers and 429
 * answers, and scripted 5xx bursts. Tweet, user and media objects are the real ones of the fixtures; time is the
 * test's clock, so a client that does not wait for the reset keeps getting 429s.
 */
final class XApiEmulator implements AutoCloseable {
    static final String TOKEN = "emulator-token-do-not-log";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Clock clock;
    private final Map<String, ObjectNode> users = new HashMap<>();
    private final TreeMap<Long, ObjectNode> tweets = new TreeMap<>();
    private final Map<String, JsonNode> includedTweets = new HashMap<>();
    private final Map<String, JsonNode> media = new HashMap<>();
    private final Set<String> deleted = new HashSet<>();
    private final Set<String> protectedTweets = new HashSet<>();
    private final Deque<Integer> faults = new ArrayDeque<>();
    private final List<String> log = new ArrayList<>();
    private final Set<String> authorizations = new HashSet<>();
    private int pageSize = 100;
    private int limit = Integer.MAX_VALUE;
    private Duration window = Duration.ofMinutes(15);
    private int remaining;
    private Instant windowEnd = Instant.MIN;
    private int tooMany;
    private int stalls;
    private final java.util.concurrent.ExecutorService executor;

    XApiEmulator(Clock clock) throws IOException {
        this.clock = clock;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/2/", this::handleOrStall);
        server.createContext("/media/", this::serveFile);
        // Anything else is a file too: linked documents, fetched through a proxy-style path /<host>/<path>.
        server.createContext("/", this::serveFile);
        executor = java.util.concurrent.Executors.newFixedThreadPool(4);
        server.setExecutor(executor);
        server.start();
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Loads a twarc2 JSONL fixture (optionally gzipped): its tweets, users and media. */
    XApiEmulator load(String resource) throws IOException {
        try (InputStream raw = XApiEmulator.class.getResourceAsStream("/fixtures/xapi/" + resource)) {
            if (raw == null) {
                throw new IOException("no fixture " + resource);
            }
            InputStream in = resource.endsWith(".gz") ? new GZIPInputStream(raw) : raw;
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode page = JSON.readTree(line);
                page.path("data").forEach(t -> put((ObjectNode) t));
                page.path("includes").path("users").forEach(u -> users.putIfAbsent(u.path("id").asText(), (ObjectNode) u));
                page.path("includes").path("tweets").forEach(t -> includedTweets.putIfAbsent(t.path("id").asText(), t));
                page.path("includes").path("media").forEach(m -> media.putIfAbsent(m.path("media_key").asText(), m));
            }
        }
        return this;
    }

    synchronized void put(ObjectNode tweet) {
        tweets.put(Long.parseLong(tweet.path("id").asText()), tweet);
    }

    synchronized void remove(String id) {
        tweets.remove(Long.parseLong(id));
    }

    synchronized void delete(String id) {
        deleted.add(id);
    }

    synchronized void protect(String id) {
        protectedTweets.add(id);
    }

    synchronized XApiEmulator pageSize(int n) {
        pageSize = n;
        return this;
    }

    /** At most {@code requests} requests per window; the window starts at the first request after the last one. */
    synchronized XApiEmulator rateLimit(int requests, Duration length) {
        limit = requests;
        window = length;
        return this;
    }

    /** The next requests answer these statuses (e.g. 503, 503, 500) before normal service resumes. */
    synchronized XApiEmulator failNext(int... statuses) {
        for (int s : statuses) {
            faults.add(s);
        }
        return this;
    }

    /** Every request as received: path and query. */
    synchronized List<String> log() {
        return List.copyOf(log);
    }

    synchronized int tooManyRequestsAnswered() {
        return tooMany;
    }

    /** Every Authorization header value seen (to check the token is sent and nothing else is). */
    synchronized Set<String> authorizations() {
        return Set.copyOf(authorizations);
    }

    synchronized List<String> tweetIdsOf(String userId) {
        return tweets.descendingMap().values().stream().filter(t -> t.path("author_id").asText().equals(userId))
                .map(t -> t.path("id").asText()).toList();
    }

    private final Map<String, byte[]> files = new HashMap<>();
    private final Map<String, String> fileTypes = new HashMap<>();

    /**
     * Gives a media object the {@code variants} a v2 response carries for videos and GIFs (the fixture was
     * captured without them); later responses include them.
     */
    synchronized XApiEmulator variants(String mediaKey, JsonNode variants) {
        ((ObjectNode) media.get(mediaKey)).set("variants", variants);
        return this;
    }

    /** Serves {@code bytes} at {@code path} (a media path, or any other) with this Content-Type, whatever the bytes are. */
    synchronized XApiEmulator file(String path, byte[] bytes, String contentType) {
        files.put(path, bytes);
        fileTypes.put(path, contentType);
        return this;
    }

    private synchronized void serveFile(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            log.add("(file) " + path);
            byte[] body = files.get(path);
            if (body == null) {
                send(ex, 404, "not found".getBytes(StandardCharsets.UTF_8), Map.of());
                return;
            }
            send(ex, 200, body, Map.of("Content-Type", fileTypes.get(path)));
        }
    }

    /** The next {@code n} requests get no answer for {@code STALL}: the client's timeout must fire. */
    synchronized XApiEmulator stallNext(int n) {
        stalls += n;
        return this;
    }

    static final Duration STALL = Duration.ofMillis(1500);

    private void handleOrStall(HttpExchange ex) throws IOException {
        boolean stall;
        synchronized (this) {
            stall = stalls > 0;
            if (stall) {
                stalls--;
                log.add("(stalled) " + ex.getRequestURI().getRawPath());
            }
        }
        if (stall) {
            try {
                Thread.sleep(STALL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.close();
            return;
        }
        handle(ex);
    }

    private synchronized void handle(HttpExchange ex) throws IOException {
        try (ex) {
            URI uri = ex.getRequestURI();
            log.add(uri.getRawPath() + "?" + uri.getRawQuery());
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            authorizations.add(String.valueOf(auth));
            if (!("Bearer " + TOKEN).equals(auth)) {
                send(ex, 401, fixture("filtered-stream-retrieve-rules__401-unauthorized.json"), Map.of());
                return;
            }
            Instant now = clock.instant();
            if (!now.isBefore(windowEnd)) {
                windowEnd = now.plus(window);
                remaining = limit;
            }
            Map<String, String> limits = new LinkedHashMap<>();
            if (limit != Integer.MAX_VALUE) {
                limits.put("x-rate-limit-limit", Integer.toString(limit));
                limits.put("x-rate-limit-reset", Long.toString(windowEnd.getEpochSecond()));
            }
            if (remaining <= 0) {
                tooMany++;
                limits.put("x-rate-limit-remaining", "0");
                send(ex, 429, "{\"title\":\"Too Many Requests\",\"detail\":\"Too Many Requests\",\"type\":\"about:blank\",\"status\":429}"
                        .getBytes(StandardCharsets.UTF_8), limits);
                return;
            }
            remaining--;
            if (limit != Integer.MAX_VALUE) {
                limits.put("x-rate-limit-remaining", Integer.toString(remaining));
            }
            Integer fault = faults.poll();
            if (fault != null) {
                send(ex, fault, ("{\"title\":\"Service Unavailable\",\"status\":" + fault + "}").getBytes(StandardCharsets.UTF_8), limits);
                return;
            }
            Map<String, String> q = query(uri);
            String path = uri.getPath();
            ObjectNode body;
            if (path.startsWith("/2/users/by/username/")) {
                body = userByHandle(path.substring("/2/users/by/username/".length()));
            } else if (path.matches("/2/users/\\d+/tweets")) {
                body = timeline(path.split("/")[3], q);
            } else if (path.equals("/2/tweets")) {
                body = lookup(List.of(q.get("ids").split(",")));
            } else {
                send(ex, 404, "{\"title\":\"Not Found\"}".getBytes(StandardCharsets.UTF_8), limits);
                return;
            }
            send(ex, 200, JSON.writeValueAsBytes(body), limits);
        }
    }

    private ObjectNode userByHandle(String handle) {
        ObjectNode out = JSON.createObjectNode();
        for (ObjectNode u : users.values()) {
            if (u.path("username").asText().equalsIgnoreCase(handle)) {
                out.set("data", u);
                return out;
            }
        }
        ObjectNode e = out.putArray("errors").addObject();
        e.put("detail", "Could not find user with username: [" + handle + "].");
        e.put("title", "Not Found Error");
        e.put("resource_type", "user");
        e.put("parameter", "username");
        e.put("value", handle);
        e.put("type", "https://api.twitter.com/2/problems/resource-not-found");
        return out;
    }

    private ObjectNode timeline(String userId, Map<String, String> q) {
        long since = q.containsKey("since_id") ? Long.parseLong(q.get("since_id")) : Long.MIN_VALUE;
        long below = q.containsKey("pagination_token") ? Long.parseLong(q.get("pagination_token").substring(5))
                : Long.MAX_VALUE;
        Instant start = q.containsKey("start_time") ? Instant.parse(q.get("start_time")) : Instant.MIN;
        Instant end = q.containsKey("end_time") ? Instant.parse(q.get("end_time")) : Instant.MAX;
        int max = Math.min(pageSize, Integer.parseInt(q.getOrDefault("max_results", "10")));
        List<ObjectNode> matching = new ArrayList<>();
        for (ObjectNode t : tweets.descendingMap().values()) {
            long id = Long.parseLong(t.path("id").asText());
            Instant created = Instant.parse(t.path("created_at").asText());
            if (t.path("author_id").asText().equals(userId) && id > since && id < below
                    && !created.isBefore(start) && created.isBefore(end)
                    && !deleted.contains(t.path("id").asText()) && !protectedTweets.contains(t.path("id").asText())) {
                matching.add(t);
            }
        }
        List<ObjectNode> page = matching.subList(0, Math.min(max, matching.size()));
        ObjectNode out = JSON.createObjectNode();
        if (!page.isEmpty()) {
            page.forEach(out.putArray("data")::add);
            includes(out, page);
        }
        ObjectNode meta = out.putObject("meta");
        meta.put("result_count", page.size());
        if (!page.isEmpty()) {
            meta.put("newest_id", page.get(0).path("id").asText());
            meta.put("oldest_id", page.get(page.size() - 1).path("id").asText());
        }
        if (matching.size() > page.size()) {
            meta.put("next_token", "next-" + page.get(page.size() - 1).path("id").asText());
        }
        return out;
    }

    private ObjectNode lookup(List<String> ids) {
        ObjectNode out = JSON.createObjectNode();
        List<ObjectNode> found = new ArrayList<>();
        ArrayNode errors = JSON.createArrayNode();
        JsonNode template = tree(fixture("tweet-lookup-multiple-tweets__200-success-1-deleted-1-valid-tweet.json"))
                .path("errors").path(0);
        for (String id : ids) {
            ObjectNode t = tweets.get(Long.parseLong(id));
            if (t != null && !deleted.contains(id) && !protectedTweets.contains(id)) {
                found.add(t);
                continue;
            }
            ObjectNode e = errors.addObject();
            e.put("value", id);
            if (protectedTweets.contains(id)) {
                e.put("detail", "Sorry, you are not authorized to see the Tweet with ids: [" + id + "].");
                e.put("title", "Authorization Error");
                e.put("resource_type", "tweet");
                e.put("parameter", "ids");
                e.put("resource_id", id);
                e.put("type", "https://api.twitter.com/2/problems/not-authorized-for-resource");
            } else {
                e.put("detail", template.path("detail").asText().replace("1276230436478386177", id));
                e.put("title", template.path("title").asText());
                e.put("resource_type", template.path("resource_type").asText());
                e.put("parameter", template.path("parameter").asText());
                e.put("resource_id", id);
                e.put("type", template.path("type").asText());
            }
        }
        found.sort(Comparator.comparing(t -> ids.indexOf(t.path("id").asText())));
        if (!found.isEmpty()) {
            found.forEach(out.putArray("data")::add);
            includes(out, found);
        }
        if (!errors.isEmpty()) {
            out.set("errors", errors);
        }
        return out;
    }

    /** The expansions a real response carries for these tweets: authors, replied-to users, referenced tweets, media. */
    private void includes(ObjectNode out, List<ObjectNode> page) {
        Map<String, JsonNode> u = new LinkedHashMap<>();
        Map<String, JsonNode> t = new LinkedHashMap<>();
        Map<String, JsonNode> m = new LinkedHashMap<>();
        for (ObjectNode tweet : page) {
            addUser(u, tweet.path("author_id").asText());
            addUser(u, tweet.path("in_reply_to_user_id").asText());
            for (JsonNode ref : tweet.path("referenced_tweets")) {
                JsonNode r = includedTweets.get(ref.path("id").asText());
                if (r != null) {
                    t.put(r.path("id").asText(), r);
                    addUser(u, r.path("author_id").asText());
                }
            }
            for (JsonNode key : tweet.path("attachments").path("media_keys")) {
                JsonNode x = media.get(key.asText());
                if (x != null) {
                    m.put(key.asText(), x);
                }
            }
        }
        ObjectNode inc = out.putObject("includes");
        u.values().forEach(inc.putArray("users")::add);
        if (!t.isEmpty()) {
            t.values().forEach(inc.putArray("tweets")::add);
        }
        if (!m.isEmpty()) {
            m.values().forEach(inc.putArray("media")::add);
        }
    }

    private void addUser(Map<String, JsonNode> into, String id) {
        ObjectNode user = users.get(id);
        if (user != null) {
            into.put(id, user);
        }
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> q = new HashMap<>();
        if (uri.getRawQuery() != null) {
            for (String kv : uri.getRawQuery().split("&")) {
                int eq = kv.indexOf('=');
                q.put(URLDecoder.decode(kv.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return q;
    }

    private static JsonNode tree(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalStateException("fixture is not JSON", e);
        }
    }

    private static byte[] fixture(String name) {
        try (InputStream in = XApiEmulator.class.getResourceAsStream("/fixtures/xapi/" + name)) {
            return in.readAllBytes();
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("fixture " + name + " is missing", e);
        }
    }

    private static void send(HttpExchange ex, int status, byte[] body, Map<String, String> headers) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        headers.forEach(ex.getResponseHeaders()::set);
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
