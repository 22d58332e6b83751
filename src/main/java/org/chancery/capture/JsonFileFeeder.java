package org.chancery.capture;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Feeds a JSON file to a {@link PayloadReader}, either as one document or line by line, deciding by its first
 * non-blank line: if it starts with "[" (a JSON array, pretty-printed or not) or is the cut-off start of a
 * value (a pretty-printed document's "{"), the whole file is one document; otherwise (a complete value, or not
 * JSON at all, or too long to tell) the file is JSONL. So a one-line file holding one object is JSONL with
 * one line.
 *
 * <p>JSONL: each non-blank line is one payload located "line N" (N from 1); a line longer than the cap is one
 * rejection with field "(line)" and reading goes on. A document is one payload with an empty locator, and is
 * limited to what a Java array holds (2 GiB).
 */
final class JsonFileFeeder {
    /** Java arrays stop a little short of Integer.MAX_VALUE. */
    private static final long MAX_DOCUMENT_BYTES = Integer.MAX_VALUE - 16L;

    private final int maxLineBytes;
    private final ObjectMapper mapper = new ObjectMapper();

    JsonFileFeeder(int maxLineBytes) {
        if (maxLineBytes < 1) {
            throw new IllegalArgumentException("maximum line length must be at least 1 byte, got " + maxLineBytes);
        }
        this.maxLineBytes = maxLineBytes;
    }

    void feed(Path path, Origin base, PayloadReader reader, CaptureSink sink) throws IOException {
        if (isLineDelimited(path)) {
            feedLines(path, base, reader, sink);
        } else {
            feedDocument(path, base, reader, sink);
        }
    }

    private boolean isLineDelimited(Path path) throws IOException {
        return isLineDelimited(SourceFiles.open(path));
    }

    /** Applies the rule in the class comment to a stream, which it reads as far as its first non-blank line and closes. */
    boolean isLineDelimited(InputStream in) throws IOException {
        try (LineReader lines = new LineReader(in, maxLineBytes)) {
            for (LineReader.Line line = lines.next(); line != null; line = lines.next()) {
                if (line.tooLong()) {
                    return true;
                }
                if (isBlank(line)) {
                    continue;
                }
                if (firstNonBlank(line) == '[') {
                    return false;
                }
                try (JsonParser p = mapper.createParser(line.bytes(), 0, line.length())) {
                    while (p.nextToken() != null) {
                        p.skipChildren();
                    }
                    return true;
                } catch (JsonEOFException e) {
                    return false;
                } catch (JsonProcessingException e) {
                    return true;
                }
            }
            return true;
        }
    }

    private void feedLines(Path path, Origin base, PayloadReader reader, CaptureSink sink) throws IOException {
        feedLines(SourceFiles.open(path), base, reader, sink);
    }

    /**
     * Feeds each non-blank line of the stream, located "line N" after the base locator; closes the stream.
     */
    void feedLines(InputStream in, Origin base, PayloadReader reader, CaptureSink sink) throws IOException {
        try (LineReader lines = new LineReader(in, maxLineBytes)) {
            for (LineReader.Line line = lines.next(); line != null; line = lines.next()) {
                Origin at = base.at(Locators.join(base.locator(), "line " + line.number()));
                if (line.tooLong()) {
                    sink.reject(at.reject("(line)", "is " + line.actualLength() + " bytes long, over the limit of "
                            + maxLineBytes + " bytes; the line was skipped"));
                } else if (!isBlank(line)) {
                    reader.read(line.bytes(), 0, line.length(), at, sink);
                }
            }
        }
    }

    private static void feedDocument(Path path, Origin base, PayloadReader reader, CaptureSink sink) throws IOException {
        byte[] bytes;
        try {
            bytes = SourceFiles.readAll(path, MAX_DOCUMENT_BYTES);
        } catch (IOException e) {
            sink.reject(base.at("whole file").reject("(file)", e.getMessage()));
            return;
        }
        reader.read(bytes, 0, bytes.length, base.at(""), sink);
    }

    private static boolean isBlank(LineReader.Line line) {
        return firstNonBlank(line) < 0;
    }

    /** The first byte that is not JSON whitespace or a UTF-8 byte order mark, or -1. */
    private static int firstNonBlank(LineReader.Line line) {
        byte[] b = line.bytes();
        int i = line.length() >= 3 && (b[0] & 0xff) == 0xef && (b[1] & 0xff) == 0xbb && (b[2] & 0xff) == 0xbf ? 3 : 0;
        for (; i < line.length(); i++) {
            if (b[i] != ' ' && b[i] != '\t' && b[i] != '\r') {
                return b[i];
            }
        }
        return -1;
    }
}
