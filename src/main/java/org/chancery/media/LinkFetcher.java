package org.chancery.media;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.apache.tika.Tika;
import org.apache.tika.exception.TikaException;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.sax.BodyContentHandler;
import org.chancery.record.Entities;
import org.chancery.record.RawPayload;
import org.chancery.record.Tweet;
import org.chancery.store.OcflArchive;
import org.xml.sax.SAXException;

/**
 * Downloads the documents (PDF, HTML statements) that archived tweets link to, on allowed domains only, at most
 * {@code maxBytes} each within {@code timeout}. Tika detects the type from the content and extracts the text;
 * the document and its text are kept in the tweet's OCFL object ({@link Attachments}), where the search index
 * reads the text from. Links to other domains are never requested. A document kept earlier for the same tweet
 * and link is not fetched again; a failed download (or a file that is not a PDF or HTML document) is one line in
 * the {@link FailureLog} and is tried again on the next run.
 */
public final class LinkFetcher {
    /** The document types kept; anything else a link serves is recorded as a failure. */
    static final Set<String> DOCUMENT_TYPES = Set.of("application/pdf", "text/html", "application/xhtml+xml");
    /** Extracted text beyond this many characters is cut: a statement, not a book, is expected. */
    static final int MAX_TEXT = 1_000_000;

    private final Clock clock;
    private final Attachments attachments;
    private final FailureLog failures;
    private final Set<String> allowedDomains;
    private final Downloader downloader;
    private final UnaryOperator<URI> resolve;
    private final long flushBytes;
    private final Tika tika = new Tika();
    private final AutoDetectParser parser = new AutoDetectParser();

    /**
     * @param allowedDomains hosts whose links are followed, each with its subdomains ({@code gov.uk} allows
     *                       {@code www.gov.uk})
     * @param resolve        maps a link to the URL to download from: identity in production; a mirror, or a test
     *                       server, otherwise (the domain check is made on the link itself)
     */
    public LinkFetcher(Clock clock, OcflArchive store, FailureLog failures, Set<String> allowedDomains, long maxBytes,
            Duration timeout, UnaryOperator<URI> resolve) {
        this(clock, store, failures, allowedDomains, maxBytes, timeout, resolve, Attachments.FLUSH_BYTES);
    }

    /** @param flushBytes downloads of one object kept in memory before they are added as a version */
    LinkFetcher(Clock clock, OcflArchive store, FailureLog failures, Set<String> allowedDomains, long maxBytes,
            Duration timeout, UnaryOperator<URI> resolve, long flushBytes) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.attachments = new Attachments(Objects.requireNonNull(store, "store"));
        this.failures = Objects.requireNonNull(failures, "failures");
        this.resolve = Objects.requireNonNull(resolve, "resolve");
        this.allowedDomains = new HashSet<>();
        for (String d : allowedDomains) {
            String domain = d.strip().toLowerCase(Locale.ROOT);
            if (domain.startsWith(".")) {
                domain = domain.substring(1);
            }
            if (domain.isEmpty()) {
                throw new IllegalArgumentException("An allowed domain must not be empty.");
            }
            this.allowedDomains.add(domain);
        }
        this.downloader = new Downloader(maxBytes, Objects.requireNonNull(timeout, "timeout"));
        this.flushBytes = flushBytes;
    }

    /**
     * What a fetch did.
     *
     * @param fetched    documents downloaded and kept
     * @param already    documents kept by an earlier fetch
     * @param failed     downloads that failed or gave no document (each recorded in the failure log)
     * @param notAllowed links not followed because their domain is not allowed
     * @param gained     ids of the tweets that gained a document (to index again with its text)
     */
    public record Result(int fetched, int already, int failed, int notAllowed, Set<String> gained) {
        public Result {
            gained = Set.copyOf(gained);
        }
    }

    /** True when the link's host is an allowed domain or a subdomain of one. */
    public boolean allowed(URI link) {
        String host = link.getHost();
        if (host == null || !("http".equalsIgnoreCase(link.getScheme()) || "https".equalsIgnoreCase(link.getScheme()))) {
            return false;
        }
        host = host.toLowerCase(Locale.ROOT);
        for (String d : allowedDomains) {
            if (host.equals(d) || host.endsWith("." + d)) {
                return true;
            }
        }
        return false;
    }

    public Result fetch(List<Tweet> tweets) {
        Map<String, List<Tweet>> byObject = new TreeMap<>();
        for (Tweet t : tweets) {
            if (!t.entities().urls().isEmpty()) {
                byObject.computeIfAbsent(OcflArchive.objectIdFor(t), x -> new ArrayList<>()).add(t);
            }
        }
        int fetched = 0;
        int already = 0;
        int failed = 0;
        int notAllowed = 0;
        Set<String> gained = new java.util.TreeSet<>();
        for (Map.Entry<String, List<Tweet>> e : byObject.entrySet()) {
            Set<String> kept = null;
            PendingFiles fresh = new PendingFiles(attachments, e.getKey(), flushBytes);
            for (Tweet t : e.getValue()) {
                for (Entities.Url u : t.entities().urls()) {
                    String link = u.expandedUrl() != null ? u.expandedUrl() : u.url();
                    URI uri;
                    try {
                        uri = link == null ? null : URI.create(link);
                    } catch (IllegalArgumentException bad) {
                        uri = null;
                    }
                    if (uri == null || !allowed(uri)) {
                        notAllowed++;
                        continue;
                    }
                    if (kept == null) {
                        kept = new HashSet<>();
                        for (Attachment a : attachments.list(e.getKey())) {
                            if (Attachment.DOCUMENT.equals(a.kind())) {
                                kept.add(a.tweetId() + " " + a.key());
                            }
                        }
                    }
                    if (!kept.add(t.id() + " " + link)) {
                        already++;
                        continue;
                    }
                    switch (download(t, link, uri)) {
                        case Attachments.Kept k -> {
                            fresh.add(k);
                            gained.add(t.id());
                            fetched++;
                        }
                        case Fetch.Problem p -> {
                            failures.failed(t.id(), link, link, p.reason(), clock.instant());
                            failed++;
                        }
                    }
                }
            }
            fresh.flush();
        }
        return new Result(fetched, already, failed, notAllowed, gained);
    }

    private Fetch download(Tweet t, String link, URI uri) {
        // Each redirect's target is checked like a link: an allowed page cannot lead to another host.
        return switch (downloader.get(uri, resolve, (from, to) -> allowed(to))) {
            case Downloader.Got got -> kept(t, link, got);
            case Downloader.TooLarge big -> new Fetch.Problem(big.problem());
            case Downloader.Failed f -> new Fetch.Problem(f.problem());
        };
    }

    private Fetch kept(Tweet t, String link, Downloader.Got got) {
        byte[] bytes = got.bytes();
        String type = tika.detect(bytes);
        if (!DOCUMENT_TYPES.contains(type)) {
            return new Fetch.Problem("not a PDF or HTML document (Tika detects " + type + ")");
        }
        Metadata metadata = new Metadata();
        BodyContentHandler text = new BodyContentHandler(MAX_TEXT);
        try {
            parser.parse(new ByteArrayInputStream(bytes), text, metadata, new ParseContext());
        } catch (SAXException limit) {
            // the write limit was reached: the text up to it is kept
        } catch (IOException | TikaException e) {
            return new Fetch.Problem("Tika could not read the " + type + " document: " + e.getMessage());
        }
        Map<String, String> facts = new TreeMap<>();
        for (String name : new String[] {TikaCoreProperties.TITLE.getName(), "xmpTPg:NPages", "dc:language",
            TikaCoreProperties.CREATED.getName()}) {
            String v = metadata.get(name);
            if (v != null && !v.isBlank()) {
                facts.put(name, v);
            }
        }
        String sha = RawPayload.sha256Hex(bytes);
        String base = "documents/" + sha;
        Attachment a = new Attachment(t.id(), Attachment.DOCUMENT, link, link, base + Downloader.extension(type), sha,
                bytes.length, type, got.contentType(), clock.instant(), facts, base + ".txt");
        return new Attachments.Kept(a, bytes, text.toString().strip().getBytes(StandardCharsets.UTF_8));
    }
}
