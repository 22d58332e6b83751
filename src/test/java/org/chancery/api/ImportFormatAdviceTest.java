package org.chancery.api;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.chancery.InvalidInputException;
import org.chancery.capture.FormatDetector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportFormatAdviceTest {
    @TempDir
    Path dir;

    @Test
    void anUploadOfNoKnownFormatIsToldTheApisFormatParameterNotTheCommandLinesOption() throws Exception {
        Path notes = Files.writeString(dir.resolve("notes.txt"), "minutes of the meeting\n", StandardCharsets.UTF_8);
        String message = assertThrows(InvalidInputException.class,
                () -> new FormatDetector(ImportsResource.FORMAT_ADVICE).detect(notes)).getMessage();
        assertFalse(message.contains("--format"), message);
        // The names the format parameter accepts, as README lists them for chancery import --format.
        for (String format : List.of("api-v2", "api-v1.1", "twitter-archive", "congresstweets", "sfm-warc")) {
            assertTrue(message.contains("?format=" + format), message);
        }
        assertTrue(message.endsWith(")."), message);
    }
}
