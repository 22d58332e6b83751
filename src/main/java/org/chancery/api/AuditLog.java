package org.chancery.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import org.chancery.StorageException;
import org.chancery.record.RawPayload;

/**
 * The audit trail, {@code DATA/audit/audit.jsonl}: one JSON line per audited request, appended and forced to
 * disk before the response is sent. Each line carries {@code prev}, the SHA-256 (hex) of the previous line's
 * bytes (64 zeros for the first), so removing or changing a line breaks the chain from there on.
 */
public final class AuditLog {
    /** The audit file name under the audit folder. */
    public static final String FILE_NAME = "audit.jsonl";
    static final String GENESIS = "0".repeat(64);

    /**
     * One audited request.
     *
     * @param query  the raw query string, or null
     * @param count  how many results the request returned (records, hits, lines); -1 when not a listing
     * @param client the client's address
     */
    public record Line(Instant at, String who, String role, String method, String path, String query, int status,
            long count, String client) {
        public Line {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(who, "who");
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(path, "path");
        }
    }

    private final Path file;
    private final ObjectMapper json = new ObjectMapper();
    private String prev;

    public AuditLog(Path folder) {
        this.file = folder.resolve(FILE_NAME);
        this.prev = null;
    }

    public Path file() {
        return file;
    }

    /** Appends and forces one line; throws {@link StorageException} if that is not possible. */
    public synchronized void append(Line line) {
        try {
            if (prev == null) {
                prev = lastHash();
            }
            ObjectNode n = json.createObjectNode();
            n.put("prev", prev);
            n.put("at", line.at().toString());
            n.put("who", line.who());
            n.put("role", line.role());
            n.put("method", line.method());
            n.put("path", line.path());
            n.put("query", line.query());
            n.put("status", line.status());
            n.put("count", line.count());
            n.put("client", line.client());
            byte[] bytes = json.writeValueAsBytes(n);
            Files.createDirectories(file.getParent());
            byte[] withNewline = new byte[bytes.length + 1];
            System.arraycopy(bytes, 0, withNewline, 0, bytes.length);
            withNewline[bytes.length] = '\n';
            Durable.append(file, withNewline);
            prev = RawPayload.sha256Hex(bytes);
        } catch (IOException | RuntimeException e) {
            // The chain position is unknown after a failed write: read it again next time.
            prev = null;
            throw new StorageException("Cannot write the audit trail " + file + ": " + e.getMessage(), e);
        }
    }

    /** The lines that pass {@code filter}, oldest first, at most {@code limit}, each as its JSON object. */
    public synchronized List<JsonNode> read(Predicate<JsonNode> filter, int limit) {
        List<JsonNode> out = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return out;
        }
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String s = r.readLine(); s != null && out.size() < limit; s = r.readLine()) {
                JsonNode n = json.readTree(s);
                if (filter.test(n)) {
                    out.add(n);
                }
            }
            return out;
        } catch (IOException e) {
            throw new StorageException("Cannot read the audit trail " + file + ": " + e.getMessage(), e);
        }
    }

    private String lastHash() throws IOException {
        if (!Files.isRegularFile(file)) {
            return GENESIS;
        }
        String last = null;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String s = r.readLine(); s != null; s = r.readLine()) {
                if (!s.isEmpty()) {
                    last = s;
                }
            }
        }
        return last == null ? GENESIS : RawPayload.sha256Hex(last.getBytes(StandardCharsets.UTF_8));
    }
}
