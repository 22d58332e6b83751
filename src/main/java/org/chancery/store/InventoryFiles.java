package org.chancery.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.chancery.StorageException;

/**
 * What verification needs of an object's root inventory: the state of every version, each logical path with its
 * content file and SHA-512. Read with a streaming parser once ocfl-java has validated the object: ocfl-java's
 * {@code describeObject} reads the same inventory into its full model a second time, at several times the cost.
 * SHA-512 digests are field names in an inventory, so field names are not canonicalized (each is seen once).
 */
final class InventoryFiles {
    private static final JsonFactory JSON = JsonFactory.builder()
            .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES).build();
    private static final String SHA512 = "sha512";

    /**
     * One file of a version's state.
     *
     * @param storagePath the content file relative to the storage root ({@code <object root>/v1/content/…})
     * @param sha512      its digest as the inventory gives it, or null when the inventory's algorithm is not
     *                    SHA-512
     */
    record File(String storagePath, String sha512) {}

    private final int head;
    private final List<Map<String, File>> versions;

    private InventoryFiles(int head, List<Map<String, File>> versions) {
        this.head = head;
        this.versions = versions;
    }

    /** The head version's number. */
    int head() {
        return head;
    }

    /** The state of version {@code k} (1 to {@link #head()}): logical path to file, in inventory order. */
    Map<String, File> version(int k) {
        return versions.get(k - 1);
    }

    /**
     * Reads {@code <objectRoot>/inventory.json}.
     *
     * @param objectRootPath the object root relative to the storage root, {@code /}-separated
     * @throws StorageException if the inventory cannot be read or a version's state names a digest that the
     *                          manifest lacks (ocfl-java's validation names such faults exactly)
     */
    static InventoryFiles read(Path storeRoot, String objectRootPath) {
        Path file = storeRoot.resolve(objectRootPath).resolve("inventory.json");
        String algorithm = null;
        String headName = null;
        Map<String, String> manifest = new HashMap<>();
        Map<String, Map<String, List<String>>> states = new HashMap<>();
        try (JsonParser p = JSON.createParser(file.toFile())) {
            expect(p.nextToken(), JsonToken.START_OBJECT, file);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "digestAlgorithm" -> algorithm = p.getText();
                    case "head" -> headName = p.getText();
                    case "manifest" -> readDigestMap(p, file).forEach((digest, paths) -> {
                        if (!paths.isEmpty()) {
                            manifest.putIfAbsent(digest.toLowerCase(Locale.ROOT), paths.getFirst());
                        }
                    });
                    case "versions" -> {
                        expect(value, JsonToken.START_OBJECT, file);
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String version = p.currentName();
                            expect(p.nextToken(), JsonToken.START_OBJECT, file);
                            while (p.nextToken() == JsonToken.FIELD_NAME) {
                                String field = p.currentName();
                                p.nextToken();
                                if (field.equals("state")) {
                                    states.put(version, readDigestMap(p, file));
                                } else {
                                    p.skipChildren();
                                }
                            }
                        }
                    }
                    default -> p.skipChildren();
                }
            }
        } catch (IOException e) {
            throw new StorageException("The inventory " + file + " could not be read: " + e.getMessage(), e);
        }
        int head = versionNumber(headName, file);
        // OCFL allows zero-padded version names (v001), all of one width.
        int width = headName.charAt(1) == '0' ? headName.length() - 1 : 0;
        List<Map<String, File>> versions = new ArrayList<>(head);
        boolean sha512 = SHA512.equals(algorithm);
        for (int k = 1; k <= head; k++) {
            String digits = Integer.toString(k);
            Map<String, List<String>> state = states.get("v" + "0".repeat(Math.max(0, width - digits.length()))
                    + digits);
            if (state == null) {
                throw new StorageException("The inventory " + file + " has no state for version v" + k + ".");
            }
            Map<String, File> files = new LinkedHashMap<>();
            for (Map.Entry<String, List<String>> e : state.entrySet()) {
                String contentPath = manifest.get(e.getKey().toLowerCase(Locale.ROOT));
                if (contentPath == null) {
                    throw new StorageException("The inventory " + file + " names digest " + e.getKey()
                            + " in version v" + k + ", which its manifest lacks.");
                }
                File f = new File(objectRootPath + "/" + contentPath, sha512 ? e.getKey() : null);
                for (String logical : e.getValue()) {
                    files.put(logical, f);
                }
            }
            versions.add(files);
        }
        return new InventoryFiles(head, versions);
    }

    /** A {@code {digest: [path, …]}} object, in order. */
    private static Map<String, List<String>> readDigestMap(JsonParser p, Path file) throws IOException {
        expect(p.currentToken(), JsonToken.START_OBJECT, file);
        Map<String, List<String>> map = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String digest = p.currentName();
            expect(p.nextToken(), JsonToken.START_ARRAY, file);
            List<String> paths = new ArrayList<>(1);
            while (p.nextToken() == JsonToken.VALUE_STRING) {
                paths.add(p.getText());
            }
            expect(p.currentToken(), JsonToken.END_ARRAY, file);
            map.put(digest, paths);
        }
        return map;
    }

    private static int versionNumber(String name, Path file) {
        if (name != null && name.length() > 1 && name.charAt(0) == 'v') {
            try {
                int k = Integer.parseInt(name, 1, name.length(), 10);
                if (k > 0 && Character.isDigit(name.charAt(1))) {
                    return k;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new StorageException("The inventory " + file + " has no head version like v3 (found " + name + ").");
    }

    private static void expect(JsonToken actual, JsonToken expected, Path file) throws IOException {
        if (actual != expected) {
            throw new IOException("expected " + expected + " but found " + actual + " in " + file);
        }
    }
}
