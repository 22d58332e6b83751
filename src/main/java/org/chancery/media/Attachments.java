package org.chancery.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.chancery.StorageException;
import org.chancery.record.RawPayload;
import org.chancery.store.AttachedFile;
import org.chancery.store.OcflArchive;

/**
 * The attachments kept in tweets' OCFL objects: content files under {@code media/} and {@code documents/}, the
 * text extracted from documents beside them ({@code documents/<sha256>.txt}), and for each batch one metadata
 * file {@code attachments/<sha256 of its bytes>.jsonl} with one {@link Attachment} a line. Everything is read
 * back from the store, so the search index can be rebuilt from it.
 */
public final class Attachments {
    /** Folder of the metadata files in an object. */
    public static final String METADATA = "attachments/";
    /** Downloads of one object held in memory before they are added as a version; a run may add several. */
    static final long FLUSH_BYTES = 256L * 1024 * 1024;

    private final OcflArchive store;
    private final ObjectMapper json = new ObjectMapper();

    public Attachments(OcflArchive store) {
        this.store = store;
    }

    /**
     * A file to keep.
     *
     * @param attachment its metadata line
     * @param bytes      its content
     * @param text       the extracted text (UTF-8) to keep at {@link Attachment#textPath()}; null when none
     */
    public record Kept(Attachment attachment, byte[] bytes, byte[] text) implements Fetch {}

    /**
     * Adds files to one object as one new version: the content files, their texts and one metadata file.
     *
     * @return the new version's name
     */
    public String add(String objectId, List<Kept> kept) {
        List<AttachedFile> files = new ArrayList<>();
        StringBuilder lines = new StringBuilder();
        for (Kept k : kept) {
            Attachment a = k.attachment();
            files.add(new AttachedFile(a.path(), k.bytes()));
            if (k.text() != null) {
                files.add(new AttachedFile(a.textPath(), k.text()));
            }
            lines.append(line(a)).append('\n');
        }
        byte[] metadata = lines.toString().getBytes(StandardCharsets.UTF_8);
        files.add(new AttachedFile(METADATA + RawPayload.sha256Hex(metadata) + ".jsonl", metadata));
        return store.addFiles(objectId, files, kept.size() + " attachment(s) of tweets");
    }

    /** Every attachment recorded in an object, in metadata-file order. */
    public List<Attachment> list(String objectId) {
        List<Attachment> out = new ArrayList<>();
        if (!store.mayHoldAddedFiles(objectId)) {
            return out; // most objects: answered from memory, without reading the inventory
        }
        for (String path : store.listFiles(objectId, METADATA)) {
            String text = new String(store.readFile(objectId, path), StandardCharsets.UTF_8);
            for (String line : text.split("\n")) {
                if (!line.isBlank()) {
                    out.add(parse(objectId, path, line));
                }
            }
        }
        return out;
    }

    /** The text extracted from the documents each tweet of an object links to, by tweet id; empty when none. */
    public Map<String, String> texts(String objectId) {
        Map<String, StringBuilder> by = new TreeMap<>();
        Map<String, Boolean> seen = new LinkedHashMap<>();
        for (Attachment a : list(objectId)) {
            if (a.textPath() != null && seen.put(a.tweetId() + " " + a.textPath(), Boolean.TRUE) == null) {
                StringBuilder b = by.computeIfAbsent(a.tweetId(), x -> new StringBuilder());
                b.append(b.isEmpty() ? "" : "\n\n")
                        .append(new String(store.readFile(objectId, a.textPath()), StandardCharsets.UTF_8));
            }
        }
        Map<String, String> out = new TreeMap<>();
        by.forEach((id, b) -> out.put(id, b.toString()));
        return out;
    }

    private String line(Attachment a) {
        ObjectNode n = json.createObjectNode();
        n.put("tweetId", a.tweetId());
        n.put("kind", a.kind());
        n.put("key", a.key());
        n.put("url", a.url());
        n.put("path", a.path());
        n.put("sha256", a.sha256());
        n.put("bytes", a.bytes());
        n.put("detectedType", a.detectedType());
        n.put("declaredType", a.declaredType());
        n.put("fetchedAt", a.fetchedAt().toString());
        ObjectNode m = n.putObject("metadata");
        new TreeMap<>(a.metadata()).forEach(m::put);
        n.put("textPath", a.textPath());
        try {
            return json.writeValueAsString(n);
        } catch (IOException e) {
            throw new IllegalStateException("An attachment line could not be written as JSON.", e);
        }
    }

    private Attachment parse(String objectId, String path, String line) {
        try {
            JsonNode n = json.readTree(line);
            Map<String, String> metadata = new TreeMap<>();
            n.path("metadata").properties().forEach(e -> metadata.put(e.getKey(), e.getValue().asText()));
            return new Attachment(n.path("tweetId").asText(), n.path("kind").asText(), n.path("key").asText(),
                    text(n, "url"), n.path("path").asText(), n.path("sha256").asText(), n.path("bytes").asLong(),
                    text(n, "detectedType"), text(n, "declaredType"), Instant.parse(n.path("fetchedAt").asText()),
                    metadata, text(n, "textPath"));
        } catch (IOException | RuntimeException e) {
            throw new StorageException("The attachment metadata " + path + " of OCFL object " + objectId
                    + " has a line that is not a valid attachment: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asText() : null;
    }
}
