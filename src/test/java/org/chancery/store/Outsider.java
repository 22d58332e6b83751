package org.chancery.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;

/**
 * Reads the storage root the way another OCFL tool would, knowing only the OCFL specification and the
 * 0004-hashed-n-tuple layout: nothing here calls Chancery or ocfl-java.
 */
final class Outsider {
    private final Path root;

    Outsider(Path root) {
        this.root = root;
    }

    /** Object root per extension 0004 with its defaults: sha256, 3 tuples of 3 characters, full hash last. */
    Path objectRoot(String objectId) {
        String h = hex("SHA-256", objectId.getBytes(StandardCharsets.UTF_8));
        return root.resolve(h.substring(0, 3)).resolve(h.substring(3, 6)).resolve(h.substring(6, 9)).resolve(h);
    }

    /** The root inventory, after checking it against its sidecar. */
    JsonNode inventory(String objectId) {
        Path obj = objectRoot(objectId);
        try {
            assertTrue(Files.exists(obj.resolve("0=ocfl_object_1.1")), "object NAMASTE file in " + obj);
            byte[] inv = Files.readAllBytes(obj.resolve("inventory.json"));
            String sidecar = Files.readString(obj.resolve("inventory.json.sha512"), StandardCharsets.UTF_8);
            assertEquals(hex("SHA-512", inv), sidecar.trim().split("\\s+")[0], "inventory sidecar of " + objectId);
            return TestCaptures.readTree(inv);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bytes of a logical path in the head version's state, checked against the manifest digest. */
    byte[] headFile(String objectId, String logicalPath) {
        JsonNode inv = inventory(objectId);
        JsonNode state = inv.get("versions").get(inv.get("head").asText()).get("state");
        for (Map.Entry<String, JsonNode> e : state.properties()) {
            for (JsonNode p : e.getValue()) {
                if (p.asText().equals(logicalPath)) {
                    String contentPath = inv.get("manifest").get(e.getKey()).get(0).asText();
                    try {
                        byte[] bytes = Files.readAllBytes(objectRoot(objectId).resolve(contentPath));
                        assertEquals(e.getKey(), hex("SHA-512", bytes), "manifest digest of " + contentPath);
                        return bytes;
                    } catch (IOException ex) {
                        throw new UncheckedIOException(ex);
                    }
                }
            }
        }
        throw new AssertionError(objectId + " has no " + logicalPath + " in its head state");
    }

    static String hex(String algorithm, byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
