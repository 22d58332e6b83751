package org.chancery.capture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.chancery.record.Author;
import org.chancery.record.Capture;
import org.chancery.record.RawPayload;
import org.chancery.record.SourceFormat;
import org.chancery.record.Tweet;

/**
 * Reads an account owner's "Download your archive" export from X/Twitter, as the {@code .zip} or an unpacked
 * folder (the export's root holding {@code data/}, or {@code data/} itself).
 *
 * <p>Files read, all JavaScript assignments of one JSON value ({@code window.YTD.tweets.part0 = [ ... ]}): the
 * tweets of {@code data/tweets.js} and {@code data/tweets-partN.js} (and {@code data/tweet.js},
 * {@code data/tweet-partN.js} of older exports), then {@code data/deleted-tweets.js} (and its parts), whose tweets
 * are marked {@link Tweet#deleted() deleted} (their {@code deleted_at} has no place in the record yet and is kept
 * only in the raw payload). {@code data/account.js} gives the author ({@code accountId}, {@code username},
 * {@code accountDisplayName}), since archived tweets carry no user object; its item's exact bytes travel with every
 * capture as {@link Capture#context() context}, the evidence for the author. {@code data/manifest.js}
 * ({@code window.__THAR_CONFIG}) gives {@code archiveInfo.generationDate}, used as the capture time; without it the
 * capture time is the import instant from the injected clock. The tool is {@value #TOOL}. Other files are ignored.
 *
 * <p>Each capture's raw payload is the exact bytes of its array item as the file holds them, the
 * {@code {"tweet": {...}}} wrapper included, from its opening to its closing brace. The locator is
 * {@code "entry data/tweets.js, item N"}, N the 0-based index in that file's array.
 *
 * <p>Mapping is done by {@link ArchiveTweetMapper}: v1.1-like fields, with numbers and indices written as strings.
 * Retweets in an export are plain text starting with {@code "RT @user:"} and carry no {@code retweeted_status} and
 * no id of the retweeted tweet (a media's {@code source_status_id} names the tweet the media was first posted with,
 * which need not be the retweeted one), so no {@code RETWEETED} reference is made for them; likewise quotes carry
 * no quoted id and get no {@code QUOTED} reference. Replies get a {@code REPLIED_TO} reference from
 * {@code in_reply_to_status_id_str}.
 *
 * <p>Safety: zip entries whose names escape the root are rejected by name and never read; every file is read
 * with a byte cap ({@link #DEFAULT_MAX_ENTRY_BYTES} unless given).
 */
public final class TwitterArchiveImporter implements Importer {
    /** The tool named in provenance. */
    public static final String TOOL = "X archive export";
    /** Largest file read from an export; larger ones are rejected unread. */
    public static final long DEFAULT_MAX_ENTRY_BYTES = 1L << 30;

    private static final String ACCOUNT = "data/account.js";
    private static final String MANIFEST = "data/manifest.js";
    /** Tweet files: optional "deleted-", "tweets" or older "tweet", optional "-partN". */
    private static final Pattern TWEET_FILE = Pattern.compile("data/(deleted-)?(tweets?)(?:-part(\\d{1,6}))?\\.js");
    /** How far into a file its {@code window.X = } prefix may reach. */
    private static final int MAX_PREFIX_BYTES = 256;

    private final Clock clock;
    private final long maxEntryBytes;
    private final ObjectMapper mapper = new ObjectMapper();
    private final JsonArrayReader arrays = new JsonArrayReader(mapper);

    public TwitterArchiveImporter(Clock clock) {
        this(clock, DEFAULT_MAX_ENTRY_BYTES);
    }

    /** @param maxEntryBytes largest file (zip entry or file in the folder) read, in bytes; at most 2 GiB - 1 */
    public TwitterArchiveImporter(Clock clock, long maxEntryBytes) {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (maxEntryBytes <= 0 || maxEntryBytes >= Integer.MAX_VALUE) {
            throw new IllegalArgumentException("maxEntryBytes must be between 1 and " + (Integer.MAX_VALUE - 1) + ", got " + maxEntryBytes);
        }
        this.maxEntryBytes = maxEntryBytes;
    }

    @Override
    public SourceFormat format() {
        return SourceFormat.TWITTER_ARCHIVE;
    }

    @Override
    public void read(Path path, String display, CaptureSink sink) throws IOException {
        Origin base = new Origin(SourceFormat.TWITTER_ARCHIVE, display, "archive", clock.instant(), TOOL);
        try (ArchiveEntries entries = ArchiveEntries.open(path, maxEntryBytes, base, sink)) {
            List<String> tweetFiles = tweetFiles(entries.names());
            if (tweetFiles.isEmpty() && !entries.contains(ACCOUNT)) {
                sink.reject(base.reject("(archive)", "it has no " + ACCOUNT + " and no data/tweets.js or data/tweet.js;"
                        + " it is not an X archive export"));
                return;
            }
            Origin origin = capturedAt(entries, base, sink);
            Account account = account(entries, origin, sink);
            for (String file : tweetFiles) {
                readTweets(entries, file, account, origin, sink);
            }
        }
    }

    /** The author and the exact bytes of the account item; null fields when account.js is missing or bad. */
    private record Account(Author author, RawPayload raw, String problem) {}

    private Origin capturedAt(ArchiveEntries entries, Origin base, CaptureSink sink) throws IOException {
        if (!entries.contains(MANIFEST)) {
            return base;
        }
        Origin at = base.at("entry " + MANIFEST);
        Optional<byte[]> bytes = entries.read(MANIFEST, at, sink);
        if (bytes.isEmpty()) {
            return base;
        }
        int start = valueStart(bytes.get());
        String field = "archiveInfo.generationDate";
        if (start < 0) {
            sink.reject(at.reject("(json)", MANIFEST + " does not start with \"window.__THAR_CONFIG = \"; the import time is used"));
            return base;
        }
        JsonNode date;
        try {
            date = mapper.readTree(bytes.get(), start, bytes.get().length - start).path("archiveInfo").path("generationDate");
        } catch (IOException e) {
            sink.reject(at.reject("(json)", MANIFEST + " is not valid JSON after its assignment; the import time is used"));
            return base;
        }
        if (date.isMissingNode() || date.isNull()) {
            return base;
        }
        try {
            return base.capturedBy(Instant.parse(date.asText()), TOOL);
        } catch (DateTimeParseException e) {
            sink.reject(at.reject(field, "must be an ISO-8601 instant such as 2026-03-06T13:15:31.187Z, got "
                    + JsonFields.describe(date) + "; the import time is used"));
            return base;
        }
    }

    private Account account(ArchiveEntries entries, Origin origin, CaptureSink sink) throws IOException {
        Origin at = origin.at("entry " + ACCOUNT);
        if (!entries.contains(ACCOUNT)) {
            String problem = "the export has no " + ACCOUNT + ", so the tweets' author is unknown";
            sink.reject(at.reject("(file)", problem));
            return new Account(null, null, problem);
        }
        Optional<byte[]> read = entries.read(ACCOUNT, at, sink);
        if (read.isEmpty()) {
            return new Account(null, null, ACCOUNT + " could not be read, so the tweets' author is unknown");
        }
        byte[] bytes = read.get();
        int start = valueStart(bytes);
        if (start < 0) {
            String problem = ACCOUNT + " does not start with \"window.YTD.account.part0 = \", so the tweets' author is unknown";
            sink.reject(at.reject("(json)", problem));
            return new Account(null, null, problem);
        }
        List<Account> found = new ArrayList<>();
        arrays.read(bytes, start, origin, "entry " + ACCOUNT + ", ", ACCOUNT, sink, (slice, index) -> {
            if (!found.isEmpty()) {
                return;
            }
            Origin item = origin.at("entry " + ACCOUNT + ", item " + index);
            JsonNode account = slice.node().path("account");
            try {
                String id = JsonFields.requireId(account, "accountId");
                Author author = new Author(id, JsonFields.optionalText(account, "username"),
                        JsonFields.optionalText(account, "accountDisplayName"));
                found.add(new Account(author, slice.raw(bytes), null));
            } catch (BadFieldException e) {
                sink.reject(item.reject("account." + e.field(), e.getMessage()));
            }
        });
        if (found.isEmpty()) {
            return new Account(null, null, ACCOUNT + " holds no usable account record, so the tweets' author is unknown");
        }
        return found.get(0);
    }

    private void readTweets(ArchiveEntries entries, String file, Account account, Origin origin, CaptureSink sink)
            throws IOException {
        Origin at = origin.at("entry " + file);
        Optional<byte[]> read = entries.read(file, at, sink);
        if (read.isEmpty()) {
            return;
        }
        byte[] bytes = read.get();
        int start = valueStart(bytes);
        if (start < 0) {
            sink.reject(at.reject("(json)", file + " does not start with an assignment such as \"window.YTD.tweets.part0 = \""));
            return;
        }
        boolean deleted = file.startsWith("data/deleted-");
        arrays.read(bytes, start, origin, "entry " + file + ", ", file, sink,
                (slice, index) -> accept(slice, bytes, deleted, account, origin.at("entry " + file + ", item " + index), sink));
    }

    private static void accept(JsonSlice slice, byte[] bytes, boolean deleted, Account account, Origin origin, CaptureSink sink) {
        JsonNode item = slice.node();
        // Exports since 2020 wrap each tweet as {"tweet": {...}}; older ones list the tweet objects themselves.
        JsonNode tweet = item.has("tweet") ? item.get("tweet") : item;
        if (!tweet.isObject()) {
            sink.reject(origin.reject("tweet", "must be an object, got " + JsonFields.describe(tweet)));
            return;
        }
        if (account.author() == null) {
            sink.reject(origin.reject("(account)", account.problem()));
            return;
        }
        Tweet mapped;
        try {
            mapped = ArchiveTweetMapper.map(tweet, account.author(), deleted, origin.provenance());
        } catch (BadFieldException e) {
            sink.reject(origin.reject(e.field(), e.getMessage()));
            return;
        } catch (IllegalArgumentException e) {
            sink.reject(origin.reject("(record)", e.getMessage()));
            return;
        }
        sink.accept(new Capture(mapped, slice.raw(bytes), List.of(account.raw())));
    }

    /** Tweet files in reading order: tweets before deleted tweets, "tweets" before older "tweet", parts in order. */
    static List<String> tweetFiles(List<String> names) {
        record TweetFile(String name, boolean deleted, boolean older, int part) {}
        List<TweetFile> files = new ArrayList<>();
        for (String name : names) {
            Matcher m = TWEET_FILE.matcher(name);
            if (m.matches()) {
                int part = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
                files.add(new TweetFile(name, m.group(1) != null, m.group(2).equals("tweet"), part));
            }
        }
        files.sort(Comparator.comparing(TweetFile::deleted).thenComparing(TweetFile::older).thenComparingInt(TweetFile::part));
        return files.stream().map(TweetFile::name).toList();
    }

    /**
     * Offset just past the {@code =} of the file's leading {@code window.… =} assignment, or -1 when the file does
     * not start with one.
     */
    private static int valueStart(byte[] bytes) {
        int limit = Math.min(bytes.length, MAX_PREFIX_BYTES);
        for (int i = 0; i < limit; i++) {
            if (bytes[i] == '=') {
                String prefix = new String(bytes, 0, i, StandardCharsets.UTF_8).strip();
                if (prefix.startsWith("\uFEFF")) {
                    prefix = prefix.substring(1);
                }
                return prefix.startsWith("window.") ? i + 1 : -1;
            }
        }
        return -1;
    }
}
