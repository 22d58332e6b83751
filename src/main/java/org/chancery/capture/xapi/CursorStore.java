package org.chancery.capture.xapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.chancery.StorageException;

/** One small JSON file per account, {@code cursors/<handle>.json}, replaced atomically and fsynced on each save. */
public final class CursorStore {
    private final Path root;
    private final ObjectMapper json = new ObjectMapper();

    public CursorStore(Path root) {
        this.root = root;
    }

    public Optional<Cursor> find(String handle) {
        Path file = file(handle);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            JsonNode n = json.readTree(file.toFile());
            JsonNode r = n.path("run");
            Cursor.Run run = r.isObject() ? new Cursor.Run(text(r, "sinceId"), text(r, "paginationToken"),
                    text(r, "newestId"), r.path("pages").asInt()) : null;
            return Optional.of(new Cursor(n.path("handle").asText(), n.path("userId").asText(), text(n, "sinceId"), run));
        } catch (IOException | NullPointerException e) {
            throw new StorageException("The capture cursor " + file + " cannot be read (" + e.getMessage()
                    + "); delete it to capture the account from scratch (already archived tweets are recognised).", e);
        }
    }

    public void save(Cursor c) {
        ObjectNode n = json.createObjectNode();
        n.put("handle", c.handle());
        n.put("userId", c.userId());
        n.put("sinceId", c.sinceId());
        if (c.run() != null) {
            ObjectNode r = n.putObject("run");
            r.put("sinceId", c.run().sinceId());
            r.put("paginationToken", c.run().paginationToken());
            r.put("newestId", c.run().newestId());
            r.put("pages", c.run().pages());
        }
        try {
            DurableFile.replace(file(c.handle()), json.writeValueAsBytes(n));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new StorageException("Cannot encode the capture cursor of @" + c.handle() + ": " + e.getMessage(), e);
        }
    }

    private Path file(String handle) {
        return root.resolve(handle.toLowerCase(Locale.ROOT) + ".json");
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
