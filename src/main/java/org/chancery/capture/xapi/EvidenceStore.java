package org.chancery.capture.xapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.chancery.StorageException;
import org.chancery.record.RawPayload;

/**
 * Keeps every X API response the harvester read, content-addressed by the SHA-256 of its body:
 * {@code evidence/<first two hex digits>/<sha256>.body} holds the body byte for byte, and
 * {@code <sha256>.json} the request URL, status, response headers and receipt time of the first response that
 * carried it. The bearer token is never among them: it is a request header, and request headers are not kept.
 * Both files are forced to disk before {@link #put} returns.
 */
public final class EvidenceStore {
    private final Path root;
    private final ObjectMapper json = new ObjectMapper();

    public EvidenceStore(Path root) {
        this.root = root;
    }

    /** Keeps the response and returns the SHA-256 (lower-case hex) of its body. */
    public String put(XApiResponse r) {
        String sha = RawPayload.sha256Hex(r.body());
        Path body = bodyFile(sha);
        if (!Files.exists(body)) {
            DurableFile.replace(body, r.body());
        }
        Path meta = body.resolveSibling(sha + ".json");
        if (!Files.exists(meta)) {
            ObjectNode m = json.createObjectNode();
            m.put("url", r.url().toString());
            m.put("status", r.status());
            ObjectNode headers = m.putObject("headers");
            r.headers().forEach((k, v) -> {
                if (!k.equals("authorization") && !k.equals("set-cookie")) {
                    v.forEach(headers.putArray(k)::add);
                }
            });
            m.put("receivedAt", r.receivedAt().toString());
            m.put("bodySha256", sha);
            m.put("bodyBytes", r.body().length);
            try {
                DurableFile.replace(meta, json.writerWithDefaultPrettyPrinter().writeValueAsBytes(m));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new StorageException("Cannot encode the evidence record " + meta + ": " + e.getMessage(), e);
            }
        }
        return sha;
    }

    /** The body bytes of a kept response, checked against their digest. */
    public Optional<byte[]> find(String sha256) {
        Path body = bodyFile(sha256);
        if (!Files.exists(body)) {
            return Optional.empty();
        }
        try {
            byte[] bytes = Files.readAllBytes(body);
            if (!RawPayload.sha256Hex(bytes).equals(sha256)) {
                throw new StorageException("The evidence file " + body + " no longer matches its SHA-256.");
            }
            return Optional.of(bytes);
        } catch (java.io.IOException e) {
            throw new StorageException("Cannot read the evidence file " + body + ": " + e.getMessage(), e);
        }
    }

    private Path bodyFile(String sha) {
        return root.resolve(sha.substring(0, 2)).resolve(sha + ".body");
    }
}
