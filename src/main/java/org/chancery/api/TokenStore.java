package org.chancery.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.chancery.ForcedWrites;
import org.chancery.InvalidInputException;
import org.chancery.NotFoundException;
import org.chancery.StorageException;
import org.chancery.record.RawPayload;
import org.chancery.retention.ViewerRole;

/**
 * API tokens in {@code DATA/tokens/tokens.json}: each token's name, role, creation, optional expiry and
 * revocation, and only the SHA-256 of the token itself (the token is shown once, when created). The file is
 * replaced atomically and fsynced on every change, and re-read when another process (the CLI) changed it, so a
 * revocation takes effect on the running server's next request.
 */
public final class TokenStore {
    /** Token file name under the tokens folder. */
    public static final String FILE_NAME = "tokens.json";
    private static final String PREFIX = "chy_";

    /**
     * One token's stored facts.
     *
     * @param expiresAt null when the token does not expire
     * @param revokedAt null while the token is valid
     */
    public record Entry(String name, ViewerRole role, String sha256, Instant createdAt, Instant expiresAt,
            Instant revokedAt) {
        public Entry {
            Objects.requireNonNull(name, "token name");
            Objects.requireNonNull(role, "token role");
            Objects.requireNonNull(sha256, "token sha256");
            Objects.requireNonNull(createdAt, "token createdAt");
        }

        public boolean validAt(Instant now) {
            return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
        }
    }

    /** What a bearer token resolves to. */
    public sealed interface Lookup permits Valid, Invalid {}

    public record Valid(Caller caller) implements Lookup {}

    /** @param reason a sentence saying why, without revealing anything about other tokens */
    public record Invalid(String reason) implements Lookup {}

    private final Path file;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    private final SecureRandom random = new SecureRandom();
    private List<Entry> entries = List.of();
    /** The first entry for each token hash (as the file lists them), for the lookup every request makes. */
    private Map<String, Entry> byHash = Map.of();
    private FileTime loadedStamp;
    private long loadedSize = -1;

    public TokenStore(Path folder, Clock clock) {
        this.file = folder.resolve(FILE_NAME);
        this.clock = clock;
    }

    /** Creates a token and returns it; only its hash is kept. */
    public synchronized String create(String name, ViewerRole role, Duration validFor) {
        if (name == null || !name.matches("[A-Za-z0-9._@-]{1,64}")) {
            throw new InvalidInputException("A token name must be 1 to 64 letters, digits or . _ @ -, got \""
                    + name + "\".");
        }
        List<Entry> all = new ArrayList<>(load());
        if (all.stream().anyMatch(e -> e.name().equals(name))) {
            throw new InvalidInputException("A token named \"" + name + "\" already exists; revoke it or pick another name.");
        }
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant now = clock.instant();
        all.add(new Entry(name, role, hash(token), now, validFor == null ? null : now.plus(validFor), null));
        save(all);
        return token;
    }

    /** Every token ever created, revoked ones included. */
    public synchronized List<Entry> list() {
        return load();
    }

    /** Revokes the token named {@code name}. */
    public synchronized Entry revoke(String name) {
        List<Entry> all = new ArrayList<>(load());
        for (int i = 0; i < all.size(); i++) {
            Entry e = all.get(i);
            if (e.name().equals(name)) {
                if (e.revokedAt() != null) {
                    throw new InvalidInputException("The token \"" + name + "\" was already revoked at " + e.revokedAt() + ".");
                }
                Entry revoked = new Entry(e.name(), e.role(), e.sha256(), e.createdAt(), e.expiresAt(), clock.instant());
                all.set(i, revoked);
                save(all);
                return revoked;
            }
        }
        throw new NotFoundException("There is no token named \"" + name + "\".");
    }

    /** Resolves a bearer token now. */
    public Lookup lookup(String token) {
        String h = hash(token);
        Entry e;
        synchronized (this) {
            load();
            e = byHash.get(h);
        }
        if (e == null) {
            return new Invalid("The bearer token is not known.");
        }
        if (e.revokedAt() != null) {
            return new Invalid("The bearer token was revoked.");
        }
        if (!e.validAt(clock.instant())) {
            return new Invalid("The bearer token expired.");
        }
        return new Valid(new Caller(e.name(), e.role()));
    }

    private static String hash(String token) {
        return RawPayload.sha256Hex(token.getBytes(StandardCharsets.UTF_8));
    }

    private List<Entry> load() {
        try {
            BasicFileAttributes attributes;
            try {
                // One stat per request: the token file changes when the CLI creates or revokes a token.
                attributes = Files.readAttributes(file, BasicFileAttributes.class);
            } catch (NoSuchFileException e) {
                attributes = null;
            }
            if (attributes == null || !attributes.isRegularFile()) {
                entries = List.of();
                byHash = Map.of();
                return entries;
            }
            FileTime stamp = attributes.lastModifiedTime();
            long size = attributes.size();
            if (stamp.equals(loadedStamp) && size == loadedSize) {
                return entries;
            }
            List<Entry> read = new ArrayList<>();
            for (JsonNode n : json.readTree(Files.readAllBytes(file)).path("tokens")) {
                read.add(new Entry(n.path("name").asText(), ViewerRole.fromWireName(n.path("role").asText()),
                        n.path("sha256").asText(), Instant.parse(n.path("createdAt").asText()),
                        instant(n.path("expiresAt")), instant(n.path("revokedAt"))));
            }
            entries = List.copyOf(read);
            Map<String, Entry> hashes = new HashMap<>();
            read.forEach(e -> hashes.putIfAbsent(e.sha256(), e));
            byHash = hashes;
            loadedStamp = stamp;
            loadedSize = size;
            return entries;
        } catch (IOException | RuntimeException e) {
            throw new StorageException("Cannot read the token file " + file + ": " + e.getMessage(), e);
        }
    }

    private static Instant instant(JsonNode n) {
        return n.isMissingNode() || n.isNull() ? null : Instant.parse(n.asText());
    }

    private void save(List<Entry> all) {
        ObjectNode root = json.createObjectNode();
        root.put("format", "chancery-tokens/1");
        ArrayNode arr = root.putArray("tokens");
        for (Entry e : all) {
            ObjectNode n = arr.addObject();
            n.put("name", e.name());
            n.put("role", e.role().wireName());
            n.put("sha256", e.sha256());
            n.put("createdAt", e.createdAt().toString());
            n.put("expiresAt", e.expiresAt() == null ? null : e.expiresAt().toString());
            n.put("revokedAt", e.revokedAt() == null ? null : e.revokedAt().toString());
        }
        try {
            ForcedWrites.replace(file, json.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        } catch (IOException e) {
            throw new StorageException("Cannot write the token file " + file + ": " + e.getMessage(), e);
        }
        loadedStamp = null;
        load();
    }

    /** The role named in a command line or request, case-insensitively. */
    public static ViewerRole role(String name) {
        try {
            return ViewerRole.fromWireName(name.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("Unknown role \"" + name + "\"; expected public, staff, archivist, legal or admin.");
        }
    }
}
