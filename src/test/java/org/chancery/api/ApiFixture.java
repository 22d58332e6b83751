package org.chancery.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.chancery.archive.RecordOffice;
import org.chancery.archive.RetentionService;
import org.chancery.cli.CliContext;
import org.chancery.cli.Main;
import org.chancery.config.DataDir;
import org.chancery.retention.HoldScope;
import org.chancery.retention.PolicySet;
import org.chancery.retention.ViewerRole;

/**
 * A real archive behind a real server on port 0: the first items of the real congresstweets day, six of their
 * authors given roles in a registry so that their tweets are public, internal, embargoed, restricted, held and
 * (after a real disposition run) disposed of; one token per role.
 */
final class ApiFixture implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Path DAY = Path.of("src/test/resources/fixtures/congresstweets/2017-07-10.json");
    static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    static final String[] KINDS = {"public", "internal", "embargoed", "restricted", "held", "disposed"};

    final MutableClock clock = new MutableClock(NOW);
    final Path data;
    final PolicySet policySet;
    /** The open archive and the server on it; {@link #stop} and {@link #start} replace them, as a restart does. */
    RecordOffice office;
    ApiServer server;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Kind (see {@link #KINDS}) to the author's tweets, read from the payloads. */
    final Map<String, List<JsonNode>> tweets = new LinkedHashMap<>();
    final Map<String, String> authorOf = new LinkedHashMap<>();
    final Map<ViewerRole, String> tokens = new LinkedHashMap<>();
    final List<JsonNode> items = new ArrayList<>();

    ApiFixture(Path dir) throws Exception {
        data = dir.resolve("data");
        Path input = Files.createDirectories(dir.resolve("input"));
        ArrayNode all = (ArrayNode) JSON.readTree(DAY.toFile());
        ArrayNode some = JSON.createArrayNode();
        for (int i = 0; i < 60; i++) {
            some.add(all.get(i));
            items.add(all.get(i));
        }
        Path day = input.resolve("2017-07-10.json");
        JSON.writeValue(day.toFile(), some);
        // Six authors, in order of first appearance, one per kind of record.
        Map<String, String> handleOf = new LinkedHashMap<>();
        for (JsonNode i : items) {
            handleOf.putIfAbsent(i.path("user_id").asText(), i.path("screen_name").asText());
        }
        List<String> authors = new ArrayList<>(handleOf.keySet()).subList(0, KINDS.length);
        String[] roles = {"senior-official", "staff", "official", "personal", "senior-official", "campaign"};
        StringBuilder registry = new StringBuilder("accounts:\n");
        for (int k = 0; k < KINDS.length; k++) {
            String a = authors.get(k);
            authorOf.put(KINDS[k], a);
            registry.append("  - id: \"").append(a).append("\"\n    name: ").append(handleOf.get(a))
                    .append("\n    roles:\n      - {role: ").append(roles[k]).append("}\n    handles: [")
                    .append(handleOf.get(a)).append("]\n");
            List<JsonNode> own = new ArrayList<>();
            for (JsonNode i : items) {
                if (i.path("user_id").asText().equals(a)) {
                    own.add(i);
                }
            }
            tweets.put(KINDS[k], own);
        }
        Path registryFile = input.resolve("registry.yaml");
        Files.writeString(registryFile, registry, StandardCharsets.UTF_8);
        Path policies = Files.createDirectories(dir.resolve("policies"));
        policy(policies, "public-officials", 100, "senior-official", "retention: permanent\ndisposition: transfer\naccess: public\n");
        policy(policies, "staff-internal", 50, "staff", "retention: permanent\ndisposition: transfer\naccess: internal\n");
        policy(policies, "official-embargoed", 90, "official", "retention: permanent\ndisposition: transfer\naccess: public\n"
                + "embargo: {period: P10Y, access: internal}\n");
        policy(policies, "personal-restricted", 20, "personal", "retention: permanent\ndisposition: transfer\naccess: restricted\n");
        policy(policies, "campaign-destroy", 10, "campaign", "retention:\n  period: P1Y\n  trigger: creation\n"
                + "disposition: destroy\naccess: restricted\n");

        cli("import", day.toString());
        cli("accounts", "import", registryFile.toString());
        PolicySet set = PolicySet.load(policies);
        policySet = set;
        office = RecordOffice.open(new DataDir(data), clock);
        office.placeHold("H-1", "Test matter", "lawyer", new HoldScope(null, Set.of(authorOf.get("held")), null, null));
        RetentionService retention = office.retention(set);
        String plan = retention.plan("alice").id();
        retention.approve(plan, "bob");
        retention.execute(plan, "carol");
        TokenStore store = new TokenStore(data.resolve("tokens"), clock);
        for (ViewerRole r : ViewerRole.values()) {
            if (r != ViewerRole.PUBLIC) {
                tokens.put(r, store.create(r.wireName() + "-token", r, Duration.ofDays(30)));
            }
        }
        server = ApiServer.start(new ApiConfig("127.0.0.1", 0, Duration.ofSeconds(5), new DataDir(data), set), office, clock);
    }

    /** Stops the server, then closes the archive, as a server process stopping does. */
    void stop() {
        server.close();
        office.close();
    }

    /** Opens the archive on the same data folder and starts a new server on it (on a new port). */
    void start() {
        office = RecordOffice.open(new DataDir(data), clock);
        server = ApiServer.start(new ApiConfig("127.0.0.1", 0, Duration.ofSeconds(5), new DataDir(data), policySet),
                office, clock);
    }

    private static void policy(Path dir, String id, int priority, String role, String rest) throws Exception {
        Files.writeString(dir.resolve(id + ".yaml"), "id: " + id + "\nversion: 1\ntitle: " + id
                + "\nauthority:\n  - \"test\"\npriority: " + priority + "\nrules:\n  - id: " + role + "-rule\n    match:\n"
                + "      roles: [" + role + "]\n" + rest, StandardCharsets.UTF_8);
    }

    private void cli(String... args) {
        StringWriter out = new StringWriter();
        List<String> all = new ArrayList<>(List.of("--data", data.toString()));
        all.addAll(List.of(args));
        int code = Main.run(new CliContext(clock, Map.of(), new PrintWriter(out), new PrintWriter(out), false),
                all.toArray(String[]::new));
        if (code != 0) {
            throw new IllegalStateException("chancery " + all + " failed: " + out);
        }
    }

    String firstId(String kind) {
        return tweets.get(kind).get(0).path("id").asText();
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.port() + ApiServer.BASE + pathAndQuery);
    }

    HttpResponse<String> get(String pathAndQuery, ViewerRole role, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(20));
        if (role != null && role != ViewerRole.PUBLIC) {
            b.header("Authorization", "Bearer " + tokens.get(role));
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    HttpResponse<byte[]> getBytes(String pathAndQuery, ViewerRole role) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(pathAndQuery));
        if (role != null && role != ViewerRole.PUBLIC) {
            b.header("Authorization", "Bearer " + tokens.get(role));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            office.close();
        }
    }
}
