package org.chancery.cli;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.chancery.archive.RecordOffice;
import org.chancery.capture.xapi.CaptureArchive;
import org.chancery.capture.xapi.Cursor;
import org.chancery.capture.xapi.CursorStore;
import org.chancery.capture.xapi.EvidenceStore;
import org.chancery.capture.xapi.Harvester;
import org.chancery.capture.xapi.RecheckSummary;
import org.chancery.capture.xapi.RunLog;
import org.chancery.capture.xapi.RunSummary;
import org.chancery.capture.xapi.Sleeper;
import org.chancery.capture.xapi.Unavailable;
import org.chancery.capture.xapi.Watch;
import org.chancery.capture.xapi.XApiClient;
import org.chancery.capture.xapi.XApiConfig;
import org.chancery.capture.xapi.XApiException;
import org.chancery.capture.xapi.XApiRefusedException;
import org.chancery.config.DataDir;
import org.chancery.media.MediaFetcher;
import org.chancery.media.FailureLog;
import org.chancery.media.LinkFetcher;
import org.chancery.record.Tweet;
import org.chancery.store.Batch;
import org.chancery.store.BatchResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code chancery capture HANDLE... [--recheck-days N]}: one harvesting run per account from the X API v2, then
 * optionally a re-check of recently posted archived tweets for deletions.
 */
@Command(name = "capture", mixinStandardHelpOptions = true,
        description = {"Capture accounts' timelines from the X API v2 (bearer token in $CHANCERY_X_BEARER_TOKEN or",
            "--config FILE, host in $CHANCERY_X_API_BASE_URL). On a terminal a status line on stderr shows each",
            "page; stdout gets one summary per account and a total. The first run backfills, later runs fetch",
            "newer tweets only; an interrupted run resumes where it stopped. --recheck-days N looks archived",
            "tweets of the last N days up again and records those the platform no longer returns (deleted,",
            "protected, suspended)."})
final class CaptureCommand implements Callable<Integer> {
    @ParentCommand
    private ChanceryCommand root;

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "HANDLE", description = "Accounts to capture (with or without @).")
    private List<String> handles = new ArrayList<>();

    @Option(names = "--recheck-days", paramLabel = "N",
            description = "Re-check archived tweets posted in the last N days (of the given accounts, or all).")
    private Integer recheckDays;

    @Option(names = "--start-time", paramLabel = "INSTANT", description = "Oldest tweets wanted (backfill).")
    private String startTime;

    @Option(names = "--end-time", paramLabel = "INSTANT", description = "Newest tweets wanted.")
    private String endTime;

    @Option(names = "--max-pages", paramLabel = "N", description = "Stop each account after N pages (resumable).")
    private int maxPages = Integer.MAX_VALUE;

    @Option(names = "--media", description = "Also download the media of the accounts' archived tweets (typed by content).")
    private boolean media;

    @Option(names = "--media-max-bytes", paramLabel = "BYTES", description = "Largest media file kept (default 50000000).")
    private long mediaMaxBytes = 50_000_000L;

    /** Environment variable naming a host to fetch media from instead of the platform's (a mirror, or a test server). */
    static final String MEDIA_BASE_URL_ENV = "CHANCERY_X_MEDIA_BASE_URL";

    /**
     * Environment variable naming a server to fetch linked documents through (an archiving proxy, or a test
     * server): {@code https://host/path} is fetched from {@code BASE/host/path}; domains are checked on the link.
     */
    static final String LINK_BASE_URL_ENV = "CHANCERY_LINK_BASE_URL";

    @Option(names = "--follow-links", description = "Also download documents (PDF, HTML) linked from the accounts'"
            + " archived tweets, on --allow-domain domains only; their text becomes searchable.")
    private boolean followLinks;

    @Option(names = "--allow-domain", paramLabel = "DOMAIN",
            description = "With --follow-links: a domain whose links are followed (with its subdomains); repeatable.")
    private List<String> allowDomains = new ArrayList<>();

    @Option(names = "--link-max-bytes", paramLabel = "BYTES", description = "Largest linked document kept (default 20000000).")
    private long linkMaxBytes = 20_000_000L;

    @Option(names = "--config", paramLabel = "FILE", description = {"Config file (.properties or .yaml) with the keys",
        "bearer-token and base-url; $CHANCERY_X_BEARER_TOKEN and $CHANCERY_X_API_BASE_URL override it. Keep it",
        "outside the data folder, readable by you alone."})
    private java.nio.file.Path configFile;

    @Option(names = "--watch", description = "Keep capturing the accounts of --accounts FILE on their intervals.")
    private boolean watch;

    @Option(names = "--accounts", paramLabel = "FILE",
            description = "With --watch: one account a line, HANDLE [INTERVAL] (30m, 2h, 1d; default 15m).")
    private java.nio.file.Path accountsFile;

    @Option(names = "--until", paramLabel = "INSTANT", description = "With --watch: stop at this instant.")
    private String until;

    @Override
    public Integer call() {
        if (watch != (accountsFile != null)) {
            throw new ParameterException(spec.commandLine(), "--watch and --accounts FILE go together.");
        }
        if (handles.isEmpty() && recheckDays == null && !watch) {
            throw new ParameterException(spec.commandLine(), "Give at least one HANDLE or --recheck-days N.");
        }
        if (followLinks && allowDomains.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--follow-links needs at least one --allow-domain DOMAIN.");
        }
        if (watch && (media || followLinks)) {
            throw new ParameterException(spec.commandLine(), "--media and --follow-links work on a capture run of"
                    + " HANDLEs, not with --watch.");
        }
        if (mediaMaxBytes < 1) {
            throw new ParameterException(spec.commandLine(), "--media-max-bytes must be at least 1.");
        }
        if (linkMaxBytes < 1) {
            throw new ParameterException(spec.commandLine(), "--link-max-bytes must be at least 1.");
        }
        if (recheckDays != null && recheckDays < 1 || maxPages < 1) {
            throw new ParameterException(spec.commandLine(), "--recheck-days and --max-pages must be at least 1.");
        }
        CliContext ctx = root.context();
        Instant start = startTime == null ? null : Instants.parse(startTime, "--start-time", this);
        Instant end = endTime == null ? null : Instants.parse(endTime, "--end-time", this);
        XApiConfig config = XApiConfig.resolve(configFile, ctx.env());
        DataDir data = root.dataDir();
        XApiClient client = new XApiClient(config, ctx.clock(), Sleeper.system(), new SecureRandom());
        CursorStore cursors = new CursorStore(data.capture().resolve("cursors"));
        try (RecordOffice office = root.openOfficeIndexingAccess()) {
            CaptureArchive sink = (producer, captures) -> {
                BatchResult r = office.archive().put(new Batch(producer, captures));
                return new CaptureArchive.Archived(r.added(), r.observations(), r.alreadyArchived());
            };
            Harvester harvester = new Harvester(client, cursors, new EvidenceStore(data.capture().resolve("evidence")),
                    sink, new RunLog(data.capture().resolve("runs.jsonl")), ctx.clock());
            if (watch) {
                List<Watch.Account> accounts = Watch.readAccounts(accountsFile);
                Instant stop = until == null ? Instant.MAX : Instants.parse(until, "--until", this);
                ctx.out().printf(Locale.ROOT, "Watching %d account(s); stop with Ctrl-C (the schedule survives a"
                        + " restart).%n", accounts.size());
                new Watch(harvester, new RunLog(data.capture().resolve("runs.jsonl")), ctx.clock(), Sleeper.system())
                        .run(accounts, stop, s -> {
                            ctx.out().println(summary(s));
                            ctx.out().flush();
                            office.commit();
                        }, e -> ctx.err().println("chancery: " + e));
                return 0;
            }
            int failed = 0;
            List<RunSummary> done = new ArrayList<>();
            try (CaptureProgress progress = CaptureProgress.start(ctx, client)) {
                for (String handle : handles) {
                    try {
                        RunSummary s = harvester.capture(handle, start, end, maxPages, progress::page);
                        progress.clear();
                        ctx.out().println(summary(s));
                        ctx.out().flush();
                        s.rejections().forEach(line -> ctx.err().println("rejected: " + line));
                        done.add(s);
                    } catch (XApiException e) {
                        progress.clear();
                        ctx.err().println("chancery: @" + handle + ": " + e.getMessage());
                        failed++;
                        if (e instanceof XApiRefusedException) {
                            break;
                        }
                    }
                }
            }
            if (!handles.isEmpty()) {
                ctx.out().println(total(done, handles.size()));
            }
            boolean fetching = (media || followLinks) && !handles.isEmpty();
            boolean rechecking = recheckDays != null && failed == 0;
            // One walk of the store gives both the tweets whose media or links to fetch and those to re-check.
            Map<String, Tweet> toFetch = new LinkedHashMap<>();
            Map<String, Tweet> recent = new LinkedHashMap<>();
            if (fetching || rechecking) {
                office.commit();
                Set<String> authors = authors(cursors);
                Instant cutoff = ctx.clock().instant().minus(Duration.ofDays(rechecking ? recheckDays : 0));
                YearMonth cutoffMonth = YearMonth.from(cutoff.atOffset(ZoneOffset.UTC));
                // Objects are account-months: only the captured accounts' ones, and for a re-check of every
                // account, the months from the cut-off on, can hold a tweet either list wants.
                office.store().forEachRecord(o -> fetching && authors.contains(o.authorId())
                        || rechecking && !o.month().isBefore(cutoffMonth)
                                && (handles.isEmpty() || authors.contains(o.authorId())), t -> {
                    boolean ours = authors.contains(t.author().id());
                    // Later versions come later: each map ends with the latest state of a tweet, when it qualifies.
                    if (fetching && ours && (media && !t.media().isEmpty()
                            || followLinks && !t.entities().urls().isEmpty())) {
                        toFetch.put(t.id(), t);
                    } else {
                        toFetch.remove(t.id());
                    }
                    if (rechecking && !t.createdAt().isBefore(cutoff) && (handles.isEmpty() || ours)) {
                        recent.put(t.id(), t);
                    }
                });
            }
            if (fetching) {
                List<Tweet> tweets = new ArrayList<>(toFetch.values());
                FailureLog failures = new FailureLog(data.media());
                Set<String> gained = new TreeSet<>();
                if (media) {
                    String mirror = ctx.env().get(MEDIA_BASE_URL_ENV);
                    MediaFetcher.Result m = new MediaFetcher(ctx.clock(), office.store(), failures, mediaMaxBytes,
                            Duration.ofSeconds(60), mirror == null || mirror.isBlank() ? u -> u
                            : u -> URI.create(mirror.strip() + u.getRawPath())).fetch(tweets);
                    ctx.out().printf(Locale.ROOT, "Media: %d file(s) downloaded, %d kept earlier, %d failed (listed in"
                            + " %s).%n", m.fetched(), m.already(), m.failed(), failures.file());
                }
                if (followLinks) {
                    String proxy = ctx.env().get(LINK_BASE_URL_ENV);
                    LinkFetcher.Result l = new LinkFetcher(ctx.clock(), office.store(), failures, Set.copyOf(allowDomains),
                            linkMaxBytes, Duration.ofSeconds(60), proxy == null || proxy.isBlank() ? u -> u
                            : u -> URI.create(proxy.strip() + "/" + u.getHost() + u.getRawPath()
                                    + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery()))).fetch(tweets);
                    ctx.out().printf(Locale.ROOT, "Linked documents: %d downloaded, %d kept earlier, %d failed, %d"
                            + " link(s) outside the allowed domains not followed.%n", l.fetched(), l.already(),
                            l.failed(), l.notAllowed());
                    gained.addAll(l.gained());
                }
                // Linked text goes into the search index from the store, where the documents now are.
                office.indexAttachments(gained);
            }
            if (rechecking) {
                RecheckSummary r = harvester.recheck(new ArrayList<>(recent.values()));
                ctx.out().printf(Locale.ROOT, "Re-checked %d tweet(s): %d still available, %d not available on the"
                        + " platform, %d observation(s) archived.%n", r.checked(), r.available(),
                        r.unavailable().size(), r.observations());
                for (Unavailable u : r.unavailable()) {
                    ctx.out().printf(Locale.ROOT, "  %s not available on the platform since %s: %s (%s)%n",
                            u.tweetId(), u.since(), u.reason(), u.detail());
                }
            }
            office.commit();
            ctx.out().printf(Locale.ROOT, "%d request(s) to the X API, %d retried, %d s waited for rate limits and"
                    + " backoff.%n", client.requests(), client.retries(), client.waited().toSeconds());
            return failed == 0 ? 0 : Main.FAILED;
        }
    }

    /** The whole run in one line: accounts done and the sums of their runs. */
    private static String total(List<RunSummary> done, int asked) {
        int tweets = 0;
        int added = 0;
        int observations = 0;
        int already = 0;
        int rejected = 0;
        for (RunSummary s : done) {
            tweets += s.tweets();
            added += s.added();
            observations += s.observations();
            already += s.alreadyArchived();
            rejected += s.rejections().size();
        }
        return String.format(Locale.ROOT, "Captured %d of %d account(s): %d tweet(s) read, %d new, %d observation(s),"
                + " %d already archived, %d rejected.", done.size(), asked, tweets, added, observations, already, rejected);
    }

    /** The user ids of the given handles, as their cursors know them. */
    private Set<String> authors(CursorStore cursors) {
        Set<String> authors = new TreeSet<>();
        for (String h : handles) {
            String handle = (h.startsWith("@") ? h.substring(1) : h).toLowerCase(Locale.ROOT);
            cursors.find(handle).map(Cursor::userId).ifPresent(authors::add);
        }
        return authors;
    }

    private static String summary(RunSummary s) {
        return String.format(Locale.ROOT, "@%s: %d tweet(s) captured on %d page(s): %d new, %d observation(s) of"
                        + " archived tweets, %d already archived, %d rejected%s.", s.handle(), s.tweets(), s.pages(),
                s.added(), s.observations(), s.alreadyArchived(), s.rejections().size(),
                s.complete() ? "" : "; more pages remain (run again to continue)");
    }
}
