package org.chancery.index;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.BulkScorer;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.FixedBitSet;
import org.chancery.StorageException;

/**
 * Every tweet id matching a query, oldest first (the order of {@link SortOrder#DATE_ASC}: posting time, then id),
 * over one snapshot of the index: what an export walks. Unlike paging {@link TweetIndex#search}, the query runs once,
 * nothing is re-sorted per page and no stored field is read: ids and times come from doc values.
 *
 * <p>How: the query's matches are marked in one bit set per segment (one bit per indexed document). Segments are
 * sorted newest first (the index sort), so each is read backwards in blocks of {@value #BLOCK} documents, each block's
 * matches sorted by time and id; a k-way merge over the segments gives the global order. Memory is the bit sets plus
 * at most a block's matches per segment (more only while one posting time spans blocks), whatever the result size.
 *
 * <p>Holds a searcher until closed: close it (try-with-resources), or the index keeps the snapshot's files.
 */
public final class IdScan implements Closeable {
    /** Documents read per step of a segment's backward walk. */
    static final int BLOCK = 4_096;
    private static final Comparator<Entry> ORDER =
            Comparator.comparingLong(Entry::createdAt).thenComparing(Entry::id);

    private final Runnable release;
    private final PriorityQueue<Segment> queue = new PriorityQueue<>(Comparator.comparing(Segment::head, ORDER));
    private final long total;
    private boolean closed;

    private IdScan(Runnable release, List<Segment> segments) throws IOException {
        this.release = release;
        long n = 0;
        for (Segment s : segments) {
            n += s.bits.cardinality();
            if (s.advance()) {
                queue.add(s);
            }
        }
        this.total = n;
    }

    /**
     * Runs {@code query} once over {@code searcher}; {@code release} is called on {@link #close} (or at once if
     * opening fails) to give the searcher back.
     */
    static IdScan open(IndexSearcher searcher, Query query, Sort indexSort, int block, Runnable release)
            throws IOException {
        try {
            Weight weight = searcher.createWeight(searcher.rewrite(query), ScoreMode.COMPLETE_NO_SCORES, 1f);
            List<Segment> segments = new ArrayList<>();
            for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
                LeafReader reader = leaf.reader();
                BulkScorer scorer = weight.bulkScorer(leaf);
                if (scorer == null) {
                    continue;
                }
                FixedBitSet bits = new FixedBitSet(Math.max(1, reader.maxDoc()));
                scorer.score(new LeafCollector() {
                    @Override
                    public void setScorer(Scorable scorable) {
                        // Matches only: no scores are read.
                    }

                    @Override
                    public void collect(int doc) {
                        bits.set(doc);
                    }
                }, reader.getLiveDocs(), 0, DocIdSetIterator.NO_MORE_DOCS);
                // A segment not in the index's order (none should be) is read in one block, which is still right.
                boolean newestFirst = indexSort.equals(reader.getMetaData().sort());
                segments.add(new Segment(reader, bits, newestFirst ? block : Integer.MAX_VALUE));
            }
            return new IdScan(release, segments);
        } catch (IOException | RuntimeException e) {
            release.run();
            throw e;
        }
    }

    /** How many tweets match: fixed when the scan opens. */
    public long total() {
        return total;
    }

    /** The next at most {@code max} ids in order; empty when the scan is done. */
    public List<String> next(int max) {
        if (max <= 0) {
            throw new IllegalArgumentException("A scan step needs a positive number of ids, got " + max + ".");
        }
        if (closed) {
            throw new IllegalStateException("The id scan is closed.");
        }
        List<String> ids = new ArrayList<>(Math.min(max, 1_024));
        try {
            while (ids.size() < max && !queue.isEmpty()) {
                Segment s = queue.poll();
                ids.add(s.head().id().utf8ToString());
                if (s.advance()) {
                    queue.add(s);
                }
            }
        } catch (IOException e) {
            throw new StorageException("The search index could not be read during an id scan: " + e.getMessage(), e);
        }
        return ids;
    }

    /** Gives the searcher back; later calls do nothing. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            queue.clear();
            release.run();
        }
    }

    /** A match: its posting time (epoch ms) and id. */
    private record Entry(long createdAt, BytesRef id) {}

    /** One segment's matches in order: read backwards in blocks, held back while a posting time may continue. */
    private static final class Segment {
        private final LeafReader reader;
        private final FixedBitSet bits;
        /** Documents per block; the whole segment when it is not sorted newest first. */
        private final int block;
        /** Documents below this are not read yet. */
        private int unread;
        /** Read matches, sorted; {@code [next, ready)} are final, the rest wait for the block before them. */
        private List<Entry> pending = new ArrayList<>();
        private int next;
        private int ready;
        private Entry head;

        Segment(LeafReader reader, FixedBitSet bits, int block) {
            if (block <= 0) {
                throw new IllegalArgumentException("A scan block needs a positive size, got " + block + ".");
            }
            this.reader = reader;
            this.bits = bits;
            this.block = block;
            this.unread = reader.maxDoc();
        }

        Entry head() {
            return head;
        }

        /** Moves {@link #head} to the next match; false when the segment has no more. */
        boolean advance() throws IOException {
            while (next == ready) {
                if (unread == 0) {
                    head = null;
                    return false;
                }
                load();
            }
            head = pending.get(next++);
            return true;
        }

        /** Reads the block below {@link #unread} and decides which read matches are final. */
        private void load() throws IOException {
            int hi = unread;
            int lo = Math.max(0, hi - block);
            // Doc values iterate forwards only: fresh ones per block (cheap; a handful per million documents).
            NumericDocValues created = DocValues.getNumeric(reader, Fields.CREATED_AT);
            SortedDocValues ids = DocValues.getSorted(reader, Fields.ID);
            // Every document below the block was posted no earlier than document lo - 1, and every match read so
            // far no later: matches posted before that instant are final; those at it may have ties further down.
            long bound = Long.MAX_VALUE;
            boolean bounded = lo > 0;
            if (bounded) {
                bound = created.advanceExact(lo - 1) ? created.longValue() : 0L;
            }
            List<Entry> read = new ArrayList<>(pending.size() - next + 64);
            read.addAll(pending.subList(next, pending.size()));
            for (int doc = lo < bits.length() ? bits.nextSetBit(lo) : DocIdSetIterator.NO_MORE_DOCS; doc < hi;
                    doc = doc + 1 < bits.length() ? bits.nextSetBit(doc + 1) : DocIdSetIterator.NO_MORE_DOCS) {
                // A document without a time sorts as 0, as Lucene's sort does with a missing long.
                long at = created.advanceExact(doc) ? created.longValue() : 0L;
                if (!ids.advanceExact(doc)) {
                    throw new StorageException("The search index holds a document without a tweet id (segment "
                            + reader + ", document " + doc + "); rebuild the index.");
                }
                read.add(new Entry(at, BytesRef.deepCopyOf(ids.lookupOrd(ids.ordValue()))));
            }
            read.sort(ORDER);
            int finalCount = read.size();
            if (bounded) {
                finalCount = 0;
                while (finalCount < read.size() && read.get(finalCount).createdAt() < bound) {
                    finalCount++;
                }
            }
            pending = read;
            next = 0;
            ready = finalCount;
            unread = lo;
        }
    }
}
