package org.chancery.capture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.chancery.record.Author;
import org.chancery.record.Capture;
import org.chancery.record.Entities;
import org.chancery.record.ReferenceType;
import org.chancery.record.ReferencedTweet;
import org.chancery.record.SourceFormat;
import org.chancery.record.Tweet;

/**
 * Reads the daily files of "Tweets of Congress" (github.com/alexlitel/congresstweets): each file is one JSON array
 * of flat objects {@code {id, screen_name, user_id, time, link, text, source}}.
 *
 * <p>Mapping: {@code id} and {@code user_id} become the tweet and author ids, {@code screen_name} the handle (no
 * display name is given), {@code time} (ISO-8601 with offset) the UTC creation instant, {@code source} the client.
 * {@code text} is kept exactly as the file has it, HTML entities ({@code &amp;}) included, as the API delivered it.
 * Language, metrics and reply targets are not recorded by congresstweets and stay empty. Entities are found in the
 * text by {@link EntityExtractor}.
 *
 * <p>Conventions recovered from the text:
 * <ul>
 *   <li>A retweet's text starts with {@code "RT @user "} and its {@code link} points at the original tweet
 *       ({@code https://www.twitter.com/<user>/statuses/<origId>}): it gets a {@link ReferenceType#RETWEETED}
 *       reference to {@code origId}. Only the reference is known, so {@code embedded} is null. A text starting
 *       with "RT @" whose link is the tweet itself is an ordinary tweet. A retweet carries no other reference: a
 *       quote inside a retweeted text belongs to the retweeted tweet, as in the API.</li>
 *   <li>A quote tweet reads {@code "<comment> <url of quoted tweet> [more urls or hashtags] QT @user <quoted
 *       text>"}: it gets a {@link ReferenceType#QUOTED} reference with the id of the last
 *       {@code twitter.com/<user>/status/<id>} URL before the first {@code " QT @user"} whose user is that
 *       {@code @user} (case-insensitive). When no such URL is there, the id is unknown and no reference is made.</li>
 * </ul>
 *
 * <p>Provenance: the locator is {@code "item N"}, N the 0-based index of the object in the file's array. The
 * capture time is the import instant from the injected clock (congresstweets records none); the tool is
 * {@value #TOOL}. The raw payload is the exact bytes of the item's object in the file.
 *
 * <p>The file is parsed as a stream, one item at a time: only its bytes (needed for exact raw slices) and one
 * item's tree are held. A file that breaks off mid-array keeps every complete item before the break; the break is
 * one rejection naming the item and byte.
 *
 * <p>{@link #read} accepts a daily file or a folder of them ({@code *.json}, read in name order).
 */
public final class CongressTweetsImporter implements Importer {
    /** The tool named in provenance. */
    public static final String TOOL = "congresstweets";
    /** Largest file read; daily files are under a few megabytes, and raw slices need int offsets. */
    public static final long MAX_FILE_BYTES = 512L * 1024 * 1024;

    private static final String RETWEET_PREFIX = "RT @";
    private static final String QUOTE_MARKER = " QT @";

    private final Clock clock;
    private final ObjectMapper mapper = new ObjectMapper();
    private final JsonArrayReader arrays = new JsonArrayReader(mapper);
    private final EntityExtractor extractor = new EntityExtractor();

    public CongressTweetsImporter(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public SourceFormat format() {
        return SourceFormat.CONGRESSTWEETS;
    }

    @Override
    public void read(Path path, String display, CaptureSink sink) throws IOException {
        Instant importedAt = clock.instant();
        if (Files.isDirectory(path)) {
            List<Path> files;
            try (Stream<Path> list = Files.list(path)) {
                files = list.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json"))
                        .filter(Files::isRegularFile)
                        .sorted()
                        .toList();
            }
            String prefix = display.endsWith("/") ? display : display + "/";
            for (Path file : files) {
                readFile(file, prefix + file.getFileName(), importedAt, sink);
            }
        } else {
            readFile(path, display, importedAt, sink);
        }
    }

    private void readFile(Path file, String display, Instant importedAt, CaptureSink sink) throws IOException {
        Origin origin = new Origin(SourceFormat.CONGRESSTWEETS, display, "byte 0", importedAt, TOOL);
        long size = Files.size(file);
        if (size > MAX_FILE_BYTES) {
            sink.reject(origin.reject("(file)", "the file has " + size + " bytes, more than the " + MAX_FILE_BYTES
                    + " bytes a congresstweets daily file may have; it was not read"));
            return;
        }
        readArray(SourceFiles.readAll(file, Integer.MAX_VALUE - 16L), origin, sink);
    }

    private void readArray(byte[] bytes, Origin origin, CaptureSink sink) throws IOException {
        arrays.read(bytes, 0, origin, "", "a congresstweets file", sink,
                (slice, index) -> handle(slice, bytes, origin.at("item " + index), sink));
    }

    private void handle(JsonSlice slice, byte[] bytes, Origin origin, CaptureSink sink) {
        Tweet tweet;
        try {
            tweet = map(slice.node(), origin);
        } catch (BadFieldException e) {
            sink.reject(origin.reject(e.field(), e.getMessage()));
            return;
        } catch (IllegalArgumentException e) {
            sink.reject(origin.reject("(record)", e.getMessage()));
            return;
        }
        sink.accept(new Capture(tweet, slice.raw(bytes)));
    }

    private Tweet map(JsonNode item, Origin origin) {
        String id = JsonFields.requireId(item, "id");
        String userId = JsonFields.requireId(item, "user_id");
        String handle = JsonFields.optionalText(item, "screen_name");
        String time = JsonFields.requireText(item, "time");
        Instant createdAt;
        try {
            createdAt = OffsetDateTime.parse(time).toInstant();
        } catch (DateTimeParseException e) {
            throw new BadFieldException("time",
                    "must be an ISO-8601 date-time with offset such as 2017-07-10T10:58:16-04:00, got \"" + time + "\"");
        }
        String text = JsonFields.requireText(item, "text");
        String link = JsonFields.optionalText(item, "link");
        String source = JsonFields.optionalText(item, "source");
        return Tweet.builder()
                .id(id)
                .author(new Author(userId, handle, null))
                .createdAt(createdAt)
                .text(text)
                .sourceClient(source)
                .referencedTweets(references(id, text, link))
                .entities(extractor.extract(text))
                .provenance(origin.provenance())
                .build();
    }

    private List<ReferencedTweet> references(String id, String text, String link) {
        List<ReferencedTweet> refs = new ArrayList<>();
        if (text.startsWith(RETWEET_PREFIX)) {
            Optional<StatusLink> original = StatusLink.parse(link).filter(l -> !l.id().equals(id));
            if (original.isPresent()) {
                refs.add(new ReferencedTweet(ReferenceType.RETWEETED, original.get().id(), null));
                return refs;
            }
        }
        quotedId(text).ifPresent(q -> refs.add(new ReferencedTweet(ReferenceType.QUOTED, q, null)));
        return refs;
    }

    /** The id of the tweet quoted with the {@code "<url> QT @user"} convention, if the text names it. */
    private Optional<String> quotedId(String text) {
        int marker = text.indexOf(QUOTE_MARKER);
        if (marker < 0) {
            return Optional.empty();
        }
        int handleStart = marker + QUOTE_MARKER.length();
        int handleEnd = handleStart;
        while (handleEnd < text.length() && isHandleChar(text.charAt(handleEnd))) {
            handleEnd++;
        }
        if (handleEnd == handleStart) {
            return Optional.empty();
        }
        String quotedUser = text.substring(handleStart, handleEnd);
        String quotedId = null;
        for (Entities.Url url : extractor.urls(text.substring(0, marker))) {
            Optional<StatusLink> status = StatusLink.parse(url.url());
            if (status.isPresent() && status.get().user().equalsIgnoreCase(quotedUser)) {
                quotedId = status.get().id();
            }
        }
        return Optional.ofNullable(quotedId);
    }

    private static boolean isHandleChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }
}
