package org.chancery.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The BagIt check against the Library of Congress conformance bags, and path traversal. */
class BagConformanceTest {
    private static final Path SUITE = Path.of("src/test/resources/fixtures/bagit-1.0/v1.0");

    private static List<Path> bags(String kind) throws IOException {
        try (Stream<Path> s = Files.list(SUITE.resolve(kind))) {
            return s.filter(Files::isDirectory).sorted().toList();
        }
    }

    @Test
    void everyValidConformanceBagPasses() throws IOException {
        List<Path> valid = bags("valid");
        assertFalse(valid.isEmpty());
        for (Path bag : valid) {
            assertEquals(List.of(), ExportVerifier.checkBag(bag), bag.toString());
        }
    }

    @Test
    void everyInvalidConformanceBagIsRejected() throws IOException {
        List<Path> invalid = bags("invalid");
        assertEquals(4, invalid.size());
        for (Path bag : invalid) {
            assertFalse(ExportVerifier.checkBag(bag).isEmpty(), bag + " should be rejected");
        }
    }

    @Test
    void invalidBagsAreRejectedForTheirOwnReason() {
        assertTrue(mentions("bagit-with-invalid-whitespace", "bagit.txt", "BagIt-Version"));
        assertTrue(mentions("notAllManifestsListAllFiles", "data/missingFromManifest.txt", "not listed"));
        assertTrue(mentions("same-filename-listed-twice-with-different-hashes", "manifest-sha256.txt", "again"));
        assertTrue(mentions("same-filename-listed-twice-with-the-same-hash", "manifest-sha256.txt", "again"));
    }

    private static boolean mentions(String bag, String file, String words) {
        return ExportVerifier.checkBag(SUITE.resolve("invalid").resolve(bag)).stream()
                .anyMatch(p -> p.file().equals(file) && p.what().contains(words));
    }

    @Test
    void manifestPathsThatEscapeTheBagAreRejectedAndNotFollowed(@TempDir Path dir) throws IOException {
        Path bag = copy(SUITE.resolve("valid/basicBag"), dir.resolve("bag"));
        Files.writeString(dir.resolve("outside.txt"), "hello\n", StandardCharsets.UTF_8);
        String hello = Files.readString(bag.resolve("manifest-sha512.txt"), StandardCharsets.UTF_8).split(" ")[0];
        for (String path : List.of("data/../../outside.txt", "/etc/passwd", "data/./hello.txt", "C:/x.txt")) {
            Files.writeString(bag.resolve("manifest-sha512.txt"), hello + "  data/hello.txt\n" + hello + "  " + path
                    + "\n", StandardCharsets.UTF_8);
            List<ExportProblem> problems = ExportVerifier.checkBag(bag);
            assertTrue(problems.stream().anyMatch(p -> p.file().equals("manifest-sha512.txt")
                    && p.what().contains("path traversal")), path + ": " + problems);
        }
    }

    @Test
    void zipEntriesThatEscapeAreRefused(@TempDir Path dir) throws IOException {
        Path zip = dir.resolve("evil.zip");
        try (java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new java.util.zip.ZipEntry("bag/../../escaped.txt"));
            out.write("x".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        ExportVerifier.Report report = new ExportVerifier().verify(zip, java.util.Optional.empty());
        assertFalse(report.clean());
        assertTrue(report.problems().get(0).what().contains("escapes the bag"), report.problems().toString());
        assertFalse(Files.exists(dir.getParent().resolve("escaped.txt")));
    }

    static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }
}
