package org.chancery.media;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import org.chancery.ForcedWrites;
import org.chancery.StorageException;

/**
 * {@code DATA/media/failures.jsonl}: one line per failed download (tweet, what, URL, problem, time). Bookkeeping
 * only: what is kept lives in the tweets' OCFL objects, and a failed download is simply tried again on the next
 * run because the object does not list it.
 */
public final class FailureLog {
    private final Path file;
    private final ObjectMapper json = new ObjectMapper();

    /** @param dir the folder of {@code failures.jsonl}, created on first failure */
    public FailureLog(Path dir) {
        this.file = dir.resolve("failures.jsonl");
    }

    public Path file() {
        return file;
    }

    /** Appends one failure and forces it to disk. */
    public void failed(String tweetId, String key, String url, String problem, Instant at) {
        ObjectNode n = json.createObjectNode();
        n.put("tweetId", tweetId);
        n.put("key", key);
        n.put("url", url);
        n.put("problem", problem);
        n.put("at", at.toString());
        try {
            byte[] bytes = (json.writeValueAsString(n) + "\n").getBytes(StandardCharsets.UTF_8);
            ForcedWrites.append(file, bytes);
        } catch (IOException e) {
            throw new StorageException("Cannot record a failed download in " + file + ": " + e.getMessage(), e);
        }
    }
}
