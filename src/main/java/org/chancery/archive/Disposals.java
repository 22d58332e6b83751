package org.chancery.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.chancery.StorageException;

/**
 * Disposition certificates kept in {@code DATA/disposition/certificates/}: {@code DC-….json} holds each
 * certificate's canonical bytes (also logged in the ledger), and {@code DC-….purging} marks a certificate whose
 * objects may not all be purged yet (written before the purge, removed after it and the index update), so an
 * interrupted execution is completed on the next open. Answers "which certificate disposed of this tweet?".
 */
final class Disposals {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path dir;
    private final Map<String, Disposal> byTweet = new HashMap<>();
    private final Map<String, Long> leaves = new HashMap<>();

    private Disposals(Path dir) {
        this.dir = dir;
    }

    static Disposals open(Path dir) {
        Disposals d = new Disposals(dir);
        for (Path f : d.files(".json")) {
            d.add(DurableFiles.read(f), f.toString());
        }
        return d;
    }

    Path certificateFile(String certificateId) {
        return dir.resolve(certificateId + ".json");
    }

    Path purgeMarker(String certificateId) {
        return dir.resolve(certificateId + ".purging");
    }

    /** Certificates whose purge may not have finished: their object and tweet ids. */
    List<JsonNode> unfinished() {
        List<JsonNode> out = new ArrayList<>();
        for (Path marker : files(".purging")) {
            String id = marker.getFileName().toString().replace(".purging", "");
            Path cert = certificateFile(id);
            if (Files.isRegularFile(cert)) {
                out.add(parse(DurableFiles.read(cert), cert.toString()));
            } else {
                DurableFiles.delete(marker);
            }
        }
        return out;
    }

    synchronized void add(byte[] certificate, String source) {
        JsonNode c = parse(certificate, source);
        String json = new String(certificate, StandardCharsets.UTF_8);
        for (JsonNode o : c.path("objects")) {
            for (JsonNode r : o.path("records")) {
                byTweet.put(r.path("tweetId").asText(), new Disposal(r.path("tweetId").asText(),
                        o.path("objectId").asText(), c.path("id").asText(), Instant.parse(c.path("executedAt").asText()),
                        r.path("policy").asText(), r.path("policyVersion").asInt(), r.path("rule").asText(), json,
                        Optional.empty()));
            }
        }
    }

    synchronized void logged(String certificateId, long leaf) {
        leaves.put(certificateId, leaf);
    }

    synchronized Optional<Disposal> find(String tweetId) {
        return Optional.ofNullable(byTweet.get(tweetId));
    }

    /** The certificate's index in the log, if known from this process. */
    synchronized Optional<Long> leaf(String certificateId) {
        return Optional.ofNullable(leaves.get(certificateId));
    }

    static JsonNode parse(byte[] bytes, String source) {
        try {
            JsonNode c = JSON.readTree(bytes);
            if (c == null || !"disposition-certificate".equals(c.path("event").asText())) {
                throw new StorageException("The file " + source + " is not a disposition certificate.");
            }
            return c;
        } catch (IOException e) {
            throw new StorageException("The disposition certificate " + source + " is not JSON: " + e.getMessage(), e);
        }
    }

    private List<Path> files(String suffix) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith("DC-") && p.getFileName().toString().endsWith(suffix))
                    .sorted().toList();
        } catch (IOException e) {
            throw new StorageException("Could not list " + dir + ": " + e.getMessage(), e);
        }
    }
}
