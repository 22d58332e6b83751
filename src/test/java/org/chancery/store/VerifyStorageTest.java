package org.chancery.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ocfl.api.exception.OcflNoSuchFileException;
import io.ocfl.api.model.ValidationResults;
import io.ocfl.core.storage.common.Storage;
import io.ocfl.core.storage.filesystem.FileSystemStorage;
import io.ocfl.core.validation.Validator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The storage that verification hands ocfl-java's validator answers as ocfl-java's own file-system storage does, so
 * that the validation finds the same faults, and the bytes verification reports are those of the object files.
 */
class VerifyStorageTest {
    @TempDir
    Path dir;

    @Test
    void listingsAreThoseOfOcflJavasFileSystemStorage() throws IOException {
        Path root = dir.resolve("root");
        Files.createDirectories(root.resolve("a/empty"));
        Files.createDirectories(root.resolve("a/b/c/d"));
        Files.createDirectories(root.resolve("a/onlyEmpty/inner"));
        Files.writeString(root.resolve("a/file.txt"), "x", StandardCharsets.UTF_8);
        Files.writeString(root.resolve("a/b/c/f"), "yy", StandardCharsets.UTF_8);
        Files.createSymbolicLink(root.resolve("a/linkToFile"), root.resolve("a/file.txt"));
        Files.createSymbolicLink(root.resolve("a/linkToDir"), root.resolve("a/b"));
        Files.createSymbolicLink(root.resolve("a/dangling"), root.resolve("a/nothing"));
        Storage ocfl = new FileSystemStorage(root);
        VerifyStorage ours = new VerifyStorage(root);
        for (String path : List.of("a", "a/b", "a/empty", "a/onlyEmpty", "a/linkToDir")) {
            assertEquals(ocfl.listDirectory(path), ours.listDirectory(path), "listDirectory " + path);
        }
        for (String path : List.of("a", "a/b", "a/empty", "a/onlyEmpty", "a/file.txt", "a/linkToFile",
                "a/linkToDir", "a/dangling")) {
            assertEquals(ocfl.listRecursive(path), ours.listRecursive(path), "listRecursive " + path);
        }
        assertTrue(ours.listRecursive("a").stream().anyMatch(l -> l.isDirectory()
                && l.getRelativePath().equals("onlyEmpty/inner")), "the empty directory is listed");
        assertThrows(OcflNoSuchFileException.class, () -> ocfl.listRecursive("missing"));
        assertThrows(OcflNoSuchFileException.class, () -> ours.listRecursive("missing"));
        assertThrows(OcflNoSuchFileException.class, () -> ours.listDirectory("missing"));
        assertThrows(OcflNoSuchFileException.class, () -> ours.read("missing"));
        assertThrows(UnsupportedOperationException.class, () -> ours.deleteFile("a/file.txt"));
        assertTrue(Files.exists(root.resolve("a/file.txt")));
    }

    @Test
    void ocflJavaFindsTheSameFaultsThroughEitherStorage() throws IOException {
        Path data = dir.resolve("data");
        archiveFixture(data);
        Path store = data.resolve("store");
        Path object = new Outsider(store).objectRoot(StoreTamperTest.OBJECT);
        Files.createDirectories(object.resolve("v1/content/emptied/inner"));
        Files.writeString(object.resolve("v2/stray.txt"), "stray", StandardCharsets.UTF_8);
        Files.delete(object.resolve("v1/inventory.json.sha512"));
        Files.writeString(object.resolve("v2/content/unlisted.bin"), "not in the manifest", StandardCharsets.UTF_8);
        String objectPath = store.relativize(object).toString().replace('\\', '/');

        ValidationResults plain = new Validator(new FileSystemStorage(store)).validateObject(objectPath, false);
        ValidationResults ours = new Validator(new VerifyStorage(store)).validateObject(objectPath, false);

        List<String> found = issues(ours);
        assertEquals(issues(plain), found);
        for (String code : List.of("E024", "E015", "E058", "E023")) {
            assertTrue(found.stream().anyMatch(i -> i.startsWith(code)), code + " in " + found);
        }
    }

    @Test
    void verifyCountsTheBytesOfEveryFileOfTheObjects() throws IOException {
        Path data = dir.resolve("data");
        archiveFixture(data);
        Path store = data.resolve("store");
        long expected;
        try (Stream<Path> files = Files.walk(store)) {
            expected = files.filter(Files::isRegularFile)
                    .filter(f -> f.getParent() != null && !f.getParent().equals(store))
                    .filter(f -> !store.relativize(f).startsWith("extensions"))
                    .mapToLong(VerifyStorageTest::size).sum();
        }
        try (OcflArchive archive = new OcflArchive(StoreSettings.under(data), OcflArchiveTest.CLOCK,
                CommitListener.NONE)) {
            StoreCheck check = archive.verify(p -> { });
            assertEquals(List.of(), check.problems());
            assertEquals(expected, check.bytes());
        }
    }

    private static void archiveFixture(Path data) {
        try (OcflArchive archive = new OcflArchive(StoreSettings.under(data), OcflArchiveTest.CLOCK,
                CommitListener.NONE)) {
            archive.put("import", TestCaptures.fixtureCaptures());
            archive.flush();
            archive.put("observe", List.of(TestCaptures.handWritten("884426551177105409", "16056306",
                    "2017-07-10T14:58:16Z", "later", 4)));
        }
    }

    private static List<String> issues(ValidationResults results) {
        return Stream.concat(results.getErrors().stream(), results.getWarnings().stream())
                .map(i -> i.getCode() + " " + i.getMessage()).sorted().toList();
    }

    private static long size(Path f) {
        try {
            return Files.size(f);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
