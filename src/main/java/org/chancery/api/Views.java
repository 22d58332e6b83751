package org.chancery.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.chancery.archive.Disposal;
import org.chancery.archive.ProvenTweet;
import org.chancery.index.FacetCount;
import org.chancery.index.Hit;
import org.chancery.index.SearchResult;
import org.chancery.ledger.Hash;
import org.chancery.record.TweetJson;
import org.chancery.retention.Access;
import org.chancery.retention.Account;
import org.chancery.retention.Decision;
import org.chancery.retention.Disposition;
import org.chancery.retention.HandlePeriod;
import org.chancery.retention.RolePeriod;
import org.chancery.retention.Schedule;
import org.chancery.retention.ViewerRole;
import org.chancery.store.StoredTweet;

/**
 * The JSON the API sends: records shaped for clients, built from domain values by the {@code of} factories, so
 * that domain records can change without changing the wire format by accident.
 */
public final class Views {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TweetJson TWEETS = new TweetJson();

    private Views() {}

    static JsonNode tree(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(Instant i) {
        return i == null ? null : i.toString();
    }

    /** Where a payload is kept: OCFL object, version, file, byte range, SHA-256 of the bytes. */
    public record Provenance(String object, String version, String path, long offset, long length, String sha256) {
        static Provenance of(StoredTweet s) {
            var at = s.location();
            return new Provenance(at.objectId(), at.version(), at.logicalPath(), at.offset(), at.length(), s.raw().sha256());
        }
    }

    /**
     * Whether {@code role} may learn of legal holds: their ids, and that a record is held at all. Only the legal and
     * admin roles may ({@code GET /holds} is theirs too): the existence of a hold, such as a grand jury's, can itself
     * be confidential.
     */
    static boolean seesHolds(ViewerRole role) {
        return role == ViewerRole.LEGAL || role == ViewerRole.ADMIN;
    }

    /**
     * Whether {@code role} may see where on the server a tweet was imported from (the capture's {@code source}, an
     * absolute path as given to {@code chancery import}): archivist, legal and admin. Other roles see its file name.
     */
    static boolean seesSourcePaths(ViewerRole role) {
        return role.sees(Access.RESTRICTED);
    }

    /**
     * What retention says now, as {@code role} may see it. {@code holds} is present (possibly empty) only for roles
     * that {@linkplain #seesHolds see holds}; for the others a held record shows the disposition its schedule gives
     * ({@code retain} or {@code eligible}), so that its answer is the one it would be without the hold.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Retention(String policyId, Integer policyVersion, String rule, String reason, String access,
            String embargoEnd, String eligibleAt, String disposition,
            @JsonInclude(JsonInclude.Include.NON_NULL) List<String> holds, Map<String, Boolean> visibleTo) {
        static Retention of(Decision d, ViewerRole role) {
            boolean showHolds = seesHolds(role);
            String policyId = null;
            Integer version = null;
            String rule = null;
            if (d.schedule() instanceof Schedule.Scheduled s) {
                policyId = s.policy().id();
                version = s.policy().version();
                rule = s.rule().id();
            }
            String state = switch (d.disposition()) {
                case Disposition.Retain r -> "retain";
                case Disposition.Eligible e -> "eligible";
                case Disposition.Held h -> showHolds ? "held" : scheduled(d);
            };
            Map<String, Boolean> seen = new LinkedHashMap<>();
            for (Map.Entry<ViewerRole, Boolean> e : d.visibility().entrySet()) {
                seen.put(e.getKey().wireName(), e.getValue());
            }
            return new Retention(policyId, version, rule, d.schedule().reason(), d.access().wireName(),
                    text(d.embargoEnd()), text(d.eligibleAt()), state, showHolds ? d.holdIds() : null, seen);
        }

        /**
         * The disposition the schedule alone gives: a hold replaces it whatever it is (see RetentionEngine), and the
         * schedule's is eligible exactly when an eligibility date is known and reached.
         */
        private static String scheduled(Decision d) {
            return d.eligibleAt() != null && !d.decidedAt().isBefore(d.eligibleAt()) ? "eligible" : "retain";
        }
    }

    /** An RFC 9162 inclusion proof against a signed checkpoint (hashes base64). */
    public record Proof(long leafIndex, String entry, long treeSize, List<String> path, String rootHash, String checkpoint) {
        static Proof of(ProvenTweet.Evidence e) {
            return new Proof(e.leafIndex(), e.entry(), e.proof().treeSize(), base64(e.proof().path()),
                    e.checkpoint().root().base64(), e.checkpoint().text());
        }
    }

    static List<String> base64(List<Hash> hashes) {
        List<String> out = new ArrayList<>();
        hashes.forEach(h -> out.add(h.base64()));
        return out;
    }

    /**
     * A tweet as {@code GET /tweets/{id}} answers it; {@code proof} is null while not yet logged. {@code tweet} is
     * the canonical tweet JSON, sent as it is encoded rather than parsed into a tree and written again. The answer is
     * written by {@link #tweetRecordJson}; this record states its shape.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record TweetRecord(@JsonRawValue String tweet, Provenance provenance, Retention retention, Proof proof) {}

    /**
     * The JSON of {@link TweetRecord}, field for field, written straight to bytes: the stored tweet JSON is copied
     * in as it is, rather than decoded into a string that the bean serializer encodes again, and the rest goes through
     * one generator. This is the answer to the API's most frequent request, and the bean serializer was a measurable
     * part of its cost.
     *
     * @param tweetJson the canonical tweet JSON as stored (one JSON object, UTF-8)
     * @param role      the caller's role: what of retention and of the capture's source it may see
     */
    static byte[] tweetRecordJson(ProvenTweet p, Decision d, byte[] tweetJson, ViewerRole role) {
        if (!seesSourcePaths(role)) {
            tweetJson = withSourceFileName(tweetJson);
        }
        // The other members are written as an object of their own, whose opening brace is then replaced by the tweet.
        ByteArrayOutputStream rest = new ByteArrayOutputStream(4096);
        try (JsonGenerator g = JSON.getFactory().createGenerator(rest)) {
            g.writeStartObject();
            g.writeFieldName("provenance");
            writeProvenance(g, p.stored());
            g.writeFieldName("retention");
            writeRetention(g, d, role);
            g.writeFieldName("proof");
            if (p.evidence().isPresent()) {
                writeProof(g, p.evidence().get());
            } else {
                g.writeNull();
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] head = TWEET_MEMBER;
        byte[] tail = rest.toByteArray();
        byte[] out = new byte[head.length + tweetJson.length + tail.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(tweetJson, 0, out, head.length, tweetJson.length);
        out[head.length + tweetJson.length] = ',';
        System.arraycopy(tail, 1, out, head.length + tweetJson.length + 1, tail.length - 1);
        return out;
    }

    private static final byte[] TWEET_MEMBER = "{\"tweet\":".getBytes(StandardCharsets.UTF_8);

    private static void writeProvenance(JsonGenerator g, StoredTweet s) throws IOException {
        var at = s.location();
        g.writeStartObject();
        g.writeStringField("object", at.objectId());
        g.writeStringField("version", at.version());
        g.writeStringField("path", at.logicalPath());
        g.writeNumberField("offset", at.offset());
        g.writeNumberField("length", at.length());
        g.writeStringField("sha256", s.raw().sha256());
        g.writeEndObject();
    }

    private static void writeRetention(JsonGenerator g, Decision d, ViewerRole role) throws IOException {
        Retention r = Retention.of(d, role);
        g.writeStartObject();
        g.writeStringField("policyId", r.policyId());
        g.writeFieldName("policyVersion");
        if (r.policyVersion() == null) {
            g.writeNull();
        } else {
            g.writeNumber(r.policyVersion());
        }
        g.writeStringField("rule", r.rule());
        g.writeStringField("reason", r.reason());
        g.writeStringField("access", r.access());
        g.writeStringField("embargoEnd", r.embargoEnd());
        g.writeStringField("eligibleAt", r.eligibleAt());
        g.writeStringField("disposition", r.disposition());
        if (r.holds() != null) {
            g.writeArrayFieldStart("holds");
            for (String h : r.holds()) {
                g.writeString(h);
            }
            g.writeEndArray();
        }
        g.writeObjectFieldStart("visibleTo");
        for (Map.Entry<String, Boolean> e : r.visibleTo().entrySet()) {
            g.writeBooleanField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void writeProof(JsonGenerator g, ProvenTweet.Evidence e) throws IOException {
        g.writeStartObject();
        g.writeNumberField("leafIndex", e.leafIndex());
        g.writeStringField("entry", e.entry());
        g.writeNumberField("treeSize", e.proof().treeSize());
        g.writeArrayFieldStart("path");
        for (Hash h : e.proof().path()) {
            g.writeString(h.base64());
        }
        g.writeEndArray();
        g.writeStringField("rootHash", e.checkpoint().root().base64());
        g.writeStringField("checkpoint", e.checkpoint().text());
        g.writeEndObject();
    }

    /**
     * One archived observation of a tweet; {@code tweet} is the canonical tweet JSON, as in {@link TweetRecord}
     * (with the capture's source reduced to its file name for roles that do not see source paths).
     */
    public record Observation(@JsonRawValue String tweet, Provenance provenance) {
        static Observation of(StoredTweet s, ViewerRole role) {
            byte[] json = TWEETS.encode(s.tweet());
            if (!seesSourcePaths(role)) {
                json = withSourceFileName(json);
            }
            return new Observation(new String(json, StandardCharsets.UTF_8), Provenance.of(s));
        }
    }

    /**
     * The canonical tweet JSON with {@code provenance.source} reduced to its last path segment, everything else
     * copied token by token as it is.
     */
    static byte[] withSourceFileName(byte[] tweetJson) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(tweetJson.length);
        try (JsonParser p = JSON.getFactory().createParser(tweetJson);
                JsonGenerator g = JSON.getFactory().createGenerator(out)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.VALUE_STRING && isProvenanceSource(p.getParsingContext())) {
                    g.writeString(fileName(p.getText()));
                } else {
                    g.copyCurrentEventExact(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** True inside the top-level object's {@code provenance} object, at its {@code source} member. */
    private static boolean isProvenanceSource(JsonStreamContext c) {
        JsonStreamContext parent = c.getParent();
        return c.inObject() && "source".equals(c.getCurrentName()) && parent != null && parent.inObject()
                && "provenance".equals(parent.getCurrentName()) && parent.getParent() != null
                && parent.getParent().inRoot();
    }

    /** The last segment of a path or URL ({@code /a/b/2017-07-10.json} gives {@code 2017-07-10.json}). */
    static String fileName(String source) {
        String s = source;
        while (s.length() > 1 && (s.endsWith("/") || s.endsWith("\\"))) {
            s = s.substring(0, s.length() - 1);
        }
        return s.substring(Math.max(s.lastIndexOf('/'), s.lastIndexOf('\\')) + 1);
    }

    public record History(String id, List<Observation> observations) {}

    public record SearchHit(String id, String handle, String createdAt, String text, List<String> matchedParts,
            String snippet) {
        static SearchHit of(Hit h) {
            return new SearchHit(h.id(), h.handle(), h.createdAt().toString(), h.text(),
                    h.matchedParts().stream().sorted().toList(), h.snippet());
        }
    }

    public record FacetValue(String value, long count) {}

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record SearchPage(long total, List<SearchHit> hits, String nextCursor, Map<String, List<FacetValue>> facets) {
        static SearchPage of(SearchResult r) {
            Map<String, List<FacetValue>> facets = new LinkedHashMap<>();
            r.facets().forEach((f, counts) -> facets.put(f.label(),
                    counts.stream().map((FacetCount c) -> new FacetValue(c.value(), c.count())).toList()));
            return new SearchPage(r.total(), r.hits().stream().map(SearchHit::of).toList(), r.nextCursor(), facets);
        }
    }

    public record RoleSpan(String role, String from, String until, String title) {}

    public record HandleSpan(String handle, String from, String until) {}

    public record AccountView(String id, String name, String organisation, String accountClass, List<HandleSpan> handles,
            List<RoleSpan> roles) {
        static AccountView of(Account a) {
            List<HandleSpan> handles = new ArrayList<>();
            for (HandlePeriod h : a.handles()) {
                handles.add(new HandleSpan(h.handle(), text(h.from()), text(h.until())));
            }
            List<RoleSpan> roles = new ArrayList<>();
            for (RolePeriod r : a.roles()) {
                roles.add(new RoleSpan(r.role().wireName(), text(r.from()), text(r.until()), r.title()));
            }
            return new AccountView(a.id(), a.name(), a.organisation(), a.accountClass(), handles, roles);
        }
    }

    public record Accounts(int registryVersion, List<AccountView> accounts) {}

    /** What a 410 carries besides the problem members. */
    public record Disposed(String tweetId, String object, String certificateId, String executedAt, String policyId,
            int policyVersion, String rule, JsonNode certificate, Proof proof) {
        static Disposed of(Disposal d) {
            return new Disposed(d.tweetId(), d.objectId(), d.certificateId(), d.executedAt().toString(), d.policyId(),
                    d.policyVersion(), d.ruleId(), tree(d.certificate().getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                    d.evidence().map(Proof::of).orElse(null));
        }
    }

    public record InclusionProofView(long leafIndex, long treeSize, String leafHash, List<String> path, String rootHash) {}

    public record ConsistencyProofView(long fromSize, long toSize, List<String> path, String fromRoot, String toRoot) {}

    public record Health(String status, long logSize) {}

    /**
     * An export job as its requester sees it: {@code download} appears once it is done, {@code error} if it failed or
     * was interrupted.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ExportJobView(String id, String status, String format, String query, boolean zip, String requestedBy,
            String role, String createdAt, String startedAt, String finishedAt, Progress progress, String download,
            Result result, String error) {
        /** Records written, matches decided so far, and all matches (null until the first page is read). */
        @JsonInclude(JsonInclude.Include.ALWAYS)
        public record Progress(long written, long decided, Long total) {}

        /**
         * What the finished export holds and where it is logged; {@code bytes} is the size of the file to download
         * (the zip for bags and load-file sets), which {@code sha256} is not always of (see {@code ExportSummary}).
         */
        public record Result(long exported, long withheld, String sha256, long logIndex, String fileName, long bytes) {}
    }

    /**
     * An import job: the uploaded file, its format, records read and rejected so far, and once done what the archive
     * made of them; the first rejections say where in the file and which field, as the CLI's report does.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ImportJobView(String id, String status, String fileName, long bytes, String format,
            String requestedBy, String role, String createdAt, String startedAt, String finishedAt, long read,
            long rejected, Result result, List<Rejected> rejections, String error) {
        /** What the archive made of the accepted records. */
        public record Result(long added, long observations, long alreadyArchived, long disposedOf) {}

        /** One rejected record: where in the file, the field at fault, and what was expected. */
        public record Rejected(String at, String field, String problem) {}
    }

    /** A retention policy as clients see it. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record PolicyView(String id, int version, String title, int priority, String retention, String disposition,
            String access, String embargo, List<String> rules, List<String> authorities) {
        static PolicyView of(org.chancery.retention.Policy p) {
            String embargo = p.embargo() == null ? null : p.embargo().access().wireName() + " for " + p.embargo().period();
            return new PolicyView(p.id(), p.version(), p.title(), p.priority(), p.retention().toString(),
                    p.disposition().wireName(), p.access().wireName(), embargo,
                    p.rules().stream().map(r -> r.id()).toList(), p.authorities());
        }
    }

    /** A legal hold with its scope and release. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record HoldView(String id, String reason, String placedBy, String placedAt, String query, List<String> accountIds,
            String createdFrom, String createdUntil, String releasedBy, String releasedAt, String releaseReason) {
        static HoldView of(org.chancery.retention.LegalHold h) {
            var s = h.scope();
            var r = h.release();
            return new HoldView(h.id(), h.reason(), h.placedBy(), text(h.placedAt()), s.query(),
                    s.accountIds() == null ? List.of() : s.accountIds().stream().sorted().toList(), text(s.createdFrom()),
                    text(s.createdUntil()), r == null ? null : r.releasedBy(), r == null ? null : text(r.releasedAt()),
                    r == null ? null : r.reason());
        }
    }
}
