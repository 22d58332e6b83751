package org.chancery.capture.xapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.chancery.ForcedWrites;
import org.chancery.StorageException;

/**
 * {@code runs.jsonl}: one line per capture run, appended and forced to disk when the run ends. A line cut short by
 * a crash is skipped on reading (the run it described left its cursor, so nothing is lost but the statement).
 */
public final class RunLog {
    private final Path file;
    private final ObjectMapper json = new ObjectMapper();

    public RunLog(Path file) {
        this.file = file;
    }

    public void append(RunRecord r) {
        ObjectNode n = json.createObjectNode();
        n.put("handle", r.handle());
        n.put("userId", r.userId());
        n.put("backfill", r.backfill());
        n.put("startedAt", r.startedAt().toString());
        n.put("endedAt", r.endedAt().toString());
        n.put("pages", r.pages());
        n.put("tweets", r.tweets());
        n.put("added", r.added());
        n.put("complete", r.complete());
        n.put("oldestTweet", r.oldestTweet() == null ? null : r.oldestTweet().toString());
        n.put("error", r.error());
        try {
            byte[] line = (json.writeValueAsString(n) + "\n").getBytes(StandardCharsets.UTF_8);
            ForcedWrites.append(file, line);
        } catch (IOException e) {
            throw new StorageException("Cannot append to the capture run log " + file + ": " + e.getMessage(), e);
        }
    }

    /** Every complete line, oldest first. */
    public List<RunRecord> list() {
        List<RunRecord> out = new ArrayList<>();
        if (!Files.exists(file)) {
            return out;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                JsonNode n;
                try {
                    n = json.readTree(line);
                } catch (IOException torn) {
                    continue;
                }
                if (n == null || !n.isObject()) {
                    continue;
                }
                out.add(new RunRecord(n.path("handle").asText(), n.path("userId").asText(), n.path("backfill").asBoolean(),
                        Instant.parse(n.path("startedAt").asText()), Instant.parse(n.path("endedAt").asText()),
                        n.path("pages").asInt(), n.path("tweets").asInt(), n.path("added").asInt(),
                        n.path("complete").asBoolean(),
                        n.hasNonNull("oldestTweet") ? Instant.parse(n.get("oldestTweet").asText()) : null,
                        n.hasNonNull("error") ? n.get("error").asText() : null));
            }
        } catch (IOException e) {
            throw new StorageException("Cannot read the capture run log " + file + ": " + e.getMessage(), e);
        }
        return out;
    }
}
