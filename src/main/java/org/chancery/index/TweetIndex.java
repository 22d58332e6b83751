package org.chancery.index;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.DocumentStoredFieldVisitor;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Matches;
import org.apache.lucene.search.MultiCollectorManager;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherLifetimeManager;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.search.Weight;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.chancery.StorageException;

/**
 * The search index of the archive: derived from the canonical records, rebuildable from the store at any time.
 *
 * <p>Writes are idempotent by tweet id. Every search sees every write ({@link #index}, {@link #add}, {@link #delete},
 * {@link #rebuild}) that returned before the search began: a search that finds writes not yet visible first reopens
 * the near-real-time reader (no merge wait), once for all searches waiting at that moment. Reopening per write batch
 * instead would flush a small segment per batch, which then has to be merged: most of the index's cost in an
 * import, where nothing searches until the import is done. {@link #commit} makes writes durable; an index that was
 * not committed before a crash is rebuilt from the store.
 *
 * <p>Search language (see {@link ArchiveQueryParser}): words, {@code "phrases"}, {@code prefix*}, {@code AND},
 * {@code OR}, {@code NOT}, {@code -word}, parentheses; {@code from:handle} (any handle the account has had),
 * {@code to:handle}, {@code @handle}, {@code #tag}, {@code $CASHTAG}, {@code lang:xx}, {@code since:YYYY-MM-DD},
 * {@code until:YYYY-MM-DD} (UTC days, until exclusive), {@code is:original|reply|retweet|quote|deleted|edited},
 * {@code has:media|links}, {@code url:domain}, {@code class:}, {@code role:}.
 *
 * <p>Thread-safe: one instance per index directory, shared by all readers and writers.
 */
public final class TweetIndex implements Closeable {
    private static final int RELEVANCE_SEARCHER_SECONDS = 600;
    private static final double RAM_BUFFER_MB = 64;
    private static final double REBUILD_RAM_BUFFER_MB = 256;
    private static final SortField ID_ASC = new SortField(Fields.ID, SortField.Type.STRING);
    private static final SortField NEWEST = new SortField(Fields.CREATED_AT, SortField.Type.LONG, true);
    /**
     * While a search ran this recently, each write reopens the reader before it returns (the writer pays), so that
     * searches served during an import never wait for a reopen; otherwise (a CLI import, which nothing searches) the
     * first search after the writes reopens.
     */
    private static final long SEARCHING_WINDOW_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
    /** Every segment is sorted newest first; {@link IdScan} relies on it to read segments backwards. */
    private static final Sort INDEX_SORT = new Sort(NEWEST);
    /** Commit mark naming the field layout every document of the index has. */
    private static final String LAYOUT_MARK = "index_layout";
    /** Text fields with their adjacent-term pairs ({@link WordPairs}). */
    private static final String LAYOUT = "word-pairs-1";
    private static final Set<String> HIT_FIELDS = Set.of(Fields.ID, Fields.HANDLE_DISPLAY, Fields.CREATED_AT,
            Fields.TEXT_KEY, Fields.QUOTED_KEY, Fields.RETWEETED_KEY);

    private final Path path;
    private final Directory directory;
    private final Analyzers analyzers;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final SearcherLifetimeManager pinned;
    private final SlicedSearches sliced;
    /** Phrases by their adjacent-term pairs, for an index whose every document has them. */
    private final ArchiveQueryParser pairsParser;
    /** Phrases by positions: for highlighting, and for an index with documents of an older layout. */
    private final ArchiveQueryParser positionsParser;
    /** Whether every document has the current field layout ({@link #LAYOUT}); see {@link #outdated}. */
    private volatile boolean current;
    /**
     * The version of the first reader whose documents all have word pairs: a relevance cursor's pinned searcher may
     * be older, and is searched by positions.
     */
    private volatile long pairsFrom = Long.MAX_VALUE;
    /** Sequence number of the latest write that returned. */
    private final AtomicLong written = new AtomicLong();
    /** When a search last ran ({@link System#nanoTime}); writes reopen eagerly while searches are being served. */
    private volatile long lastSearchNanos = System.nanoTime() - SEARCHING_WINDOW_NANOS;
    /** Every write up to this sequence number is visible to searches. */
    private final AtomicLong searchable = new AtomicLong();
    /** Held while reopening, so that searches waiting at the same moment share one reopen. */
    private final Object reopening = new Object();

    private TweetIndex(Path path, SlicedSearches sliced) throws IOException {
        this.path = path;
        this.sliced = sliced;
        this.directory = FSDirectory.open(path);
        this.analyzers = new Analyzers();
        IndexWriterConfig config = new IndexWriterConfig(analyzers.perField())
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                .setIndexSort(INDEX_SORT)
                // Lucene otherwise waits up to 500 ms for merges on every near-real-time reopen.
                .setMaxFullFlushMergeWaitMillis(0)
                .setRAMBufferSizeMB(RAM_BUFFER_MB);
        this.writer = new IndexWriter(directory, config);
        this.searchers = new SearcherManager(writer, new SearcherFactory());
        this.pinned = new SearcherLifetimeManager();
        this.pairsParser = new ArchiveQueryParser(analyzers.perField(), true);
        this.positionsParser = new ArchiveQueryParser(analyzers.perField(), false);
        Map<String, String> live = liveMarks();
        this.current = writer.getDocStats().maxDoc == 0 || LAYOUT.equals(live.get(LAYOUT_MARK));
        if (current) {
            pairsFrom = 0;
        }
        if (current && !LAYOUT.equals(live.get(LAYOUT_MARK))) {
            // An empty index has the current layout: its first commit says so.
            writer.setLiveCommitData(withLayout(live).entrySet());
        }
    }

    /**
     * True when the index holds documents of an older field layout (made by an earlier version), until
     * {@link #rebuild}: searches stay exact, but phrases are found by reading positions, which is slower.
     */
    public boolean outdated() {
        return !current;
    }

    /**
     * After a rebuild is visible: searchers pinned for relevance cursors may still show documents of the old layout,
     * so they are dropped (those cursors go on with the current searcher) before phrases use pairs.
     */
    private void nowCurrent() throws IOException {
        if (!current) {
            IndexSearcher rebuilt = searchers.acquire();
            try {
                pairsFrom = ((DirectoryReader) rebuilt.getIndexReader()).getVersion();
            } finally {
                searchers.release(rebuilt);
            }
            pinned.prune((ageSeconds, searcher) -> true);
            current = true;
        }
    }

    /** The parser for a search on {@code searcher}: pairs only if every document of its reader has them. */
    private ArchiveQueryParser parserFor(IndexSearcher searcher) {
        return ((DirectoryReader) searcher.getIndexReader()).getVersion() >= pairsFrom ? pairsParser : positionsParser;
    }

    private ArchiveQueryParser parser() {
        return current ? pairsParser : positionsParser;
    }

    private Map<String, String> withLayout(Map<String, String> marks) {
        Map<String, String> all = new java.util.HashMap<>(marks);
        all.put(LAYOUT_MARK, LAYOUT);
        return all;
    }

    /** The commit data the next commit records: the last commit's, or what was set since. */
    private Map<String, String> liveMarks() {
        Map<String, String> marks = new java.util.HashMap<>();
        Iterable<Map.Entry<String, String>> live = writer.getLiveCommitData();
        if (live != null) {
            for (Map.Entry<String, String> e : live) {
                marks.put(e.getKey(), e.getValue());
            }
        }
        return marks;
    }

    /** Opens the index in {@code directory}, creating an empty one if there is none. */
    public static TweetIndex open(Path directory) {
        return open(directory, new SlicedSearches(Runtime.getRuntime().availableProcessors(),
                SlicedSearches.MIN_DOCS_PER_PART));
    }

    /** As {@link #open(Path)}, with facet searches split as {@code sliced} says (tests split small indexes). */
    static TweetIndex open(Path directory, SlicedSearches sliced) {
        try {
            return new TweetIndex(directory, sliced);
        } catch (IOException e) {
            sliced.close();
            throw new StorageException("The search index at " + directory + " could not be opened: " + e.getMessage(), e);
        }
    }

    /** Adds or replaces (by tweet id) these tweets; searches that start after this returns find them. */
    public void index(List<IndexedTweet> tweets) {
        add(tweets, id -> false);
    }

    /**
     * Like {@link #index}, but tweets whose id {@code isNew} accepts are added as new documents, which spares the
     * writer looking for an earlier document with the same id: the caller must know that no document with that id
     * is in the index and that the id occurs once in {@code tweets}, else the index would hold the tweet twice. The
     * others replace their earlier document, in list order.
     */
    public void add(List<IndexedTweet> tweets, Predicate<String> isNew) {
        try {
            long last = -1;
            for (IndexedTweet t : tweets) {
                last = Math.max(last, isNew.test(t.tweet().id())
                        ? writer.addDocument(TweetDocuments.build(t))
                        : writer.updateDocument(new Term(Fields.ID, t.tweet().id()), TweetDocuments.build(t)));
            }
            if (last >= 0) {
                wrote(last);
            }
        } catch (IOException e) {
            throw writeFailure(e);
        }
    }

    /** Removes the tweet with this id, if indexed; searches that start after this returns no longer find it. */
    public void delete(String id) {
        try {
            wrote(writer.deleteDocuments(new Term(Fields.ID, id)));
        } catch (IOException e) {
            throw writeFailure(e);
        }
    }

    /** Makes everything indexed so far durable. */
    public void commit() {
        try {
            writer.commit();
        } catch (IOException e) {
            throw writeFailure(e);
        }
    }

    /**
     * Makes everything indexed so far durable, recording {@code marks} with the commit (e.g. how far into the
     * archive's log the index is), so that after a crash the owner knows what to index again.
     */
    public void commit(Map<String, String> marks) {
        // Read-only commands close the record office too: with nothing indexed and the same marks there is
        // nothing to make durable, and a commit would still write and fsync a new commit point.
        Map<String, String> all = current ? withLayout(marks) : marks;
        if (!writer.hasUncommittedChanges() && all.equals(liveMarks())) {
            return;
        }
        writer.setLiveCommitData(all.entrySet());
        commit();
    }

    /** The marks of the last commit; empty for a new index. */
    public Map<String, String> committedMarks() {
        try {
            if (!DirectoryReader.indexExists(directory)) {
                return Map.of();
            }
            Map<String, String> marks = liveMarks();
            marks.remove(LAYOUT_MARK);
            return marks;
        } catch (IOException e) {
            throw new StorageException("The search index at " + path + " could not be read: " + e.getMessage(), e);
        }
    }

    /**
     * Replaces the whole index with the groups {@code feed} hands to the consumer it is given, then commits with
     * {@code marks}; searches see the old contents until then. No two groups may hold the same tweet id (a store
     * object, which holds every state of its tweets, is such a group); within a group a later tweet with an id
     * replaces an earlier one. Groups are indexed on {@code threads} threads while the feed produces the next.
     *
     * @return how many tweets were handed over, later states of a tweet included
     */
    public long rebuild(Consumer<Consumer<List<IndexedTweet>>> feed, Map<String, String> marks, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("A rebuild needs at least one thread, not " + threads + ".");
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "chancery-reindex");
            t.setDaemon(true);
            return t;
        });
        // Groups waiting for a thread hold their decoded tweets: a few per thread keep the threads busy.
        Semaphore room = new Semaphore(2 * threads);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long[] n = new long[1];
        // Fewer, larger segments to merge; each thread's last buffer is flushed on that thread below.
        double ramBuffer = writer.getConfig().getRAMBufferSizeMB();
        writer.getConfig().setRAMBufferSizeMB(rebuildBufferMB());
        try {
            // Searches during the rebuild keep this reader: nothing written before is left for them to reopen for.
            refreshNow();
            writer.deleteAll();
            feed.accept(group -> {
                n[0] += group.size();
                if (failure.get() != null) {
                    throw rebuildFailure(failure.get());
                }
                room.acquireUninterruptibly();
                pool.execute(() -> {
                    try {
                        if (failure.get() == null) {
                            addGroup(group);
                        }
                    } catch (IOException | RuntimeException | Error e) {
                        failure.compareAndSet(null, e);
                    } finally {
                        room.release();
                    }
                });
            });
            // Flushing every thread's buffer on its own thread, not all of them in the commit on this one.
            for (int i = 0; i < threads; i++) {
                pool.execute(() -> {
                    try {
                        writer.flushNextBuffer();
                    } catch (IOException | RuntimeException | Error e) {
                        failure.compareAndSet(null, e);
                    }
                });
            }
            pool.shutdown();
            awaitQuietly(pool);
            if (failure.get() != null) {
                throw rebuildFailure(failure.get());
            }
            writer.setLiveCommitData(withLayout(marks).entrySet());
            writer.commit();
            refreshNow();
            nowCurrent();
            return n[0];
        } catch (IOException e) {
            throw writeFailure(e);
        } finally {
            pool.shutdownNow();
            writer.getConfig().setRAMBufferSizeMB(ramBuffer);
        }
    }

    /** A quarter of the heap, at most 256 MB and at least the usual 64 MB. */
    private static double rebuildBufferMB() {
        double quarter = Runtime.getRuntime().maxMemory() / 4.0 / (1 << 20);
        return Math.clamp(quarter, RAM_BUFFER_MB, REBUILD_RAM_BUFFER_MB);
    }

    /** Adds the latest state of every tweet of a group: no other document has its id during a rebuild. */
    private void addGroup(List<IndexedTweet> group) throws IOException {
        Map<String, IndexedTweet> latest = new LinkedHashMap<>();
        for (IndexedTweet t : group) {
            latest.put(t.tweet().id(), t);
        }
        for (IndexedTweet t : latest.values()) {
            writer.addDocument(TweetDocuments.build(t));
        }
    }

    private RuntimeException rebuildFailure(Throwable failure) {
        return switch (failure) {
            case IOException e -> writeFailure(e);
            case RuntimeException e -> e;
            case Error e -> throw e;
            default -> new StorageException("Rebuilding the search index at " + path + " failed: " + failure, failure);
        };
    }

    private static void awaitQuietly(ExecutorService pool) {
        try {
            while (!pool.awaitTermination(1, TimeUnit.MINUTES)) {
                Thread.onSpinWait();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("Interrupted while rebuilding the search index.", e);
        }
    }

    /**
     * Replaces the whole index with {@code tweets} (read once, in any order) and commits. Searches see the old
     * contents until the rebuild is complete, unless a write is made meanwhile (searches after it see the partial
     * state), so rebuild while imports are paused.
     *
     * @return how many tweets were indexed
     */
    public long rebuild(Iterator<IndexedTweet> tweets) {
        try {
            refreshNow();
            writer.deleteAll();
            long n = 0;
            while (tweets.hasNext()) {
                IndexedTweet t = tweets.next();
                // Not counted as a write: searches keep the old reader until the rebuild is complete.
                writer.updateDocument(new Term(Fields.ID, t.tweet().id()), TweetDocuments.build(t));
                n++;
            }
            writer.setLiveCommitData(withLayout(liveMarks()).entrySet());
            writer.commit();
            refreshNow();
            nowCurrent();
            return n;
        } catch (IOException e) {
            throw writeFailure(e);
        }
    }

    /** How many tweets are in the index. */
    public long size() {
        return withSearcher(s -> (long) s.getIndexReader().numDocs());
    }

    /** Parses {@code query} without running it: throws {@link QuerySyntaxException} if it is malformed. */
    public void checkQuery(String query) {
        parser().parse(query);
    }

    /** The exact number of tweets matching {@code query}; throws {@link QuerySyntaxException} if malformed. */
    public long count(String query) {
        Query q = parser().parse(query);
        return withSearcher(s -> (long) s.count(q));
    }

    /**
     * True when the indexed tweet with this id matches {@code query}: how retention policies and legal holds that
     * select records by query are evaluated. False when the tweet is not indexed.
     *
     * @throws QuerySyntaxException when the query is malformed
     */
    public boolean matches(String tweetId, String query) {
        Query q = new BooleanQuery.Builder()
                .add(parser().parse(query), Occur.MUST)
                .add(new org.apache.lucene.search.TermQuery(new Term(Fields.ID, tweetId)), Occur.FILTER)
                .build();
        return withSearcher(s -> s.count(q) > 0);
    }

    /** Runs one search page; see {@link SearchRequest} and {@link SearchResult}. */
    public SearchResult search(SearchRequest request) {
        lastSearchNanos = System.nanoTime();
        SortField[] sort = sortFields(request.sort());
        String fingerprint = fingerprint(request);
        Cursor cursor = request.cursor() == null ? null : Cursor.decode(request.cursor(), fingerprint, sort);
        boolean relevance = request.sort() == SortOrder.RELEVANCE;
        try {
            IndexSearcher searcher = null;
            boolean fromPinned = false;
            if (relevance && cursor != null && cursor.searcherVersion() >= 0) {
                searcher = pinned.acquire(cursor.searcherVersion());
                fromPinned = searcher != null;
            }
            if (searcher == null) {
                catchUp();
                searcher = searchers.acquire();
            }
            try {
                // Parsed for this searcher's layout: a pinned one may predate the word pairs.
                ArchiveQueryParser parser = parserFor(searcher);
                Query parsed = parser.parse(request.query());
                long version = relevance ? pinned.record(searcher) : -1;
                Query query = effectiveQuery(parser, parsed, request, searcher.getIndexReader());
                return run(searcher, query, request, sort, cursor, fingerprint, version);
            } finally {
                if (fromPinned) {
                    pinned.release(searcher);
                } else {
                    searchers.release(searcher);
                }
            }
        } catch (IOException e) {
            throw new StorageException("The search index at " + path + " could not be read: " + e.getMessage(), e);
        }
    }

    /**
     * Opens a scan over the ids of every tweet matching {@code query}, oldest first (as {@link SortOrder#DATE_ASC}
     * pages them), over the index as it is now: what an export walks instead of paging searches. Close the scan.
     *
     * @throws QuerySyntaxException when the query is malformed
     */
    public IdScan scanIds(String query) {
        return scanIds(query, IdScan.BLOCK);
    }

    /** {@link #scanIds(String)} reading {@code block} documents per step (small in tests, to cross blocks). */
    IdScan scanIds(String query, int block) {
        Query q = parser().parse(query);
        try {
            catchUp();
            IndexSearcher searcher = searchers.acquire();
            boolean[] released = {false};
            return IdScan.open(searcher, q, INDEX_SORT, block, () -> {
                if (!released[0]) {
                    released[0] = true;
                    try {
                        searchers.release(searcher);
                    } catch (IOException e) {
                        throw new UncheckedIOException("The search index at " + path + " could not release a"
                                + " searcher", e);
                    }
                }
            });
        } catch (IOException e) {
            throw new StorageException("The search index at " + path + " could not be read: " + e.getMessage(), e);
        }
    }

    private SearchResult run(IndexSearcher searcher, Query query, SearchRequest request, SortField[] sort,
                             Cursor cursor, String fingerprint, long version) throws IOException {
        FieldDoc after = cursor == null ? null : cursor.after(sort);
        TopFieldCollectorManager top =
                new TopFieldCollectorManager(new Sort(sort), request.limit() + 1, after, Integer.MAX_VALUE);
        TopFieldDocs docs;
        Map<Facet, List<FacetCount>> facets = Map.of();
        if (request.facets().isEmpty()) {
            docs = searcher.search(query, top);
        } else {
            // Facets count every hit: both cores share that (a searcher over the same reader, so the same view).
            Object[] both = sliced.over(searcher.getIndexReader()).search(query,
                    new MultiCollectorManager(top, new FacetCollectorManager(request.facets())));
            docs = (TopFieldDocs) both[0];
            @SuppressWarnings("unchecked")
            Map<Facet, List<FacetCount>> counted = (Map<Facet, List<FacetCount>>) both[1];
            facets = counted;
        }
        // The first page's collector counts every hit exactly (no threshold); with search-after it may count only
        // what follows the cursor, so later pages count apart. Counting again on the first page would run the query
        // twice, which phrase queries pay for in full.
        long total = after == null && docs.totalHits.relation() == TotalHits.Relation.EQUAL_TO
                ? docs.totalHits.value() : searcher.count(query);
        ScoreDoc[] page = docs.scoreDocs;
        int shown = Math.min(page.length, request.limit());
        String next = null;
        if (page.length > request.limit()) {
            next = Cursor.of(fingerprint, version, (FieldDoc) page[shown - 1]).encode();
        }
        List<Hit> hits = new ArrayList<>(shown);
        // Asking every hit which fields matched is costly; only free-text queries have parts to report.
        Weight weight = searchesText(query)
                ? searcher.createWeight(searcher.rewrite(query), ScoreMode.COMPLETE_NO_SCORES, 1f) : null;
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        StoredFields stored = searcher.storedFields();
        UnifiedHighlighter highlighter = request.highlight() ? UnifiedHighlighter.builder(searcher, analyzers.perField())
                .withMaxNoHighlightPassages(0)
                .withFormatter(new DefaultPassageFormatter("<mark>", "</mark>", "… ", true))
                .build() : null;
        // The highlighter marks the terms of the text field it shows, which a phrase's pair term is not.
        Query marked = highlighter == null || shown == 0 ? null : effectiveQuery(positionsParser,
                positionsParser.parse(request.query()), request, searcher.getIndexReader());
        for (int i = 0; i < shown; i++) {
            int doc = page[i].doc;
            // One read per hit: every stored field a hit shows, and its tweet text under whichever language it has
            // (each read decompresses the document's block again).
            DocumentStoredFieldVisitor visitor = new DocumentStoredFieldVisitor() {
                @Override
                public Status needsField(FieldInfo field) {
                    return HIT_FIELDS.contains(field.name) || field.name.startsWith(Fields.text(Fields.PART_TWEET, ""))
                            ? Status.YES : Status.NO;
                }
            };
            stored.document(doc, visitor);
            Document d = visitor.getDocument();
            List<String> textFields = new ArrayList<>();
            textFields.add(Fields.text(Fields.PART_TWEET, d.get(Fields.TEXT_KEY)));
            if (d.get(Fields.QUOTED_KEY) != null) {
                textFields.add(Fields.text(Fields.PART_QUOTED, d.get(Fields.QUOTED_KEY)));
            }
            if (d.get(Fields.RETWEETED_KEY) != null) {
                textFields.add(Fields.text(Fields.PART_RETWEETED, d.get(Fields.RETWEETED_KEY)));
            }
            String text = d.get(textFields.getFirst());
            LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
            Set<String> parts = weight == null ? Set.of() : matchedParts(weight.matches(leaf, doc - leaf.docBase));
            String snippet = highlighter == null ? null : snippet(highlighter, marked, doc, textFields);
            hits.add(new Hit(d.get(Fields.ID), d.get(Fields.HANDLE_DISPLAY),
                    Instant.ofEpochMilli(d.getField(Fields.CREATED_AT).numericValue().longValue()),
                    text, parts, snippet));
        }
        return new SearchResult(total, hits, next, facets);
    }

    /** True if a non-negated clause of {@code query} searches a text field. */
    private static boolean searchesText(Query query) {
        boolean[] found = {false};
        query.visit(new QueryVisitor() {
            @Override
            public boolean acceptField(String field) {
                found[0] |= Fields.partOf(field) != null;
                return false;
            }
        });
        return found[0];
    }

    private static Set<String> matchedParts(Matches matches) {
        Set<String> parts = new TreeSet<>();
        if (matches != null) {
            for (String field : matches) {
                String part = Fields.partOf(field);
                if (part != null) {
                    parts.add(part);
                }
            }
        }
        return parts;
    }

    private static String snippet(UnifiedHighlighter highlighter, Query query, int doc, List<String> fields)
            throws IOException {
        int[] passages = new int[fields.size()];
        java.util.Arrays.fill(passages, 1);
        Map<String, String[]> found = highlighter.highlightFields(fields.toArray(new String[0]), query,
                new int[] {doc}, passages);
        for (String f : fields) {
            String[] s = found.get(f);
            if (s != null && s[0] != null) {
                return s[0];
            }
        }
        return null;
    }

    /** The parsed query with the request's visibility filter, excluded ids and access scope, for this reader. */
    private Query effectiveQuery(ArchiveQueryParser parser, Query q, SearchRequest request, IndexReader reader)
            throws IOException {
        if (request.visibility() == null && request.excludedIds().isEmpty() && request.scope() == null) {
            return q;
        }
        BooleanQuery.Builder b = new BooleanQuery.Builder().add(q, Occur.MUST);
        if (request.visibility() != null) {
            b.add(parser.parse(request.visibility()), Occur.FILTER);
        }
        if (!request.excludedIds().isEmpty()) {
            b.add(new TermInSetQuery(Fields.ID,
                    request.excludedIds().stream().map(BytesRef::new).toList()), Occur.MUST_NOT);
        }
        if (request.scope() != null) {
            ScopeFilter.restrict(b, request.scope(), reader);
        }
        return b.build();
    }

    private static SortField[] sortFields(SortOrder order) {
        return switch (order) {
            case RELEVANCE -> new SortField[] {SortField.FIELD_SCORE, NEWEST, ID_ASC};
            case DATE_DESC -> new SortField[] {NEWEST, ID_ASC};
            case DATE_ASC -> new SortField[] {new SortField(Fields.CREATED_AT, SortField.Type.LONG), ID_ASC};
            case ENGAGEMENT -> new SortField[] {
                    new SortField(Fields.ENGAGEMENT, SortField.Type.LONG, true), NEWEST, ID_ASC};
        };
    }

    /** Binds a cursor to the query, filter and order it was issued for. */
    private static String fingerprint(SearchRequest r) {
        // The scope's levels bind the cursor, its instant does not: a caller pages on while time passes.
        String key = r.query() + "\u0000" + r.sort() + "\u0000" + r.visibility() + "\u0000"
                + new TreeSet<>(r.excludedIds()).stream().collect(Collectors.joining(",")) + "\u0000"
                + (r.scope() == null ? "" : new TreeSet<>(r.scope().allowedLevels()).stream().collect(Collectors.joining(",")));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** Acknowledges writes up to {@code sequenceNumber}, reopening first while searches are being served. */
    private void wrote(long sequenceNumber) throws IOException {
        if (System.nanoTime() - lastSearchNanos < SEARCHING_WINDOW_NANOS) {
            refreshNow();
        }
        written.accumulateAndGet(sequenceNumber, Math::max);
    }

    /** Reopens the reader if a write that returned before this call is not visible yet. */
    private void catchUp() throws IOException {
        long target = written.get();
        if (searchable.get() >= target) {
            return;
        }
        synchronized (reopening) {
            // A reopen that finished while this thread waited may already show the target.
            if (searchable.get() < target) {
                refreshNow();
            }
        }
    }

    private void refreshNow() throws IOException {
        synchronized (reopening) {
            // Every operation numbered up to here has returned, so the reader opened next includes it.
            long upTo = writer.getMaxCompletedSequenceNumber();
            searchers.maybeRefreshBlocking();
            searchable.accumulateAndGet(upTo, Math::max);
            pinned.prune(new SearcherLifetimeManager.PruneByAge(RELEVANCE_SEARCHER_SECONDS));
        }
    }

    private interface SearcherFunction<T> {
        T apply(IndexSearcher s) throws IOException;
    }

    private <T> T withSearcher(SearcherFunction<T> f) {
        try {
            catchUp();
            IndexSearcher s = searchers.acquire();
            try {
                return f.apply(s);
            } finally {
                searchers.release(s);
            }
        } catch (IOException e) {
            throw new StorageException("The search index at " + path + " could not be read: " + e.getMessage(), e);
        }
    }

    private StorageException writeFailure(IOException e) {
        return new StorageException("The search index at " + path + " could not be written: " + e.getMessage(), e);
    }

    /** Commits and closes the index. */
    @Override
    public void close() {
        try {
            pinned.close();
            searchers.close();
            writer.close();
            directory.close();
        } catch (IOException e) {
            throw new UncheckedIOException("The search index at " + path + " could not be closed", e);
        } finally {
            sliced.close();
            analyzers.close();
        }
    }
}
