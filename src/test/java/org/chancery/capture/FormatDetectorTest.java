package org.chancery.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.chancery.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FormatDetectorTest {
    @TempDir
    Path dir;

    private Path file(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    @Test
    void theCommandLinesDetectorAdvisesItsFormatOption() throws Exception {
        Path notes = file("notes.txt", "minutes of the meeting\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> new FormatDetector().detect(notes));
        assertEquals(notes + ": cannot tell the format: expected JSON or JSONL holding tweets, a WARC file, or an archive"
                + " export; use --format to choose one.", e.getMessage());
        Path odd = file("odd.json", "[{\"colour\": \"blue\"}]");
        InvalidInputException keys = assertThrows(InvalidInputException.class, () -> new FormatDetector().detect(odd));
        assertTrue(keys.getMessage().endsWith("[colour], which match no known collector format; use --format to choose"
                + " one."), keys.getMessage());
    }

    @Test
    void anotherCallerGivesItsOwnAdviceAndNoCommandLineOption() throws Exception {
        FormatDetector api = new FormatDetector("name it with the format parameter (?format=congresstweets …)");
        Path notes = file("notes.txt", "minutes of the meeting\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> api.detect(notes));
        assertTrue(e.getMessage().endsWith("archive export; name it with the format parameter (?format=congresstweets …)."),
                e.getMessage());
        assertFalse(e.getMessage().contains("--format"), e.getMessage());
        Path odd = file("odd.json", "{\"colour\": \"blue\"}\n");
        InvalidInputException keys = assertThrows(InvalidInputException.class, () -> api.detect(odd));
        assertTrue(keys.getMessage().endsWith("no known collector format; name it with the format parameter"
                + " (?format=congresstweets …)."), keys.getMessage());
        assertFalse(keys.getMessage().contains("--format"), keys.getMessage());
    }

    @Test
    void adviceIsRequired() {
        assertThrows(IllegalArgumentException.class, () -> new FormatDetector(" "));
    }
}
