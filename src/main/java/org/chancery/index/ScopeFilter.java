package org.chancery.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PointValues;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.util.BytesRef;

/**
 * Restricts a query to what an {@link AccessScope} may see, in the cheaper of two equivalent forms for one reader.
 *
 * <p>The direct form keeps a tweet when (its lasting level is allowed and no embargo runs) or (an embargo runs and
 * its level is allowed): every candidate of the query is checked against postings that hold nearly every tweet of a
 * typical archive. The complement form removes a tweet when (no embargo runs and its lasting level is one the scope
 * does not allow) or (an embargo runs and its level is one the scope does not allow), naming the disallowed levels
 * the reader actually holds: for staff, who see all but restricted tweets, that is a few postings or none at all.
 *
 * <p>The two select the same tweets when every document of the reader has exactly one lasting level and every
 * document with an embargo end has exactly one embargo level, which {@link TweetDocuments} guarantees for tweets
 * indexed with {@link AccessFacts}; a tweet indexed without them is hidden by the direct form but not by the
 * complement, so the complement is used only when the reader's statistics show that no document lacks them.
 */
final class ScopeFilter {
    private ScopeFilter() {}

    /** Adds to {@code b} the clauses that keep only what {@code scope} may see in {@code reader}. */
    static void restrict(BooleanQuery.Builder b, AccessScope scope, IndexReader reader) throws IOException {
        List<Query> hidden = complement(scope, reader, false);
        if (hidden == null) {
            b.add(direct(scope), Occur.FILTER);
        } else {
            hidden.forEach(h -> b.add(h, Occur.MUST_NOT));
        }
    }

    /**
     * (lasting level allowed AND no embargo running) OR (embargo running AND its level allowed), where an embargo
     * runs while {@code now} is before its end, as in the retention engine.
     */
    static Query direct(AccessScope scope) {
        Query running = running(scope);
        List<BytesRef> allowed = scope.allowedLevels().stream().sorted().map(BytesRef::new).toList();
        Query lasting = new BooleanQuery.Builder()
                .add(new TermInSetQuery(Fields.ACCESS, allowed), Occur.FILTER)
                .add(running, Occur.MUST_NOT)
                .build();
        Query embargoed = new BooleanQuery.Builder()
                .add(running, Occur.FILTER)
                .add(new TermInSetQuery(Fields.EMBARGO_ACCESS, allowed), Occur.FILTER)
                .build();
        return new BooleanQuery.Builder()
                .add(lasting, Occur.SHOULD)
                .add(embargoed, Occur.SHOULD)
                .setMinimumNumberShouldMatch(1)
                .build();
    }

    private static Query running(AccessScope scope) {
        return LongPoint.newRangeQuery(Fields.EMBARGO_UNTIL, Math.addExact(scope.now().toEpochMilli(), 1),
                Long.MAX_VALUE);
    }

    /**
     * The clauses that remove what the scope may not see, or null when the complement is not equivalent for this
     * reader or, unless {@code evenIfCostlier}, would read more postings than the direct form.
     */
    static List<Query> complement(AccessScope scope, IndexReader reader, boolean evenIfCostlier) throws IOException {
        Set<BytesRef> allowed = new TreeSet<>();
        scope.allowedLevels().forEach(l -> allowed.add(new BytesRef(l)));
        Set<BytesRef> lastingDenied = new TreeSet<>();
        Set<BytesRef> embargoDenied = new TreeSet<>();
        long allowedPostings = 0;
        long deniedPostings = 0;
        for (LeafReaderContext leaf : reader.leaves()) {
            int maxDoc = leaf.reader().maxDoc();
            if (maxDoc == 0) {
                continue;
            }
            Terms access = leaf.reader().terms(Fields.ACCESS);
            if (access == null || access.getDocCount() != maxDoc || access.getSumDocFreq() != maxDoc) {
                return null;
            }
            Terms embargo = leaf.reader().terms(Fields.EMBARGO_ACCESS);
            PointValues until = leaf.reader().getPointValues(Fields.EMBARGO_UNTIL);
            long embargoDocs = embargo == null ? 0 : embargo.getDocCount();
            long untilDocs = until == null ? 0 : until.getDocCount();
            if (embargoDocs != untilDocs || embargo != null && embargo.getSumDocFreq() != embargoDocs
                    || until != null && until.size() != untilDocs) {
                return null;
            }
            long[] counts = collect(access, allowed, lastingDenied);
            allowedPostings += counts[0];
            deniedPostings += counts[1];
            if (embargo != null) {
                deniedPostings += collect(embargo, allowed, embargoDenied)[1];
            }
        }
        if (deniedPostings > allowedPostings && !evenIfCostlier) {
            return null;
        }
        List<Query> hidden = new ArrayList<>();
        if (!lastingDenied.isEmpty()) {
            hidden.add(new BooleanQuery.Builder()
                    .add(new TermInSetQuery(Fields.ACCESS, List.copyOf(lastingDenied)), Occur.FILTER)
                    .add(running(scope), Occur.MUST_NOT)
                    .build());
        }
        if (!embargoDenied.isEmpty()) {
            hidden.add(new BooleanQuery.Builder()
                    .add(running(scope), Occur.FILTER)
                    .add(new TermInSetQuery(Fields.EMBARGO_ACCESS, List.copyOf(embargoDenied)), Occur.FILTER)
                    .build());
        }
        return hidden;
    }

    /** Adds the terms of {@code terms} not in {@code allowed} to {@code denied}; returns {allowed, denied} postings. */
    private static long[] collect(Terms terms, Set<BytesRef> allowed, Set<BytesRef> denied) throws IOException {
        long[] counts = new long[2];
        TermsEnum te = terms.iterator();
        for (BytesRef t = te.next(); t != null; t = te.next()) {
            if (allowed.contains(t)) {
                counts[0] += te.docFreq();
            } else {
                denied.add(BytesRef.deepCopyOf(t));
                counts[1] += te.docFreq();
            }
        }
        return counts;
    }
}
