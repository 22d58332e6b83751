package org.chancery.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a bag's raw payloads the way its README.txt tells a recipient to: each line of proofs/inclusion.jsonl names
 * a file and a byte range; the payload's tweet id is read from the payload itself with Jackson.
 */
final class BagPayloads {
    private static final ObjectMapper JSON = new ObjectMapper();

    private BagPayloads() {}

    /** The proof lines, in order. */
    static List<JsonNode> proofs(Path bag) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(bag.resolve("proofs/inclusion.jsonl"), StandardCharsets.UTF_8)) {
            out.add(JSON.readTree(line));
        }
        return out;
    }

    /** The bytes a proof line points at. */
    static byte[] slice(Path bag, JsonNode proof) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(bag.resolve(proof.path("raw").asText()).toFile(), "r")) {
            byte[] bytes = new byte[proof.path("rawLength").asInt()];
            f.seek(proof.path("rawOffset").asLong());
            f.readFully(bytes);
            return bytes;
        }
    }

    /** Every raw payload by the "id" inside it, in bag order. */
    static Map<String, byte[]> byPayloadId(Path bag) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (JsonNode proof : proofs(bag)) {
            byte[] raw = slice(bag, proof);
            out.put(JSON.readTree(raw).path("id").asText(), raw);
        }
        return out;
    }
}
