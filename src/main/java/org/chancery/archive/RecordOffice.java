package org.chancery.archive;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.chancery.StorageException;
import org.chancery.config.DataDir;
import org.chancery.index.IdScan;
import org.chancery.index.IndexedTweet;
import org.chancery.index.SearchRequest;
import org.chancery.index.SearchResult;
import org.chancery.index.TweetIndex;
import org.chancery.ledger.Checkpoint;
import org.chancery.ledger.Ledger;
import org.chancery.ledger.MerkleLog;
import org.chancery.store.Archive;
import org.chancery.store.OcflArchive;
import org.chancery.store.StoreSettings;
import org.chancery.store.StoredTweet;
import java.util.List;
import org.chancery.retention.Account;
import org.chancery.retention.AccountRegistry;
import org.chancery.retention.HoldEvent;
import org.chancery.retention.HoldRegistry;
import org.chancery.retention.HoldScope;
import org.chancery.retention.LegalHold;
import org.chancery.retention.PlanBook;
import org.chancery.retention.PolicySet;
import org.chancery.retention.QueryMatcher;

/**
 * The archive and its ledger over one data folder. Open one per process; close it to commit what the journal
 * holds (each commit is logged and checkpointed).
 */
public final class RecordOffice implements AutoCloseable {
    private final Ledger ledger;
    private final LeafIndex leaves;
    private static final String LEDGER_SIZE = "ledgerSize";
    /** Commit mark: digest of the policy set whose access facts every indexed tweet carries; absent when none. */
    private static final String ACCESS_POLICIES = "accessPolicies";
    private static final int FACT_BATCH = 1_000;
    /** Threads a rebuild indexes store objects on; objects never share a tweet. */
    private static final int REINDEX_THREADS = 2;

    private final OcflArchive archive;
    private final Path storeRoot;
    private final TweetIndex index;
    private final IndexingArchive indexing;
    private final DataDir data;
    private final Clock clock;
    private final AccountBook accounts;
    private final HoldRegistry holds;
    private final PlanBook plans;
    private final Disposals disposals;
    private final EventRecorder recorder;
    private final org.chancery.media.Attachments attachments;
    /** The policies access facts are indexed with; null until {@link #useAccessPolicies} is called. */
    private volatile PolicySet accessPolicies;

    private RecordOffice(DataDir data, Clock clock, Ledger ledger, LeafIndex leaves, OcflArchive archive,
            Path storeRoot, TweetIndex index) {
        this.data = data;
        this.clock = clock;
        this.storeRoot = storeRoot;
        this.index = index;
        this.ledger = ledger;
        this.leaves = leaves;
        this.archive = archive;
        this.accounts = AccountBook.open(data.registry());
        this.holds = HoldRegistry.open(data.holds(), clock);
        this.plans = PlanBook.open(data.disposition());
        this.disposals = Disposals.open(data.certificates());
        this.recorder = new EventRecorder(ledger, data.pendingEvent());
        this.attachments = new org.chancery.media.Attachments(archive);
        this.indexing = new IndexingArchive(archive, this::indexTweets, id -> disposals.find(id).isPresent());
    }

    /** Opens (creating on first use) the record office in {@code data} with the default store settings. */
    public static RecordOffice open(DataDir data, Clock clock) {
        return open(data, clock, StoreSettings.under(data.root()));
    }

    public static RecordOffice open(DataDir data, Clock clock, StoreSettings settings) {
        Ledger ledger = Ledger.open(data.ledger(), data.keys(), origin(data));
        LeafIndex leaves = null;
        OcflArchive archive = null;
        TweetIndex index = null;
        try {
            leaves = LeafIndex.open(data.leafIndex(), ledger.log());
            // Opening the archive may replay a journal and commit it, which already goes to the ledger.
            archive = new OcflArchive(settings, clock, new LedgerRecorder(ledger, leaves));
            boolean fresh = !Files.isDirectory(data.index());
            index = TweetIndex.open(data.index());
            RecordOffice office = new RecordOffice(data, clock, ledger, leaves, archive, settings.storeRoot(), index);
            office.recorder.recover();
            // A stop between a log append and its checkpoint (the store's replay then finds the entries logged).
            ledger.checkpointIfBehind();
            office.finishDisposals();
            if (fresh && ledger.log().size() > 0) {
                office.reindex(n -> { });
            } else {
                office.catchUpIndex();
            }
            return office;
        } catch (RuntimeException e) {
            for (AutoCloseable c : new AutoCloseable[] {index, archive, leaves}) {
                closeQuietly(c, e);
            }
            ledger.close();
            throw e;
        }
    }

    private static void closeQuietly(AutoCloseable c, RuntimeException failure) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception suppressed) {
                failure.addSuppressed(suppressed);
            }
        }
    }

    /**
     * Indexes the tweets logged since the index's last commit: after a crash, what was indexed but not committed
     * in the index is found again through the log, which holds every committed tweet version.
     */
    private void catchUpIndex() {
        long from = Long.parseLong(index.committedMarks().getOrDefault(LEDGER_SIZE, "0"));
        MerkleLog log = ledger.log();
        long size = log.size();
        if (from >= size) {
            return;
        }
        java.util.Set<String> ids = new java.util.LinkedHashSet<>();
        for (long i = from; i < size; i++) {
            try {
                ids.add(org.chancery.ledger.TweetVersionEntry.decode(log.entry(i)).tweetId());
            } catch (RuntimeException notATweetVersion) {
                // hold and disposition events carry no tweet to index
            }
        }
        java.util.List<org.chancery.record.Tweet> tweets = new java.util.ArrayList<>();
        for (String id : ids) {
            archive.find(id).ifPresent(t -> tweets.add(t.tweet()));
        }
        indexTweets(tweets);
        index.commit(marks(size, accessPolicies));
    }

    /** {@link #indexTweets(List, java.util.function.Predicate)} for tweets that may be indexed already. */
    private void indexTweets(List<org.chancery.record.Tweet> tweets) {
        indexTweets(tweets, id -> false);
    }

    /**
     * Indexes tweets with their registry facts and, when a policy set is in use, their access facts. Policies
     * whose rules are queries are evaluated on the indexed document, so the tweets are indexed once without access
     * facts first (which keeps them out of every scoped search meanwhile).
     *
     * @param isNew ids the index holds no document of, each once in {@code tweets} (see {@link TweetIndex#add})
     */
    private void indexTweets(List<org.chancery.record.Tweet> tweets, java.util.function.Predicate<String> isNew) {
        PolicySet policies = accessPolicies;
        java.util.function.Predicate<String> added = isNew;
        if (policies != null && usesQueries(policies)) {
            index.add(tweets.stream().map(accounts::indexed).toList(), isNew);
            added = id -> false;
        }
        java.util.function.Function<org.chancery.record.Tweet, IndexedTweet> facts = facts(policies);
        index.add(tweets.stream().map(facts).toList(), added);
    }

    /** Registry facts, plus access facts under {@code policies} when not null. */
    private java.util.function.Function<org.chancery.record.Tweet, IndexedTweet> facts(PolicySet policies) {
        LinkedTexts linked = new LinkedTexts(attachments);
        if (policies == null) {
            return t -> accounts.indexed(t).withLinkedText(linked.of(t));
        }
        org.chancery.retention.RetentionEngine engine = new org.chancery.retention.RetentionEngine(policies,
                accounts.registry(), holds, queryMatcher());
        return t -> {
            org.chancery.retention.AccessTerms terms = engine.accessTerms(t);
            return accounts.indexed(t).withAccess(new org.chancery.index.AccessFacts(terms.lasting().wireName(),
                    terms.embargoEnd(), terms.during() == null ? null : terms.during().wireName()))
                    .withLinkedText(linked.of(t));
        };
    }

    /**
     * Indexes these tweets again, with the text of the documents they link to as the store now keeps it (after
     * media and documents were added to their objects), and commits the index.
     */
    public synchronized void indexAttachments(java.util.Collection<String> tweetIds) {
        List<org.chancery.record.Tweet> tweets = new java.util.ArrayList<>();
        for (String id : new java.util.TreeSet<>(tweetIds)) {
            archive.find(id).ifPresent(t -> tweets.add(t.tweet()));
        }
        indexTweets(tweets);
        index.commit(marks(ledger.log().size(), accessPolicies));
    }

    private static boolean usesQueries(PolicySet policies) {
        return policies.policies().stream().flatMap(p -> p.rules().stream()).anyMatch(r -> r.query() != null);
    }

    private static java.util.Map<String, String> marks(long ledgerSize, PolicySet policies) {
        return policies == null ? java.util.Map.of(LEDGER_SIZE, Long.toString(ledgerSize))
                : java.util.Map.of(LEDGER_SIZE, Long.toString(ledgerSize), ACCESS_POLICIES, AccessDigest.of(policies));
    }

    /**
     * From now on, tweets are indexed with their access facts under {@code policies} (what searches with an access
     * scope filter on). Tweets already indexed keep their facts until {@link #reindex}; see
     * {@link #indexAccessWith}.
     */
    public void useAccessPolicies(PolicySet policies) {
        this.accessPolicies = java.util.Objects.requireNonNull(policies, "policies");
    }

    /**
     * {@link #useAccessPolicies} and, unless the index already carries the access facts of an identical policy set
     * (by the digest recorded with its last commit) in the current field layout, rebuilds it so that every tweet
     * does. An index made by an earlier version (without the fields phrases now use) is searched exactly but more
     * slowly until it is rebuilt here, when the archive is served or imported into, or by {@code chancery reindex}.
     *
     * @return true when the index was rebuilt
     */
    public synchronized boolean indexAccessWith(PolicySet policies) {
        useAccessPolicies(policies);
        if (AccessDigest.of(policies).equals(index.committedMarks().get(ACCESS_POLICIES)) && !index.outdated()) {
            return false;
        }
        reindex(n -> { });
        return true;
    }

    /**
     * Rebuilds the search index from the OCFL root alone.
     *
     * @param progress told the running count of tweets indexed
     * @return how many tweet versions were indexed
     */
    public long reindex(java.util.function.LongConsumer progress) {
        archive.flush();
        long size = ledger.log().size();
        PolicySet policies = accessPolicies;
        java.util.function.Function<org.chancery.record.Tweet, IndexedTweet> facts = facts(policies);
        long indexed = index.rebuild(sink -> {
            ObjectGroups groups = new ObjectGroups(facts, sink, progress);
            archive.forEachRecord(groups);
            groups.finish();
        }, marks(size, policies), REINDEX_THREADS);
        if (policies != null && usesQueries(policies)) {
            // Query rules were matched against the index as it was before the rebuild; decide again on the new one.
            List<org.chancery.record.Tweet> batch = new java.util.ArrayList<>(FACT_BATCH);
            archive.forEachRecord(t -> {
                batch.add(t);
                if (batch.size() == FACT_BATCH) {
                    index.index(batch.stream().map(facts(policies)).toList());
                    batch.clear();
                }
            });
            index.index(batch.stream().map(facts(policies)).toList());
            index.commit(marks(size, policies));
        }
        return indexed;
    }

    /** Runs one search page over the archive (disposed tweets are no longer indexed). */
    public SearchResult search(SearchRequest request) {
        return index.search(request);
    }

    /**
     * The ids of every tweet matching an archive query, oldest first, from one snapshot of the index; what exports
     * walk. Close the scan.
     */
    public IdScan scanIds(String query) {
        return index.scanIds(query);
    }

    /** Checks an archive query's syntax without running it (a job asked for now fails now, not later). */
    public void checkQuery(String query) {
        index.checkQuery(query);
    }

    /** The exact number of tweets matching an archive query. */
    public long count(String query) {
        return index.count(query);
    }

    /**
     * The checkpoint origin of this archive: made once, on first use, and kept in {@code DATA/keys/origin}
     * so that every checkpoint of the archive names the same log.
     */
    private static String origin(DataDir data) {
        Path file = data.keys().resolve("origin");
        try {
            if (Files.isRegularFile(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            }
            Files.createDirectories(data.keys());
            String origin = "chancery.archive/" + UUID.randomUUID();
            Path tmp = data.keys().resolve("origin.tmp");
            Files.writeString(tmp, origin + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return origin;
        } catch (IOException e) {
            throw new StorageException("Cannot read or create the archive's origin " + file + ": " + e.getMessage(), e);
        }
    }

    /** Where captures enter: acknowledged by the store, then searchable. */
    public Archive archive() {
        return indexing;
    }

    /** The store underneath, for reads that go beyond {@link Archive}. */
    public OcflArchive store() {
        return archive;
    }

    public Ledger ledger() {
        return ledger;
    }

    /** Commits what the journal holds to OCFL (and so to the log), then commits the search index. */
    public void commit() {
        archive.flush();
        index.commit(marks(ledger.log().size(), accessPolicies));
    }

    /** The latest archived state of a tweet with its inclusion proof, if the archive holds it. */
    public Optional<ProvenTweet> find(String tweetId) {
        return prove(tweetId, ledger.latestCheckpoint().orElse(null));
    }

    /** {@link #find(String)} with the tweet's canonical JSON as the store holds it, for answers that send it as is. */
    public Optional<ProvenTweetJson> findWithJson(String tweetId) {
        Checkpoint checkpoint = ledger.latestCheckpoint().orElse(null);
        return archive.findWithJson(tweetId).map(s -> new ProvenTweetJson(prove(tweetId, s.stored(), checkpoint), s.json()));
    }

    /**
     * The latest archived state of a tweet with its inclusion proof against {@code checkpoint} (one of this
     * archive's), if the archive holds it; without evidence when the tweet was logged after that checkpoint. An
     * export pins one checkpoint for all its records, so it need not read the latest checkpoint per record.
     */
    public Optional<ProvenTweet> find(String tweetId, Checkpoint checkpoint) {
        return prove(tweetId, java.util.Objects.requireNonNull(checkpoint, "checkpoint"));
    }

    /**
     * {@link #find(String, Checkpoint)} for many tweets at once, answered in the order of {@code tweetIds}. The
     * tweets are read in log order: tweets logged together sit in the same OCFL content files and the same blocks of
     * the log's tree, so a page of search hits (in date order, scattered over the store) costs sequential reads of a
     * few files and shared proof work instead of a file open and a fresh proof per tweet.
     */
    public List<Optional<ProvenTweet>> findAll(List<String> tweetIds, Checkpoint checkpoint) {
        java.util.Objects.requireNonNull(checkpoint, "checkpoint");
        return inLogOrder(tweetIds, id -> prove(id, checkpoint));
    }

    /**
     * {@link #findAll} with each tweet's canonical JSON as the store holds it: what exports write as a record line,
     * without encoding the tweet again.
     */
    public List<Optional<ProvenTweetJson>> findAllWithJson(List<String> tweetIds, Checkpoint checkpoint) {
        java.util.Objects.requireNonNull(checkpoint, "checkpoint");
        int n = tweetIds.size();
        if (n > 1 << 24) {
            throw new IllegalArgumentException("At most " + (1 << 24) + " tweets can be found at once, not " + n + ".");
        }
        // Each lookup structure is asked once for the whole batch (one lock each, not one per tweet), in log order.
        long[] leaf = leaves.findAll(tweetIds);
        long[] order = new long[n];
        for (int i = 0; i < n; i++) {
            // leaf index in the high bits, position in the low 24: sorting the longs sorts by leaf, then position
            long key = leaf[i] >= 0 ? leaf[i] : Long.MAX_VALUE >>> 24;
            order[i] = key << 24 | i;
            if (leaf[i] >= checkpoint.size()) {
                leaf[i] = -1; // logged after the checkpoint: no evidence against it
            }
        }
        java.util.Arrays.sort(order);
        List<String> inLogOrder = new java.util.ArrayList<>(n);
        for (long o : order) {
            inLogOrder.add(tweetIds.get((int) (o & ((1 << 24) - 1))));
        }
        List<Optional<org.chancery.store.StoredTweetJson>> read = archive.findAllWithJson(inLogOrder);
        List<Optional<org.chancery.store.StoredTweetJson>> stored =
                new java.util.ArrayList<>(java.util.Collections.nCopies(n, Optional.empty()));
        for (int k = 0; k < n; k++) {
            stored.set((int) (order[k] & ((1 << 24) - 1)), read.get(k));
        }
        // The log's side in one batch, in log order: entries by runs, proofs sharing their blocks and right edge.
        Integer[] proved = java.util.stream.IntStream.range(0, n).filter(i -> leaf[i] >= 0 && stored.get(i).isPresent())
                .boxed().sorted(java.util.Comparator.comparingLong(i -> leaf[i])).toArray(Integer[]::new);
        long[] indices = new long[proved.length];
        for (int k = 0; k < proved.length; k++) {
            indices[k] = leaf[proved[k]];
        }
        MerkleLog log = ledger.log();
        List<byte[]> entries = log.entries(indices);
        List<org.chancery.ledger.InclusionProof> proofs = log.inclusionProofs(indices, checkpoint.size());
        ProvenTweet.Evidence[] evidence = new ProvenTweet.Evidence[n];
        for (int k = 0; k < proved.length; k++) {
            evidence[proved[k]] = new ProvenTweet.Evidence(indices[k],
                    new String(entries.get(k), StandardCharsets.UTF_8), proofs.get(k), checkpoint);
        }
        List<Optional<ProvenTweetJson>> found = new java.util.ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ProvenTweet.Evidence e = evidence[i];
            found.add(stored.get(i).map(s -> new ProvenTweetJson(new ProvenTweet(s.stored(), Optional.ofNullable(e)),
                    s.json())));
        }
        return found;
    }

    /** Looks the tweets up in log order (see {@link #findAll}), answering in the order of {@code tweetIds}. */
    private <T> List<Optional<T>> inLogOrder(List<String> tweetIds, java.util.function.Function<String, Optional<T>> find) {
        return inLogOrder(tweetIds, (id, i) -> find.apply(id));
    }

    /** {@link #inLogOrder(List, java.util.function.Function)}, telling {@code find} each id's position too. */
    private <T> List<Optional<T>> inLogOrder(List<String> tweetIds,
            java.util.function.BiFunction<String, Integer, Optional<T>> find) {
        int n = tweetIds.size();
        if (n > 1 << 24) {
            throw new IllegalArgumentException("At most " + (1 << 24) + " tweets can be found at once, not " + n + ".");
        }
        long[] order = new long[n];
        for (int i = 0; i < n; i++) {
            OptionalLong leaf = leafOf(tweetIds.get(i));
            // leaf index in the high bits, position in the low 24: sorting the longs sorts by leaf, then position
            long key = leaf.isPresent() ? leaf.getAsLong() : Long.MAX_VALUE >>> 24;
            order[i] = key << 24 | i;
        }
        java.util.Arrays.sort(order);
        List<Optional<T>> found = new java.util.ArrayList<>(java.util.Collections.nCopies(n, Optional.empty()));
        for (long o : order) {
            int i = (int) (o & ((1 << 24) - 1));
            found.set(i, find.apply(tweetIds.get(i), i));
        }
        return found;
    }

    private OptionalLong leafOf(String tweetId) {
        try {
            return leaves.find(tweetId);
        } catch (NumberFormatException e) {
            return OptionalLong.empty(); // not a tweet id the archive could hold
        }
    }

    /** The tweet with its proof against {@code checkpoint}, or without evidence when there is no checkpoint. */
    private Optional<ProvenTweet> prove(String tweetId, Checkpoint checkpoint) {
        return archive.find(tweetId).map(stored -> prove(tweetId, stored, checkpoint));
    }

    private ProvenTweet prove(String tweetId, StoredTweet stored, Checkpoint checkpoint) {
        OptionalLong leaf = leafOf(tweetId);
        if (leaf.isEmpty() || checkpoint == null || leaf.getAsLong() >= checkpoint.size()) {
            return new ProvenTweet(stored, Optional.empty());
        }
        long index = leaf.getAsLong();
        MerkleLog log = ledger.log();
        String entry = new String(log.entry(index), StandardCharsets.UTF_8);
        return new ProvenTweet(stored, Optional.of(new ProvenTweet.Evidence(index, entry,
                log.inclusionProof(index, checkpoint.size()), checkpoint)));
    }

    /** The account registry with its history. */
    public AccountRegistry accounts() {
        return accounts.registry();
    }

    /**
     * Imports accounts into the registry: a new version is kept in {@code DATA/registry/} and logged unless
     * nothing changed; the search index is then rebuilt so that handles, classes and roles follow the registry.
     */
    public AccountRegistry.Import importAccounts(List<Account> imported, String source, boolean replace) {
        AccountRegistry.Import result = accounts.importAccounts(imported, source, clock.instant(), replace, recorder);
        if (!result.diff().isEmpty()) {
            reindex(n -> { });
        }
        return result;
    }

    /** Every legal hold ever placed, released ones with their release. */
    public List<LegalHold> holds() {
        return holds.holds();
    }

    /** Places a legal hold now; kept in {@code DATA/holds/} and logged. */
    public HoldEvent.Placed placeHold(String id, String reason, String placedBy, HoldScope scope) {
        HoldEvent.Placed[] placed = new HoldEvent.Placed[1];
        recorder.record(data.holds().resolve(HoldRegistry.FILE_NAME), EventRecorder.Target.LINE, () -> {
            placed[0] = holds.place(id, reason, placedBy, scope);
            return placed[0].canonicalBytes();
        });
        return placed[0];
    }

    /** Releases a legal hold now; kept and logged like its placement. */
    public HoldEvent.Released releaseHold(String id, String releasedBy, String reason) {
        HoldEvent.Released[] released = new HoldEvent.Released[1];
        recorder.record(data.holds().resolve(HoldRegistry.FILE_NAME), EventRecorder.Target.LINE, () -> {
            released[0] = holds.release(id, releasedBy, reason);
            return released[0].canonicalBytes();
        });
        return released[0];
    }

    /**
     * Records an export: {@code event} (one line of canonical UTF-8 JSON, no newline) is appended durably to
     * {@code DATA/exports/exports.jsonl} and logged with a new signed checkpoint.
     *
     * @return the event's index in the log
     */
    public long recordExport(byte[] event) {
        for (byte b : event) {
            if (b == '\n') {
                throw new IllegalArgumentException("An export event must be one line, without a newline.");
            }
        }
        Path file = data.root().resolve("exports").resolve("exports.jsonl");
        return recorder.record(file, EventRecorder.Target.LINE, () -> {
            try {
                Files.createDirectories(file.getParent());
                try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file,
                        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE,
                        java.nio.file.StandardOpenOption.APPEND)) {
                    byte[] line = java.util.Arrays.copyOf(event, event.length + 1);
                    line[event.length] = '\n';
                    java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(line);
                    while (buffer.hasRemaining()) {
                        ch.write(buffer);
                    }
                    ch.force(true);
                }
            } catch (IOException e) {
                throw new StorageException("Could not record the export in " + file + ": " + e.getMessage(), e);
            }
            return event.clone();
        });
    }

    /** Retention decisions and disposition under {@code policies} (load them with {@code PolicySet.load}). */
    public RetentionService retention(PolicySet policies) {
        return new RetentionService(this, policies, plans, clock);
    }

    /**
     * How a tweet that is no longer archived was disposed of, with the certificate's inclusion proof against the
     * latest checkpoint; empty when no certificate names the tweet.
     */
    public Optional<Disposal> disposal(String tweetId) {
        Optional<Disposal> found = disposals.find(tweetId);
        if (found.isEmpty()) {
            return found;
        }
        Disposal d = found.get();
        Optional<Checkpoint> checkpoint = ledger.latestCheckpoint();
        long leaf = disposals.leaf(d.certificateId()).orElseGet(() -> findEntry(d.certificate()));
        if (leaf < 0 || checkpoint.isEmpty() || leaf >= checkpoint.get().size()) {
            return found;
        }
        disposals.logged(d.certificateId(), leaf);
        MerkleLog log = ledger.log();
        return Optional.of(d.withEvidence(Optional.of(new ProvenTweet.Evidence(leaf, d.certificate(),
                log.inclusionProof(leaf, checkpoint.get().size()), checkpoint.get()))));
    }

    /** The newest log index holding exactly these bytes, or -1. */
    private long findEntry(String entry) {
        byte[] bytes = entry.getBytes(StandardCharsets.UTF_8);
        MerkleLog log = ledger.log();
        for (long i = log.size() - 1; i >= 0; i--) {
            if (java.util.Arrays.equals(log.entry(i), bytes)) {
                return i;
            }
        }
        return -1;
    }

    DataDir data() {
        return data;
    }

    AccountRegistry registry() {
        return accounts.registry();
    }

    HoldRegistry holdRegistry() {
        return holds;
    }

    /** Queries in policies and holds are evaluated by the search index, on the tweet's indexed document. */
    QueryMatcher queryMatcher() {
        return (query, tweet) -> index.matches(tweet.id(), query);
    }

    EventRecorder recorder() {
        return recorder;
    }

    Disposals disposals() {
        return disposals;
    }

    /**
     * Purges the objects of a logged certificate and removes their tweets from the index, then clears the
     * certificate's purge marker.
     */
    void purge(String certificateId, List<String> objectIds, java.util.Collection<String> tweetIds, byte[] certificate) {
        archive.purge(objectIds);
        for (String id : tweetIds) {
            index.delete(id);
        }
        commit();
        disposals.add(certificate, certificateId);
        DurableFiles.delete(disposals.purgeMarker(certificateId));
    }

    /** Completes executions a crash interrupted after their certificate was written. */
    private void finishDisposals() {
        for (com.fasterxml.jackson.databind.JsonNode c : disposals.unfinished()) {
            List<String> objectIds = new java.util.ArrayList<>();
            List<String> tweetIds = new java.util.ArrayList<>();
            for (com.fasterxml.jackson.databind.JsonNode o : c.path("objects")) {
                objectIds.add(o.path("objectId").asText());
                o.path("records").forEach(r -> tweetIds.add(r.path("tweetId").asText()));
            }
            String id = c.path("id").asText();
            purge(id, objectIds, tweetIds, DurableFiles.read(disposals.certificateFile(id)));
        }
    }

    public Optional<Checkpoint> latestCheckpoint() {
        return ledger.latestCheckpoint();
    }

    /** The archive's public key in signed-note verifier form: {@code <name>+<key id>+<base64 key>}. */
    public String verifierKey() {
        return ledger.verifierKey();
    }

    /**
     * Re-derives everything from disk: every OCFL object validated with its content re-hashed, the id map checked,
     * the Merkle root recomputed from the entries and checked against the latest signed checkpoint, consistency
     * between successive checkpoints, and a one-to-one match between committed tweet versions and log entries.
     */
    public VerifyReport verify() {
        return new Verification(archive, ledger, storeRoot).run();
    }

    @Override
    public void close() {
        try {
            commit();
        } finally {
            try {
                archive.close();
                index.close();
            } finally {
                leaves.close();
                ledger.close();
            }
        }
    }
}
