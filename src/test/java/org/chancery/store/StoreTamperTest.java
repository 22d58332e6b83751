package org.chancery.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.chancery.record.Capture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** verify() names the object and file of every kind of tampering with the storage root. */
class StoreTamperTest {
    static final String OBJECT = OcflArchiveTest.FLAKE_JULY;

    @TempDir
    Path data;
    Path objectRoot;
    List<Capture> captures;

    @BeforeEach
    void archiveTheFixture() {
        captures = TestCaptures.fixtureCaptures();
        try (OcflArchive archive = open()) {
            archive.put("import", captures);
            archive.flush();
            archive.put("observe", List.of(TestCaptures.handWritten("884426551177105409", "16056306",
                    "2017-07-10T14:58:16Z", "later", 4)));
            assertEquals(List.of(), archive.verify(), "an untouched store verifies clean");
        }
        objectRoot = new Outsider(data.resolve("store")).objectRoot(OBJECT);
    }

    private OcflArchive open() {
        return new OcflArchive(StoreSettings.under(data), OcflArchiveTest.CLOCK, CommitListener.NONE);
    }

    private List<StoreProblem> verify() {
        try (OcflArchive archive = open()) {
            return archive.verify();
        }
    }

    private static boolean names(List<StoreProblem> problems, String item, String text) {
        return problems.stream().anyMatch(p -> p.item().startsWith(item) && p.problem().contains(text));
    }

    @Test
    void aFlippedByteInAContentFileIsNamed() throws IOException {
        Path raw = objectRoot.resolve("v1/content/raw/v1.bin");
        byte[] bytes = Files.readAllBytes(raw);
        bytes[100] ^= 0x01;
        Files.write(raw, bytes);
        List<StoreProblem> problems = verify();
        assertTrue(names(problems, OBJECT, "v1/content/raw/v1.bin"), problems.toString());
        assertTrue(names(problems, OBJECT + " raw/v1.bin", "SHA-256"), problems.toString());
        assertTrue(problems.stream().allMatch(p -> p.item().startsWith(OBJECT)), problems.toString());
    }

    @Test
    void aDeletedContentFileIsNamed() throws IOException {
        Files.delete(objectRoot.resolve("v2/content/observations/v2.jsonl"));
        List<StoreProblem> problems = verify();
        assertTrue(names(problems, OBJECT, "v2/content/observations/v2.jsonl"), problems.toString());
        assertTrue(names(problems, "idmap", "observations/v2.jsonl"), problems.toString());
    }

    @Test
    void contentChangedWithAConsistentlyRewrittenInventoryIsCaughtByTheRecords() throws IOException {
        String changed = rewriteRaw("Delightful", "Dreadfulll");
        List<StoreProblem> problems = verify();
        assertTrue(problems.stream().noneMatch(p -> p.problem().startsWith("E")),
                "ocfl-java alone sees a valid object: " + problems);
        assertTrue(names(problems, OBJECT + " raw/v1.bin", "SHA-256 " + changed), problems.toString());
    }

    @Test
    void contentAndRecordsChangedTogetherAreCaughtByTheIdMap() throws IOException {
        String before = Outsider.hex("SHA-256", TestCaptures.fixtureLines().get(0));
        String after = rewriteRaw("Delightful", "Dreadfulll");
        Path records = objectRoot.resolve("v1/content/records/v1.jsonl");
        String text = Files.readString(records, StandardCharsets.UTF_8).replace(before, after);
        rewriteContent("v1/content/records/v1.jsonl", text.getBytes(StandardCharsets.UTF_8));
        List<StoreProblem> problems = verify();
        assertTrue(names(problems, OBJECT + " records/v1.jsonl", "missing from the id map"), problems.toString());
        assertTrue(names(problems, "idmap", "884426551177105409"), problems.toString());
    }

    @Test
    void anObjectRootWhoseInventoryCannotBeReadIsNamedByItsPath() throws IOException {
        Path store = data.resolve("store");
        String path = store.relativize(objectRoot).toString().replace(java.io.File.separatorChar, '/');
        Files.writeString(objectRoot.resolve("inventory.json"), "{\"type\":", StandardCharsets.UTF_8);
        List<StoreProblem> problems = verify();
        assertTrue(names(problems, path, "could not be checked"), problems.toString());
        assertTrue(names(problems, "idmap", "884426551177105409"), "its payloads were not walked: " + problems);
    }

    @Test
    void anObjectMovedOutOfItsLayoutPlaceIsNamed() throws IOException {
        Path store = data.resolve("store");
        Path moved = store.resolve("0aa/0bb/0cc").resolve(objectRoot.getFileName());
        Files.createDirectories(moved.getParent());
        Files.move(objectRoot, moved);
        List<StoreProblem> problems = verify();
        assertTrue(names(problems, OBJECT, "0aa/0bb/0cc/" + objectRoot.getFileName()), problems.toString());
        assertTrue(names(problems, OBJECT, "storage layout places this object in "
                + store.relativize(objectRoot).toString().replace(java.io.File.separatorChar, '/')), problems.toString());
    }

    /** Changes the first raw payload and rewrites both inventories and sidecars to match; returns its new SHA-256. */
    private String rewriteRaw(String from, String to) throws IOException {
        Path raw = objectRoot.resolve("v1/content/raw/v1.bin");
        String text = new String(Files.readAllBytes(raw), StandardCharsets.UTF_8);
        assertEquals(from.length(), to.length());
        byte[] first = TestCaptures.fixtureLines().get(0);
        String changedFirst = new String(first, StandardCharsets.UTF_8).replace(from, to);
        rewriteContent("v1/content/raw/v1.bin", text.replace(from, to).getBytes(StandardCharsets.UTF_8));
        return Outsider.hex("SHA-256", changedFirst.getBytes(StandardCharsets.UTF_8));
    }

    /** Replaces a content file and updates its digest in every inventory that names it, with new sidecars. */
    private void rewriteContent(String contentPath, byte[] bytes) throws IOException {
        Path file = objectRoot.resolve(contentPath);
        String oldDigest = Outsider.hex("SHA-512", Files.readAllBytes(file));
        String newDigest = Outsider.hex("SHA-512", bytes);
        Files.write(file, bytes);
        for (Path dir : List.of(objectRoot, objectRoot.resolve("v1"), objectRoot.resolve("v2"))) {
            Path inv = dir.resolve("inventory.json");
            String json = Files.readString(inv, StandardCharsets.UTF_8);
            if (!json.contains(oldDigest)) {
                continue;
            }
            byte[] updated = json.replace(oldDigest, newDigest).getBytes(StandardCharsets.UTF_8);
            Files.write(inv, updated);
            Files.writeString(dir.resolve("inventory.json.sha512"),
                    Outsider.hex("SHA-512", updated) + "  inventory.json\n", StandardCharsets.UTF_8);
        }
    }
}
