package org.chancery.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.chancery.api.ApiConfig;
import org.chancery.api.ApiServer;
import org.chancery.api.TokenStore;
import org.chancery.archive.RecordOffice;
import org.chancery.config.DataDir;
import org.chancery.index.Hit;
import org.chancery.index.SearchRequest;
import org.chancery.index.SearchResult;
import org.chancery.index.SortOrder;
import org.chancery.retention.PolicySet;
import org.chancery.retention.ViewerRole;

/**
 * Load on the REST API over the data folder {@code scripts/bench ingest} built: the server runs in this process on
 * a loopback port, clients are threads with one keep-alive connection each ({@link KeepAliveConnection}). Measures GET
 * by id for random archived tweets, then search per query class alone, then search while more replayed tweets
 * (dated after the archived ones) are imported through the API ({@code POST /imports}, as an archivist would).
 *
 * <p>Usage: {@code ApiBench DATA POLICY-DIR SOURCE-DAY.json [IMPORT-COUNT] [all|get|search [ROUNDS]]}: {@code get}
 * runs only the GET by id phases (for profiling that path), {@code search} only the search phases. The 16-client GET
 * phase runs {@code ROUNDS} times (default 2, each reported): the first round after the warm-up still pays for the
 * JIT's last compilations (1.2–1.5× the CPU per request of later rounds), and on a shared machine the least CPU per
 * request of a few rounds is the figure other processes disturbed least.
 */
public final class ApiBench {
    private static final int GET_REQUESTS = 20_000;
    /** Latency is measured with one client (no queueing behind other requests), throughput with many. */
    private static final int GET_LATENCY_REQUESTS = 5_000;
    private static final int GET_CONCURRENCY = 16;
    private static final int SEARCH_REQUESTS = 2_000;
    private static final int SEARCH_CONCURRENCY = 2;
    /**
     * Requests before the GET phases: a server runs for days, so it is measured compiled. On two cores the JIT needs
     * about this many (~50 s of C2 time) for the Jetty + Jersey path; with 20,000 the first phase after the warm-up
     * still cost 1.5–2× the CPU per request of the same phase repeated.
     */
    private static final int WARM = 50_000;
    private static final int SEARCH_WARM = 500;
    private static final Duration MAX_PHASE = Duration.ofMinutes(5);
    private static final String[] WORDS = {"healthcare", "senate", "families", "jobs", "veterans", "budget",
        "tax", "vote", "bill", "community", "school", "energy", "security", "water", "congress", "women"};
    private static final String[] PHRASES = {"health care", "town hall", "white house", "tax reform",
        "small business", "national security", "our veterans", "the senate", "this week", "public lands"};
    private static final String[] HANDLES = {"SenateDems", "HouseGOP", "PattyMurray", "JeffFlake", "RepCicilline",
        "SpeakerRyan", "NancyPelosi", "SenSchumer"};
    private static final String[] TAGS = {"trumpcare", "protectourcare", "aca", "medicaid"};

    /** A class of search requests: a name, the caller's role, and the query string of request {@code i}. */
    private record SearchClass(String name, ViewerRole role, IntFunction<String> query) {}

    /** A GET of {@code target} (path and query) with an optional bearer token. */
    private record Request(String target, String bearer) {}

    /** Where the server listens. */
    private record Endpoint(String host, int port) {}

    /**
     * What one load phase measured: latency per request (ns), statuses, wall time, and the CPU time this process
     * (server and load generator) used, which a shared machine disturbs much less than the wall time.
     */
    private record Load(long[] nanos, Map<Integer, Integer> statuses, long wallNanos, long cpuNanos) {}

    private ApiBench() {}

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        PolicySet policies = PolicySet.load(Path.of(args[1]));
        Path source = Path.of(args[2]);
        int importCount = args.length > 3 ? Integer.parseInt(args[3]) : 20_000;
        boolean getOnly = args.length > 4 && args[4].equals("get");
        boolean searchOnly = args.length > 4 && args[4].equals("search");
        int rounds = args.length > 5 ? Integer.parseInt(args[5]) : 2;
        Clock clock = Clock.systemUTC();
        try (RecordOffice office = RecordOffice.open(new DataDir(data), clock)) {
            long started = System.nanoTime();
            ApiServer server = ApiServer.start(new ApiConfig("127.0.0.1", 0, Duration.ofSeconds(10), new DataDir(data),
                    policies), office, clock);
            System.out.printf(Locale.ROOT, "server up in %.1f s (includes indexing access facts if the policy set"
                    + " changed)%n", (System.nanoTime() - started) / 1e9);
            try {
                run(office, server.port(), data, source, importCount, getOnly, searchOnly, rounds, clock);
            } finally {
                server.close();
            }
        }
    }

    private static void run(RecordOffice office, int port, Path data, Path source, int importCount, boolean getOnly,
            boolean searchOnly, int rounds, Clock clock) throws Exception {
        TokenStore tokens = new TokenStore(data.resolve("tokens"), clock);
        Map<ViewerRole, String> bearer = new TreeMap<>();
        for (ViewerRole r : List.of(ViewerRole.STAFF, ViewerRole.ARCHIVIST, ViewerRole.ADMIN)) {
            bearer.put(r, tokens.create("bench-" + r.wireName() + "-" + System.currentTimeMillis(), r, Duration.ofHours(6)));
        }
        String base = ApiServer.BASE;
        Endpoint client = new Endpoint("127.0.0.1", port);

        SearchResult newest = office.search(SearchRequest.of("since:2000-01-01").withSort(SortOrder.DATE_DESC).withLimit(1));
        System.out.printf(Locale.ROOT, "archive: %,d tweets in the index%n", newest.total());
        List<String> ids = sampleIds(office, newest, 20_000);

        Random random = new Random(42);
        String[] picked = new String[GET_REQUESTS + WARM];
        for (int i = 0; i < picked.length; i++) {
            picked[i] = ids.get(random.nextInt(ids.size()));
        }
        IntFunction<Request> get = i -> new Request(base + "/tweets/" + picked[i], bearer.get(ViewerRole.ADMIN));
        if (!searchOnly) {
            getPhases(client, get, base, rounds);
        }
        if (getOnly) {
            return;
        }
        searchPhases(office, client, base, bearer, data, source, importCount, newest);
    }

    private static void getPhases(Endpoint client, IntFunction<Request> get, String base, int rounds)
            throws InterruptedException {
        load(client, i -> get.apply(GET_REQUESTS + i % WARM), WARM, GET_CONCURRENCY, null);
        System.out.printf(Locale.ROOT, "%s GET phases start%n", java.time.Instant.now());
        for (int round = 0; round < rounds; round++) {
            Load byId = load(client, get, GET_REQUESTS, GET_CONCURRENCY, null);
            report(String.format(Locale.ROOT, "GET /tweets/{id} (admin, %d clients)", GET_CONCURRENCY), byId);
        }
        report("GET /tweets/{id} (admin, 1 client)", load(client, get, GET_LATENCY_REQUESTS, 1, null));
        System.out.printf(Locale.ROOT, "%s GET phases end%n", java.time.Instant.now());
        // The floor under every endpoint: Jetty, Jersey and the access filter, without archive work or audit line.
        IntFunction<Request> health = i -> new Request(base + "/health", null);
        load(client, health, WARM, GET_CONCURRENCY, null);
        report(String.format(Locale.ROOT, "GET /health (floor, %d clients)", GET_CONCURRENCY),
                load(client, health, GET_REQUESTS, GET_CONCURRENCY, null));
        // The same with an audit line: the latest signed checkpoint is a small text kept in memory.
        IntFunction<Request> checkpoint = i -> new Request(base + "/checkpoint", null);
        load(client, checkpoint, WARM / 4, GET_CONCURRENCY, null);
        report(String.format(Locale.ROOT, "GET /checkpoint (floor + audit line, %d clients)", GET_CONCURRENCY),
                load(client, checkpoint, GET_REQUESTS, GET_CONCURRENCY, null));
    }

    private static void searchPhases(RecordOffice office, Endpoint client, String base, Map<ViewerRole, String> bearer,
            Path data, Path source, int importCount, SearchResult newest) throws Exception {

        List<SearchClass> classes = List.of(
                new SearchClass("term (staff)", ViewerRole.STAFF, i -> WORDS[i % WORDS.length]),
                new SearchClass("phrase (staff)", ViewerRole.STAFF, i -> "\"" + PHRASES[i % PHRASES.length] + "\""),
                new SearchClass("operators (staff)", ViewerRole.STAFF, i -> "from:" + HANDLES[i % HANDLES.length]
                        + " (#" + TAGS[i % TAGS.length] + " OR @POTUS) -is:retweet"),
                new SearchClass("newest by date (staff)", ViewerRole.STAFF, i -> WORDS[i % WORDS.length] + "&sort=newest"),
                new SearchClass("faceted (staff)", ViewerRole.STAFF, i -> WORDS[i % WORDS.length]
                        + "&facets=account,month,lang,type"),
                new SearchClass("term (public)", ViewerRole.PUBLIC, i -> WORDS[i % WORDS.length]),
                new SearchClass("term (admin)", ViewerRole.ADMIN, i -> WORDS[i % WORDS.length]));
        for (SearchClass c : classes) {
            IntFunction<Request> r = i -> searchRequest(base, c, i, bearer);
            load(client, r, SEARCH_WARM, SEARCH_CONCURRENCY, null);
            report(String.format(Locale.ROOT, "search %s alone, %d clients", c.name(), SEARCH_CONCURRENCY),
                    load(client, r, SEARCH_REQUESTS, SEARCH_CONCURRENCY, null));
        }

        Path replay = data.resolveSibling("api-bench-replay-" + System.currentTimeMillis());
        LocalDate firstDay = newest.hits().getFirst().createdAt().atZone(ZoneOffset.UTC).toLocalDate().plusDays(1);
        CorpusReplay.write(source, importCount, replay, firstDay);
        AtomicBoolean importing = new AtomicBoolean(true);
        AtomicLong imported = new AtomicLong();
        long[] importNanos = new long[1];
        Throwable[] failure = new Throwable[1];
        Thread importer = Thread.ofPlatform().name("bench-import").start(() -> {
            long t0 = System.nanoTime();
            try {
                importReplay(client, replay, bearer.get(ViewerRole.ARCHIVIST), imported);
            } catch (Throwable e) {
                failure[0] = e;
            } finally {
                importNanos[0] = System.nanoTime() - t0;
                importing.set(false);
            }
        });
        int n = classes.size();
        Load during = load(client, i -> searchRequest(base, classes.get(i % n), i / n, bearer), Integer.MAX_VALUE,
                SEARCH_CONCURRENCY, importing);
        importer.join();
        deleteTree(replay);
        if (failure[0] != null) {
            throw new IllegalStateException("The concurrent import failed: " + failure[0], failure[0]);
        }
        System.out.printf(Locale.ROOT, "concurrent import: %,d tweets in %.1f s = %.0f tweets/s%n", imported.get(),
                importNanos[0] / 1e9, imported.get() / (importNanos[0] / 1e9));
        for (int c = 0; c < n; c++) {
            int k = c;
            long[] mine = java.util.stream.IntStream.range(0, during.nanos().length).filter(i -> i % n == k)
                    .mapToLong(i -> during.nanos()[i]).filter(v -> v > 0).toArray();
            report(String.format(Locale.ROOT, "search %s during import", classes.get(c).name()),
                    new Load(mine, Map.of(), 0, 0));
        }
        report(String.format(Locale.ROOT, "search, all classes during import, %d clients", SEARCH_CONCURRENCY), during);
    }

    /** Ids of archived tweets from random days between the oldest and newest, at most {@code max}. */
    private static List<String> sampleIds(RecordOffice office, SearchResult newest, int max) {
        LocalDate last = newest.hits().getFirst().createdAt().atZone(ZoneOffset.UTC).toLocalDate();
        SearchResult oldest = office.search(SearchRequest.of("since:2000-01-01").withSort(SortOrder.DATE_ASC).withLimit(1));
        LocalDate first = oldest.hits().getFirst().createdAt().atZone(ZoneOffset.UTC).toLocalDate();
        long days = last.toEpochDay() - first.toEpochDay() + 1;
        Random random = new Random(7);
        List<String> ids = new ArrayList<>();
        for (int tries = 0; tries < 200 && ids.size() < max; tries++) {
            LocalDate d = first.plusDays(random.nextLong(days));
            SearchResult r = office.search(SearchRequest.of("since:" + d + " until:" + d.plusDays(1)).withLimit(500));
            r.hits().stream().map(Hit::id).forEach(ids::add);
        }
        System.out.printf(Locale.ROOT, "GET sample: %,d ids from %s to %s%n", ids.size(), first, last);
        return ids;
    }

    /**
     * Imports the replayed days as a client would while the archive is served: one upload of all of them
     * ({@code POST /imports}, as an archivist), then the job is polled until it is done.
     */
    private static void importReplay(Endpoint client, Path replay, String bearer, AtomicLong imported)
            throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(replay)) {
            files = s.sorted(Comparator.naturalOrder()).toList();
        }
        // The days' arrays joined into one congresstweets array: one job, one commit, as `chancery import DIR` does.
        ObjectMapper json = new ObjectMapper();
        ArrayNode all = json.createArrayNode();
        for (Path f : files) {
            all.addAll((ArrayNode) json.readTree(f.toFile()));
        }
        String base = "http://" + client.host() + ":" + client.port() + ApiServer.BASE;
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(
                URI.create(base + "/imports?name=replay.json&format=congresstweets"))
                .header("Authorization", "Bearer " + bearer)
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(all))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 202) {
            throw new IllegalStateException("POST /imports answered " + created.statusCode() + ": " + created.body());
        }
        String job = json.readTree(created.body()).path("id").asText();
        long deadline = System.nanoTime() + MAX_PHASE.toNanos();
        while (System.nanoTime() < deadline) {
            Thread.sleep(200);
            JsonNode status = json.readTree(http.send(HttpRequest
                    .newBuilder(URI.create(base + "/imports/" + job)).header("Authorization", "Bearer " + bearer)
                    .build(), HttpResponse.BodyHandlers.ofString()).body());
            switch (status.path("status").asText()) {
                case "done" -> {
                    if (status.path("rejected").asLong() > 0) {
                        throw new IllegalStateException("replayed tweets were rejected: " + status);
                    }
                    imported.set(status.path("result").path("added").asLong());
                    return;
                }
                case "failed" -> throw new IllegalStateException("the import job failed: " + status);
                case "queued", "running" -> { }
                default -> throw new IllegalStateException("unexpected job status: " + status);
            }
        }
        throw new IllegalStateException("the import job did not finish within " + MAX_PHASE);
    }

    private static Request searchRequest(String base, SearchClass c, int i, Map<ViewerRole, String> bearer) {
        String q = c.query().apply(i);
        int amp = q.indexOf('&');
        String rest = amp < 0 ? "" : q.substring(amp);
        String text = amp < 0 ? q : q.substring(0, amp);
        return new Request(base + "/search?q=" + URLEncoder.encode(text, StandardCharsets.UTF_8) + rest,
                bearer.get(c.role()));
    }

    /**
     * Sends up to {@code total} requests from {@code concurrency} threads, each with its own keep-alive connection,
     * stopping early after {@link #MAX_PHASE} or, when {@code whileTrue} is given, as soon as it turns false.
     */
    private static Load load(Endpoint client, IntFunction<Request> requests, int total, int concurrency,
            AtomicBoolean whileTrue) throws InterruptedException {
        int capacity = total == Integer.MAX_VALUE ? 2_000_000 : total;
        long[] nanos = new long[capacity];
        AtomicInteger next = new AtomicInteger();
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        long start = System.nanoTime();
        long cpuStart = processCpuNanos();
        long deadline = start + MAX_PHASE.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < concurrency; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try (KeepAliveConnection connection = new KeepAliveConnection(client.host(), client.port())) {
                    for (int i = next.getAndIncrement(); i < capacity && System.nanoTime() < deadline
                            && (whileTrue == null || whileTrue.get()); i = next.getAndIncrement()) {
                        Request r = requests.apply(i);
                        long t0 = System.nanoTime();
                        int status;
                        try {
                            status = connection.get(r.target(), r.bearer());
                        } catch (IOException e) {
                            status = -1;
                        }
                        nanos[i] = System.nanoTime() - t0;
                        statuses.merge(status, 1, Integer::sum);
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        long wall = System.nanoTime() - start;
        int done = Math.min(next.get(), capacity);
        return new Load(Arrays.copyOf(nanos, done), statuses, wall, processCpuNanos() - cpuStart);
    }

    private static void report(String name, Load load) {
        long[] sorted = Arrays.stream(load.nanos()).filter(v -> v > 0).sorted().toArray();
        if (sorted.length == 0) {
            System.out.printf(Locale.ROOT, "%-58s no requests%n", name);
            return;
        }
        String rate = load.wallNanos() > 0
                ? String.format(Locale.ROOT, "  %,8.0f req/s  %,5.0f µs CPU/req", sorted.length / (load.wallNanos() / 1e9),
                        load.cpuNanos() / 1e3 / sorted.length) : "";
        System.out.printf(Locale.ROOT, "%-58s n %6d  p50 %6.2f ms  p99 %6.2f ms  max %7.2f ms%s  %s%n", name,
                sorted.length, sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.99)] / 1e6,
                sorted[sorted.length - 1] / 1e6, rate, load.statuses().isEmpty() ? "" : "statuses " + new TreeMap<>(load.statuses()));
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
