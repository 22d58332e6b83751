package org.chancery.capture.xapi;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.chancery.capture.ApiV2Reader;
import org.chancery.capture.CaptureSink;
import org.chancery.capture.JsonSlice;
import org.chancery.capture.Origin;
import org.chancery.capture.Rejection;
import org.chancery.record.Capture;
import org.chancery.record.Provenance;
import org.chancery.record.RawPayload;
import org.chancery.record.SourceFormat;
import org.chancery.record.Tweet;

/**
 * Captures accounts from the X API v2: timeline runs (backfill, then incremental with {@code since_id}) and
 * re-checks of archived tweets (deletions, protections, suspensions, changed metrics).
 *
 * <p>Per page: fetch, keep the response as evidence, read it with {@link ApiV2Reader} (raw payloads are exact
 * slices of the body), hand the captures to the archive, then save the cursor. A run interrupted anywhere
 * resumes from the saved cursor: at worst the last page is fetched again, and its byte-identical payloads are
 * recognised by the archive.
 *
 * <p>A tweet the lookup no longer returns becomes a deletion notice: a capture whose tweet is the archived
 * record with {@code deleted = true} and the re-check's provenance, and whose raw payload is the exact bytes of
 * the API's error object for that id (which names the reason). The archive keeps it as an observation; the
 * original stays.
 */
public final class Harvester {
    /** The tool named in provenance. */
    public static final String TOOL = "chancery x-api-v2 harvester";
    private static final int LOOKUP_BATCH = 100;

    private final XApiClient client;
    private final CursorStore cursors;
    private final EvidenceStore evidence;
    private final CaptureArchive archive;
    private final RunLog runs;
    private final Clock clock;
    private final ApiV2Reader reader = new ApiV2Reader();
    private final ObjectMapper json = new ObjectMapper();

    public Harvester(XApiClient client, CursorStore cursors, EvidenceStore evidence, CaptureArchive archive, RunLog runs,
            Clock clock) {
        this.runs = Objects.requireNonNull(runs, "runs");
        this.client = Objects.requireNonNull(client, "client");
        this.cursors = Objects.requireNonNull(cursors, "cursors");
        this.evidence = Objects.requireNonNull(evidence, "evidence");
        this.archive = Objects.requireNonNull(archive, "archive");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Captures an account's timeline: everything the API returns the first time, then only newer tweets; an
     * interrupted run is resumed first.
     *
     * @param startTime oldest creation time wanted on a backfill (null: as far back as the API goes)
     * @param endTime   newest creation time wanted (null: up to now)
     * @param maxPages  stop after this many pages (the cursor keeps the place); {@code Integer.MAX_VALUE} for all
     */
    public RunSummary capture(String handle, Instant startTime, Instant endTime, int maxPages) {
        return capture(handle, startTime, endTime, maxPages, soFar -> { });
    }

    /**
     * As {@link #capture(String, Instant, Instant, int)}, telling {@code progress} the run's totals after each
     * archived page (with {@code complete} false until the run ends), e.g. for a progress display.
     */
    public RunSummary capture(String handle, Instant startTime, Instant endTime, int maxPages,
            Consumer<RunSummary> progress) {
        Objects.requireNonNull(progress, "progress");
        String h = (handle.startsWith("@") ? handle.substring(1) : handle).toLowerCase(Locale.ROOT);
        Cursor cursor = cursors.find(h).orElse(null);
        if (cursor == null) {
            XApiResponse lookup = client.userLookup(h);
            evidence.put(lookup);
            cursor = new Cursor(h, client.userId(lookup, h), null, null);
            cursors.save(cursor);
        }
        Instant started = clock.instant();
        Cursor.Run run = cursor.run() != null ? cursor.run() : new Cursor.Run(cursor.sinceId(), null, null, 0);
        boolean backfill = run.sinceId() == null;
        Tally t = new Tally();
        try {
            boolean complete = pages(cursor, run, startTime, endTime, maxPages, t, progress);
            runs.append(new RunRecord(h, cursor.userId(), backfill, started, clock.instant(), t.pages, t.tweets,
                    t.added, complete, t.oldest, null));
            return new RunSummary(h, t.tweets, t.added, t.observations, t.already, t.pages, complete, t.rejections);
        } catch (RuntimeException e) {
            runs.append(new RunRecord(h, cursor.userId(), backfill, started, clock.instant(), t.pages, t.tweets,
                    t.added, false, t.oldest, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            throw e;
        }
    }

    /** Running totals of one run. */
    private static final class Tally {
        int tweets;
        int added;
        int observations;
        int already;
        int pages;
        Instant oldest;
        final List<String> rejections = new ArrayList<>();
    }

    /** Reads pages until the last one (true) or the page limit (false), saving the cursor after each. */
    private boolean pages(Cursor cursor, Cursor.Run run, Instant startTime, Instant endTime, int maxPages, Tally t,
            Consumer<RunSummary> progress) {
        String h = cursor.handle();
        while (true) {
            if (t.pages >= maxPages) {
                return false;
            }
            XApiResponse r = client.timelinePage(cursor.userId(), run.sinceId(), run.paginationToken(), startTime,
                    endTime);
            List<Capture> captures = read(r, t.rejections);
            CaptureArchive.Archived a = archive.archive("capture @" + h + " " + r.receivedAt(), captures);
            t.pages++;
            t.tweets += captures.size();
            t.added += a.added();
            t.observations += a.observations();
            t.already += a.alreadyArchived();
            progress.accept(new RunSummary(h, t.tweets, t.added, t.observations, t.already, t.pages, false, t.rejections));
            JsonNode meta = client.parse(r).path("meta");
            String newest = newer(run.newestId(), meta.hasNonNull("newest_id") ? meta.get("newest_id").asText() : null);
            for (Capture c : captures) {
                newest = newer(newest, c.id());
                if (t.oldest == null || c.tweet().createdAt().isBefore(t.oldest)) {
                    t.oldest = c.tweet().createdAt();
                }
            }
            String next = meta.hasNonNull("next_token") ? meta.get("next_token").asText() : null;
            if (next == null) {
                cursors.save(new Cursor(h, cursor.userId(), newest != null ? newest : run.sinceId(), null));
                return true;
            }
            run = new Cursor.Run(run.sinceId(), next, newest, run.pages() + 1);
            cursors.save(new Cursor(h, cursor.userId(), cursor.sinceId(), run));
        }
    }

    /**
     * Looks up archived tweets again (100 per request). Tweets still returned are archived again (a changed
     * payload becomes an observation: the metrics time series); tweets no longer returned get a deletion notice.
     * Tweets whose latest archived state is already a deletion notice are skipped.
     *
     * @param latest the latest archived state of each tweet to re-check
     */
    public RecheckSummary recheck(List<Tweet> latest) {
        Map<String, Tweet> todo = new LinkedHashMap<>();
        for (Tweet t : latest) {
            if (!t.deleted()) {
                todo.put(t.id(), t);
            }
        }
        List<String> ids = new ArrayList<>(todo.keySet());
        int available = 0;
        int observations = 0;
        List<Unavailable> gone = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += LOOKUP_BATCH) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + LOOKUP_BATCH));
            XApiResponse r = client.lookup(chunk);
            String sha = evidence.put(r);
            List<Capture> captures = read(r, sha, new ArrayList<>());
            available += captures.size();
            for (Notice n : notices(r, sha, todo)) {
                captures.add(n.capture());
                gone.add(n.unavailable());
            }
            observations += archive.archive("recheck " + r.receivedAt(), captures).observations();
        }
        return new RecheckSummary(ids.size(), available, observations, gone);
    }

    private List<Capture> read(XApiResponse r, List<String> rejections) {
        return read(r, evidence.put(r), rejections);
    }

    private List<Capture> read(XApiResponse r, String sha, List<String> rejections) {
        List<Capture> out = new ArrayList<>();
        Origin origin = new Origin(SourceFormat.X_API_CAPTURE, r.url().toString(), "evidence " + sha,
                r.receivedAt(), TOOL);
        reader.read(r.body(), 0, r.body().length, origin, new CaptureSink() {
            @Override
            public void accept(Capture capture) {
                out.add(capture);
            }

            @Override
            public void reject(Rejection rejection) {
                rejections.add(rejection.oneLine());
            }
        });
        return out;
    }

    private record Notice(Capture capture, Unavailable unavailable) {}

    /** Deletion notices for the looked-up tweets named in the response's {@code errors}, with exact raw bytes. */
    private List<Notice> notices(XApiResponse r, String sha, Map<String, Tweet> asked) {
        List<Notice> out = new ArrayList<>();
        byte[] body = r.body();
        try (JsonParser p = json.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return out;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (!name.equals("errors") || value != JsonToken.START_ARRAY) {
                    p.skipChildren();
                    continue;
                }
                int i = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    if (p.currentToken() != JsonToken.START_OBJECT) {
                        p.skipChildren();
                        i++;
                        continue;
                    }
                    JsonSlice s = JsonSlice.read(p, 0);
                    JsonNode e = s.node();
                    String id = e.hasNonNull("resource_id") ? e.get("resource_id").asText() : e.path("value").asText();
                    Tweet archived = asked.get(id);
                    // Field-level errors ("field", "section": "includes") say a field or an expansion is hidden,
                    // not that the tweet is gone.
                    boolean aboutTheTweet = "tweet".equals(e.path("resource_type").asText("tweet"))
                            && !e.has("field") && !e.has("section")
                            && Set.of("ids", "id").contains(e.path("parameter").asText("ids"));
                    if (archived != null && aboutTheTweet) {
                        Instant now = r.receivedAt();
                        Provenance prov = new Provenance(SourceFormat.X_API_CAPTURE, r.url().toString(),
                                "evidence " + sha + ", errors[" + i + "]", now, TOOL);
                        Tweet notice = new Tweet(archived.id(), archived.author(), archived.createdAt(),
                                archived.text(), archived.lang(), archived.sourceClient(), archived.conversationId(),
                                archived.inReplyToUserId(), archived.referencedTweets(), archived.entities(),
                                archived.media(), archived.metrics(), archived.editHistoryIds(),
                                archived.possiblySensitive(), archived.place(), true, prov);
                        out.add(new Notice(new Capture(notice, RawPayload.of(s.bytes(body))),
                                new Unavailable(id, Unavailable.reason(e), now, e.path("detail").asText(""))));
                    }
                    i++;
                }
            }
        } catch (IOException e) {
            throw new XApiException("The X API lookup response " + r.url().getPath() + " (evidence " + sha
                    + ") is not JSON: " + e.getMessage(), e);
        }
        return out;
    }

    /** The larger of two tweet ids (ids grow with time); null-tolerant. */
    private static String newer(String a, String b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return Long.parseLong(b) > Long.parseLong(a) ? b : a;
    }

    @Override
    public String toString() {
        return "Harvester[" + client + "]";
    }
}
