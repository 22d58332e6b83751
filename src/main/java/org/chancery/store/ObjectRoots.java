package org.chancery.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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

    /** Every object root under {@code storeRoot}, in no particular order. */
    static List<Found> find(Path storeRoot) throws IOException {
        List<Found> found = new ArrayList<>();
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> top = Files.newDirectoryStream(storeRoot)) {
            for (Path child : top) {
                if (!child.getFileName().toString().equals(EXTENSIONS)
                        && Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                    children.add(child);
                }
            }
        }
        for (Path child : children) {
            search(storeRoot, child, found);
        }
        return found;
    }

    private static void search(Path storeRoot, Path dir, List<Found> found) throws IOException {
        List<Path> subdirectories = new ArrayList<>();
        boolean objectRoot = false;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                if (entry.getFileName().toString().startsWith(OBJECT_MARKER)) {
                    objectRoot = true;
                } else if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    subdirectories.add(entry);
                }
            }
        }
        if (objectRoot) {
            found.add(readId(dir, storeRoot.relativize(dir).toString().replace(dir.getFileSystem().getSeparator(),
                    "/")));
            return;
        }
        for (Path sub : subdirectories) {
            search(storeRoot, sub, found);
        }
    }

    /** The top-level {@code id} of the object's inventory, read up to that field only. */
    private static Found readId(Path objectRoot, String path) {
        Path inventory = objectRoot.resolve("inventory.json");
        try (JsonParser p = JSON.createParser(inventory.toFile())) {
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
