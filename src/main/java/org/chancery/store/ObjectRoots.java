package org.chancery.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Finds the OCFL objects under a storage root as ocfl-java does (a directory holding a {@code 0=ocfl_object…} file
 * is an object root and is not descended into; the root's {@code extensions} folder is not searched), and reads
 * only the {@code id} of each inventory. ocfl-java's own listing parses every inventory whole just for its id, which
 * cost as much as validating the object.
 */
final class ObjectRoots {
    private static final String OBJECT_MARKER = "0=ocfl_object";
    private static final String EXTENSIONS = "extensions";
    private static final JsonFactory JSON = JsonFactory.builder()
            .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES).build();

    /**
     * An object root found under the storage root.
     *
     * @param path     its path relative to the storage root, with {@code /} between names
     * @param objectId the inventory's id, or null when it could not be read
     * @param problem  why the id could not be read, else null
     */
    record Found(String path, String objectId, String problem) {}

    private ObjectRoots() {}

    /**
     * Hands {@code found} the path (relative to {@code storeRoot}, {@code /}-separated) of every object root under
     * {@code storeRoot}, in no particular order, as the walk reaches it. Names are listed without a stat per entry:
     * a name that cannot be listed is a file, unless it is a directory that cannot be read, which is an error.
     */
    static void find(Path storeRoot, Consumer<String> found) throws IOException {
        File root = storeRoot.toFile();
        String[] names = list(root);
        for (String name : names) {
            if (!name.equals(EXTENSIONS)) {
                search(new File(root, name), name, found);
            }
        }
    }

    private static void search(File dir, String path, Consumer<String> found) throws IOException {
        String[] names = dir.list();
        if (names == null) {
            if (dir.isDirectory()) {
                throw new IOException("The directory " + dir + " cannot be listed.");
            }
            return;
        }
        for (String name : names) {
            if (name.startsWith(OBJECT_MARKER)) {
                found.accept(path);
                return;
            }
        }
        for (String name : names) {
            search(new File(dir, name), path + "/" + name, found);
        }
    }

    private static String[] list(File dir) throws IOException {
        String[] names = dir.list();
        if (names == null) {
            throw new IOException("The directory " + dir + " cannot be listed.");
        }
        return names;
    }

    /** {@link #readId(Path, String)} for the object root at {@code path} under {@code storeRoot}. */
    static Found read(Path storeRoot, String path) {
        return readId(storeRoot.resolve(path), path);
    }

    /** The top-level {@code id} of the object's inventory, read up to that field only. */
    private static Found readId(Path objectRoot, String path) {
        Path inventory = objectRoot.resolve("inventory.json");
        try (JsonParser p = JSON.createParser(java.nio.file.Files.readAllBytes(inventory))) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return new Found(path, null, "Its inventory " + inventory + " is not a JSON object.");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (name.equals("id")) {
                    return value == JsonToken.VALUE_STRING && !p.getText().isEmpty() ? new Found(path, p.getText(), null)
                            : new Found(path, null, "Its inventory " + inventory + " has no id string.");
                }
                p.skipChildren();
            }
            return new Found(path, null, "Its inventory " + inventory + " has no id.");
        } catch (IOException e) {
            return new Found(path, null, "Its inventory " + inventory + " could not be read: " + e.getMessage());
        }
    }
}
