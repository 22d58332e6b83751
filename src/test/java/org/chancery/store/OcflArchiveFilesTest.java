package org.chancery.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.chancery.InvalidInputException;
import org.chancery.StorageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files added to a tweet object beside its tweets: plain OCFL content, verified, and in step with tweet commits. */
class OcflArchiveFilesTest {
    private static final String OBJECT = OcflArchiveTest.FLAKE_JULY;

    @TempDir
    Path data;

    private OcflArchive open() {
        return new OcflArchive(StoreSettings.under(data), OcflArchiveTest.CLOCK, CommitListener.NONE);
    }

    @Test
    void addedFilesAreANewVersionWithSha512DigestsAndTweetCommitsContinueAfterIt() throws Exception {
        byte[] picture = "\u0089PNG not really, but bytes".getBytes(StandardCharsets.ISO_8859_1);
        byte[] meta = "{\"tweetId\":\"884426551177105409\"}\n".getBytes(StandardCharsets.UTF_8);
        try (OcflArchive archive = open()) {
            archive.put("import congresstweets file 2017-07-10.json", TestCaptures.fixtureCaptures());
            assertEquals(false, archive.mayHoldAddedFiles(OBJECT), "only tweets so far: no inventory to read");
            // Not flushed yet: addFiles commits the journal first, so the files come after the tweets.
            String v = archive.addFiles(OBJECT, List.of(new AttachedFile("media/abc.png", picture),
                    new AttachedFile("attachments/m1.jsonl", meta)), "2 attachment(s) of tweets");
            assertEquals("v2", v);
            assertTrue(archive.mayHoldAddedFiles(OBJECT));
            assertNull(archive.addFiles(OBJECT, List.of(new AttachedFile("media/abc.png", picture)), "again"),
                    "a path the object already holds is not added again");
            assertEquals(List.of("media/abc.png"), archive.listFiles(OBJECT, "media/"));
            assertArrayEquals(picture, archive.readFile(OBJECT, "media/abc.png"));
            assertEquals(List.of(), archive.verify());

            archive.put("late tweet", List.of(TestCaptures.handWritten("884999999999999999", "16056306",
                    "2017-07-20T10:00:00Z", "later", 1)));
            archive.flush();
            assertEquals("v3", archive.find("884999999999999999").orElseThrow().location().version());
            assertEquals(List.of(), archive.verify());
        }
        Outsider outsider = new Outsider(data.resolve("store"));
        JsonNode inv = outsider.inventory(OBJECT);
        assertEquals("v3", inv.get("head").asText());
        assertEquals("2 attachment(s) of tweets", inv.get("versions").get("v2").get("message").asText());
        assertArrayEquals(picture, outsider.headFile(OBJECT, "media/abc.png"));
        assertTrue(inv.get("manifest").has(Outsider.hex("SHA-512", picture)));

        try (OcflArchive archive = open()) {
            assertEquals(List.of(), archive.verify(), "the id map file read back knows the file version");
            assertTrue(archive.mayHoldAddedFiles(OBJECT), "known again from the id map file");
            assertEquals("v4", archive.addFiles(OBJECT, List.of(new AttachedFile("media/def.png", meta)), "one more"));
        }
        Files.delete(data.resolve("idmap/idmap.bin"));
        try (OcflArchive archive = open()) {
            assertEquals(List.of(), archive.verify(), "a rebuilt id map knows the file versions");
            assertTrue(archive.mayHoldAddedFiles(OBJECT), "known again from the rebuilt id map");
            archive.put("later still", List.of(TestCaptures.handWritten("884999999999999998", "16056306",
                    "2017-07-21T10:00:00Z", "even later", 1)));
            archive.flush();
            assertEquals("v5", archive.find("884999999999999998").orElseThrow().location().version());
            assertEquals(List.of("media/abc.png", "media/def.png"), archive.listFiles(OBJECT, "media/"));
        }
    }

    @Test
    void aCrashBetweenAFileVersionAndItsIdMapRecordDoesNotBlockTheNextTweetCommit() throws Exception {
        FaultyIo io = new FaultyIo();
        try (OcflArchive archive = new OcflArchive(StoreSettings.under(data), OcflArchiveTest.CLOCK,
                CommitListener.NONE, io)) {
            archive.put("import congresstweets file 2017-07-10.json", TestCaptures.fixtureCaptures());
            archive.flush();
            // The OCFL version is committed, then the id-map append fails: as if the process died in between.
            io.limitWrites(p -> p.getFileName().toString().equals("idmap.bin"), 0);
            assertThrows(StorageException.class, () -> archive.addFiles(OBJECT,
                    List.of(new AttachedFile("media/abc.png", new byte[] {1, 2, 3})), "1 attachment(s)"));
        }
        assertEquals("v2", new Outsider(data.resolve("store")).inventory(OBJECT).get("head").asText(),
                "the file version reached the store");
        try (OcflArchive archive = open()) {
            assertTrue(archive.mayHoldAddedFiles(OBJECT), "the file version the id map missed is seen on reopen");
        }
        try (OcflArchive archive = open()) {
            archive.put("late tweet", List.of(TestCaptures.handWritten("884999999999999999", "16056306",
                    "2017-07-20T10:00:00Z", "later", 1)));
            archive.flush();
            assertEquals("v3", archive.find("884999999999999999").orElseThrow().location().version(),
                    "the tweet commit continues after the file version the id map missed");
            assertEquals(List.of(), archive.verify());
        }
    }

    @Test
    void aFlippedByteInAnAddedFileIsFoundByVerifyAndRefusedOnRead() throws Exception {
        byte[] picture = "some picture bytes".getBytes(StandardCharsets.UTF_8);
        try (OcflArchive archive = open()) {
            archive.put("import congresstweets file 2017-07-10.json", TestCaptures.fixtureCaptures());
            archive.addFiles(OBJECT, List.of(new AttachedFile("media/x.jpg", picture)), "one picture");
        }
        Path file = new Outsider(data.resolve("store")).objectRoot(OBJECT).resolve("v2/content/media/x.jpg");
        byte[] bytes = Files.readAllBytes(file);
        bytes[3] ^= 1;
        Files.write(file, bytes);
        try (OcflArchive archive = open()) {
            List<StoreProblem> problems = archive.verify();
            assertTrue(problems.stream().anyMatch(p -> p.item().equals(OBJECT) && p.problem().contains("media/x.jpg")),
                    problems.toString());
            assertThrows(StorageException.class, () -> archive.readFile(OBJECT, "media/x.jpg"));
        }
    }

    @Test
    void filesGoOnlyIntoExistingObjectsAndOnlyOutsideTheTweetFolders() {
        try (OcflArchive archive = open()) {
            assertThrows(InvalidInputException.class, () -> archive.addFiles("urn:chancery:account:1:2020-01",
                    List.of(new AttachedFile("media/a.png", new byte[] {1})), "none"));
        }
        assertThrows(IllegalArgumentException.class, () -> new AttachedFile("raw/v9.bin", new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> new AttachedFile("media/../records/v1.jsonl", new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> new AttachedFile("loose.png", new byte[0]));
    }
}
