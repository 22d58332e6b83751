package org.chancery.capture;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.chancery.InvalidInputException;
import org.chancery.record.SourceFormat;

/**
 * Tells which importer a file or folder needs by looking at its name and its first bytes: the field names of
 * the first JSON object are enough to tell the collectors' formats apart.
 */
public final class FormatDetector {
    private static final int SNIFF_BYTES = 256 * 1024;
    /** How the command line lets its user choose a format: the ending of its "cannot tell the format" messages. */
    public static final String CLI_ADVICE = "use --format to choose one";
    private final JsonFactory json = new JsonFactory();
    private final String advice;

    /** A detector for the command line: a file whose format it cannot tell is reported with {@link #CLI_ADVICE}. */
    public FormatDetector() {
        this(CLI_ADVICE);
    }

    /**
     * A detector whose "cannot tell the format" messages end with {@code advice}, telling the reader how to name the
     * format where they are (the command line's option, the API's parameter).
     *
     * @param advice a clause without final stop, such as {@link #CLI_ADVICE}
     */
    public FormatDetector(String advice) {
        if (advice == null || advice.isBlank()) {
            throw new IllegalArgumentException("a format detector needs the advice that ends its messages");
        }
        this.advice = advice;
    }

    /**
     * The format of {@code path}, or empty if the file is empty (nothing to import).
     *
     * @throws InvalidInputException naming the file and what was seen, when no format fits
     */
    public Optional<SourceFormat> detect(Path path) throws IOException {
        String name = path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (Files.isDirectory(path)) {
            return isArchiveExportFolder(path) ? Optional.of(SourceFormat.TWITTER_ARCHIVE) : Optional.empty();
        }
        if (name.endsWith(".zip")) {
            return Optional.of(SourceFormat.TWITTER_ARCHIVE);
        }
        if (name.endsWith(".warc") || name.endsWith(".warc.gz")) {
            return Optional.of(SourceFormat.SFM_WARC);
        }
        byte[] head = readHead(path);
        if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            head = gunzipHead(path);
        }
        String start = new String(head, 0, Math.min(head.length, 64), StandardCharsets.UTF_8).stripLeading();
        if (start.isEmpty()) {
            return Optional.empty();
        }
        if (start.startsWith("WARC/")) {
            return Optional.of(SourceFormat.SFM_WARC);
        }
        if (start.startsWith("window.YTD.")) {
            throw new InvalidInputException(path + ": this is one file of a \"Download your archive\" export;"
                    + " import the export's folder or .zip instead.");
        }
        Set<String> keys = firstObjectKeys(head);
        if (keys.isEmpty()) {
            keys = firstJsonLineKeys(head);
        }
        if (keys.isEmpty()) {
            throw new InvalidInputException(path + ": cannot tell the format: expected JSON or JSONL holding tweets,"
                    + " a WARC file, or an archive export; " + advice + ".");
        }
        return Optional.of(fromKeys(path, keys, advice));
    }

    /** True for an unpacked archive export: a folder with data/tweets.js, data/tweet.js or data/account.js. */
    public static boolean isArchiveExportFolder(Path dir) {
        Path data = dir.resolve("data");
        return Files.isRegularFile(data.resolve("tweets.js")) || Files.isRegularFile(data.resolve("tweet.js"))
                || Files.isRegularFile(data.resolve("account.js"));
    }

    static SourceFormat fromKeys(Path path, Set<String> keys, String advice) {
        if (keys.contains("data") || keys.contains("includes") || keys.contains("__twarc")
                || keys.contains("edit_history_tweet_ids") || (keys.contains("author_id") && keys.contains("text"))) {
            return SourceFormat.API_V2;
        }
        if (keys.contains("screen_name") && keys.contains("link") && keys.contains("time")) {
            return SourceFormat.CONGRESSTWEETS;
        }
        if (keys.contains("id_str") || keys.contains("statuses") || keys.contains("search_metadata")
                || (keys.contains("created_at") && keys.contains("user"))
                || keys.contains("delete") || keys.contains("limit")) {
            return SourceFormat.API_V1;
        }
        if (keys.contains("meta") || keys.contains("errors")) {
            return SourceFormat.API_V2;
        }
        throw new InvalidInputException(path + ": cannot tell the format: the first JSON object has fields "
                + keys + ", which match no known collector format; " + advice + ".");
    }

    /** Field names of the first object: the top-level object, or the first element of a top-level array. */
    private Set<String> firstObjectKeys(byte[] head) throws IOException {
        Set<String> keys = new LinkedHashSet<>();
        try (JsonParser p = json.createParser(head)) {
            JsonToken t = p.nextToken();
            if (t == JsonToken.START_ARRAY) {
                t = p.nextToken();
            }
            if (t != JsonToken.START_OBJECT) {
                return keys;
            }
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                keys.add(p.currentName());
                p.nextToken();
                p.skipChildren();
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // The sniffed prefix ends mid-document or the file is broken further on: the names read so far
            // decide, and the importer reports the broken part precisely.
        }
        return keys;
    }

    /**
     * For JSONL whose first lines are broken (a collector's error line, a cut-off write): the field names of
     * the first line in the sniffed prefix that is a whole JSON object. The importer reports the broken lines.
     */
    private Set<String> firstJsonLineKeys(byte[] head) throws IOException {
        int start = 0;
        for (int i = 0; i <= head.length; i++) {
            if (i == head.length || head[i] == '\n') {
                if (i > start) {
                    Set<String> keys = new LinkedHashSet<>();
                    try (JsonParser p = json.createParser(head, start, i - start)) {
                        if (p.nextToken() == JsonToken.START_OBJECT) {
                            JsonToken t;
                            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                                keys.add(p.currentName());
                                p.nextToken();
                                p.skipChildren();
                            }
                            if (t == JsonToken.END_OBJECT && !keys.isEmpty()) {
                                return keys;
                            }
                        }
                    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                        // not a whole object: try the next line
                    }
                }
                start = i + 1;
            }
        }
        return Set.of();
    }

    private static byte[] readHead(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            return in.readNBytes(SNIFF_BYTES);
        }
    }

    private static byte[] gunzipHead(Path path) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(path))) {
            return in.readNBytes(SNIFF_BYTES);
        } catch (java.util.zip.ZipException e) {
            throw new InvalidInputException(path + ": starts like gzip but cannot be decompressed: " + e.getMessage(), e);
        }
    }
}
