package org.chancery.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.chancery.StorageException;

/**
 * {@code DATA/media/}: {@code <sha256[0:2]>/<sha256>} files, {@code media.jsonl} (one {@link MediaFile} a line)
 * and {@code failures.jsonl} (tweet, media key, URL, problem, time).
 */
public final class MediaStore {
    private final Path root;
    private final ObjectMapper json = new ObjectMapper();

    public MediaStore(Path root) {
        this.root = root;
    }

    /** Keeps the bytes (forced to disk) and then records the file. */
    public void put(MediaFile file, byte[] bytes) {
        Path target = file(file.sha256());
        try {
            if (!Files.exists(target)) {
                Files.createDirectories(target.getParent());
                Path tmp = target.resolveSibling(file.sha256() + ".tmp");
                write(tmp, bytes, false);
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            ObjectNode n = json.createObjectNode();
            n.put("tweetId", file.tweetId());
            n.put("mediaKey", file.mediaKey());
            n.put("url", file.url());
            n.put("sha256", file.sha256());
            n.put("bytes", file.bytes());
            n.put("detectedType", file.detectedType());
            n.put("declaredType", file.declaredType());
            n.put("fetchedAt", file.fetchedAt().toString());
            write(root.resolve("media.jsonl"), (json.writeValueAsString(n) + "\n").getBytes(StandardCharsets.UTF_8), true);
        } catch (IOException e) {
            throw new StorageException("Cannot keep media " + file.mediaKey() + " of tweet <" + file.tweetId() + "> in "
                    + root + ": " + e.getMessage(), e);
        }
    }

    /** Records a failed download; it is tried again on the next fetch. */
    public void failed(String tweetId, String mediaKey, String url, String problem, Instant at) {
        ObjectNode n = json.createObjectNode();
        n.put("tweetId", tweetId);
        n.put("mediaKey", mediaKey);
        n.put("url", url);
        n.put("problem", problem);
        n.put("at", at.toString());
        try {
            Files.createDirectories(root);
            write(root.resolve("failures.jsonl"), (json.writeValueAsString(n) + "\n").getBytes(StandardCharsets.UTF_8), true);
        } catch (IOException e) {
            throw new StorageException("Cannot record a failed media download in " + root + ": " + e.getMessage(), e);
        }
    }

    /** Every file recorded, oldest first. */
    public List<MediaFile> list() {
        List<MediaFile> out = new ArrayList<>();
        Path index = root.resolve("media.jsonl");
        if (!Files.exists(index)) {
            return out;
        }
        try {
            for (String line : Files.readAllLines(index, StandardCharsets.UTF_8)) {
                JsonNode n;
                try {
                    n = json.readTree(line);
                } catch (IOException torn) {
                    continue;
                }
                if (n == null || !n.isObject()) {
                    continue;
                }
                out.add(new MediaFile(n.path("tweetId").asText(), n.path("mediaKey").asText(), n.path("url").asText(),
                        n.path("sha256").asText(), n.path("bytes").asLong(), n.path("detectedType").asText(),
                        n.hasNonNull("declaredType") ? n.get("declaredType").asText() : null,
                        Instant.parse(n.path("fetchedAt").asText())));
            }
        } catch (IOException e) {
            throw new StorageException("Cannot read " + index + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** The bytes of a kept file. */
    public byte[] read(String sha256) {
        try {
            return Files.readAllBytes(file(sha256));
        } catch (IOException e) {
            throw new StorageException("Cannot read media file " + file(sha256) + ": " + e.getMessage(), e);
        }
    }

    private Path file(String sha) {
        return root.resolve(sha.substring(0, 2)).resolve(sha);
    }

    private static void write(Path file, byte[] bytes, boolean append) throws IOException {
        try (FileChannel ch = append
                ? FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)
                : FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        }
    }
}
