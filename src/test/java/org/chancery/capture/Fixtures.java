package org.chancery.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import org.chancery.record.RawPayload;

/** Test fixtures from src/test/resources/fixtures, and checks on raw payloads that do not use the code under test. */
final class Fixtures {
    static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {}

    /** The fixture's path; a {@code .gz} fixture is decompressed into {@code tmp} under its name without ".gz". */
    static Path path(String resource, Path tmp) {
        URL url = Fixtures.class.getResource("/fixtures/" + resource);
        if (url == null) {
            throw new IllegalArgumentException("no fixture " + resource);
        }
        try {
            Path p = Path.of(url.toURI());
            if (!resource.endsWith(".gz") || resource.endsWith(".warc.gz")) {
                return p;
            }
            Path out = tmp.resolve(p.getFileName().toString().replaceFirst("\\.gz$", ""));
            try (InputStream in = new GZIPInputStream(Files.newInputStream(p))) {
                Files.copy(in, out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] bytes(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode tree(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The raw payload is an exact run of bytes of {@code source}, parses to {@code expected}, and its digest
     * is the SHA-256 of those bytes.
     */
    static void assertExactSlice(byte[] source, JsonNode expected, RawPayload raw) {
        assertEquals(expected, tree(raw.bytes()), "raw bytes parse to the source object");
        assertEquals(sha256(raw.bytes()), raw.sha256(), "sha256 of the raw bytes");
        assertTrue(indexOf(source, raw.bytes()) >= 0, "raw bytes occur verbatim in the source");
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** The text of a field, or null when absent or JSON null. */
    static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
