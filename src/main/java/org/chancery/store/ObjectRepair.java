package org.chancery.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Brings an OCFL object back to its last durable version after a crash during a commit.
 *
 * <p>ocfl-java installs a version by moving the staged version directory into the object root and then copying
 * its inventory and sidecar over the root ones (not atomically), without fsync. A crash can therefore leave a
 * version directory the root inventory does not name, a half-copied root inventory, an object root with only
 * its NAMASTE file, or (after a power loss) a version whose files never reached the disk. Versions up to the
 * id map's indexed head are trusted (they were fsynced before being indexed); each later version is kept only
 * if its inventory and every content file it added match their SHA-512 digests, the rest are removed and the
 * root inventory is set to the last good version. The journal still holds everything removed.
 */
final class ObjectRepair {
    private static final String NAMASTE = "0=ocfl_object_1.1";
    private static final String NAMASTE_TEXT = "ocfl_object_1.1\n";
    private static final String INVENTORY = "inventory.json";
    private static final String SIDECAR = "inventory.json.sha512";

    private final Path storeRoot;
    private final StorageIo io;
    private final ObjectMapper mapper = new ObjectMapper();

    ObjectRepair(Path storeRoot, StorageIo io) {
        this.storeRoot = storeRoot;
        this.io = io;
    }

    /**
     * Repairs one object.
     *
     * @param objectRoot   the object's root directory
     * @param trustedHead  the highest version known durable (0 when none)
     * @return what was done, or null when the object was already consistent
     */
    String repair(String objectId, Path objectRoot, int trustedHead) throws IOException {
        if (!Files.isDirectory(objectRoot)) {
            return null;
        }
        JsonNode rootInventory = validInventory(objectRoot, objectId);
        int rootHead = rootInventory == null ? -1 : headOf(rootInventory);
        int good = trustedHead;
        for (int k = trustedHead + 1; Files.isDirectory(objectRoot.resolve("v" + k)); k++) {
            JsonNode inventory = validInventory(objectRoot.resolve("v" + k), objectId);
            if (inventory == null || headOf(inventory) != k || !contentIntact(objectRoot, k, inventory)) {
                break;
            }
            good = k;
        }
        final int target = good;
        List<Path> extra = new ArrayList<>();
        try (Stream<Path> children = Files.list(objectRoot)) {
            children.filter(p -> p.getFileName().toString().matches("v\\d+"))
                    .filter(p -> Integer.parseInt(p.getFileName().toString().substring(1)) > target)
                    .forEach(extra::add);
        }
        if (target == 0) {
            deleteTree(objectRoot);
            removeEmptyParents(objectRoot.getParent());
            return "removed object " + objectId + ", whose first version was never completely committed";
        }
        boolean changed = !extra.isEmpty();
        for (Path p : extra) {
            deleteTree(p);
        }
        Path version = objectRoot.resolve("v" + target);
        byte[] wanted = Files.readAllBytes(version.resolve(INVENTORY));
        boolean rootMatches = rootHead == target && Files.exists(objectRoot.resolve(INVENTORY))
                && java.util.Arrays.equals(wanted, Files.readAllBytes(objectRoot.resolve(INVENTORY)));
        if (!rootMatches) {
            replaceFile(version.resolve(INVENTORY), objectRoot.resolve(INVENTORY));
            replaceFile(version.resolve(SIDECAR), objectRoot.resolve(SIDECAR));
            changed = true;
        }
        if (!Files.exists(objectRoot.resolve(NAMASTE))) {
            Path tmp = objectRoot.resolve(NAMASTE + ".tmp");
            Files.writeString(tmp, NAMASTE_TEXT, StandardCharsets.UTF_8);
            io.syncFile(tmp);
            Files.move(tmp, objectRoot.resolve(NAMASTE), StandardCopyOption.ATOMIC_MOVE);
            changed = true;
        }
        if (!changed) {
            return null;
        }
        io.syncDirectory(objectRoot);
        return "reset object " + objectId + " to its last complete version v" + target
                + (extra.isEmpty() ? "" : " and removed " + extra.size() + " incomplete version(s)");
    }

    private void replaceFile(Path source, Path target) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.copy(source, tmp, StandardCopyOption.REPLACE_EXISTING);
        io.syncFile(tmp);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private JsonNode validInventory(Path dir, String objectId) throws IOException {
        Path inventory = dir.resolve(INVENTORY);
        Path sidecar = dir.resolve(SIDECAR);
        if (!Files.isRegularFile(inventory) || !Files.isRegularFile(sidecar)) {
            return null;
        }
        byte[] bytes = Files.readAllBytes(inventory);
        String[] side = Files.readString(sidecar, StandardCharsets.UTF_8).trim().split("\\s+");
        if (side.length != 2 || !side[0].equalsIgnoreCase(sha512(bytes))) {
            return null;
        }
        try {
            JsonNode node = mapper.readTree(bytes);
            return objectId.equals(node.path("id").asText()) ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static int headOf(JsonNode inventory) {
        String head = inventory.path("head").asText("");
        return head.matches("v\\d+") ? Integer.parseInt(head.substring(1)) : -1;
    }

    private boolean contentIntact(Path objectRoot, int version, JsonNode inventory) throws IOException {
        String prefix = "v" + version + "/";
        for (Map.Entry<String, JsonNode> e : inventory.path("manifest").properties()) {
            for (JsonNode path : e.getValue()) {
                String p = path.asText();
                if (!p.startsWith(prefix)) {
                    continue;
                }
                Path file = objectRoot.resolve(p);
                if (!Files.isRegularFile(file) || !e.getKey().equalsIgnoreCase(sha512(file))) {
                    return false;
                }
            }
        }
        return true;
    }

    private void removeEmptyParents(Path dir) throws IOException {
        Path d = dir;
        while (d != null && d.startsWith(storeRoot) && !d.equals(storeRoot)) {
            try (Stream<Path> s = Files.list(d)) {
                if (s.findAny().isPresent()) {
                    break;
                }
            }
            Files.delete(d);
            d = d.getParent();
        }
        io.syncDirectory(d == null ? storeRoot : d);
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            List<Path> all = walk.sorted(Comparator.reverseOrder()).toList();
            for (Path p : all) {
                Files.delete(p);
            }
        }
    }

    static String sha512(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    static String sha512(Path file) throws IOException {
        MessageDigest md = digest();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-512 is required by every Java platform", e);
        }
    }
}
