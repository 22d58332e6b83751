package org.chancery.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.BytesTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.TermToBytesRefAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.BytesRefBuilder;

/**
 * Adjacent-term pairs of the text fields, so that phrases are found without reading positions.
 *
 * <p>Beside each text field {@code F}, the field {@code F_pairs} ({@link Fields#pairs}) holds one term per pair of
 * terms that {@code F} has at adjacent positions (a term at position p and one at p + 1, every combination where an
 * analyser stacks several terms on a position). So the phrase query of two adjacent terms on {@code F} matches exactly
 * the documents whose {@code F_pairs} has their pair: one posting list instead of two lists intersected and their
 * positions compared. Longer phrases keep the phrase query, with their pairs as filters that narrow the documents
 * whose positions are read.
 *
 * <p>The pairs are taken from the very terms and positions the indexer gives {@code F} (its positions across
 * several values of a field included): the text field's token stream is watched as the indexer consumes it, and the
 * pairs field, added to the document after every text field, is consumed after it. The indexer inverts a document's
 * fields in the order they were added; {@code WordPairsTest} checks the equivalence on real text in every analyser.
 *
 * <p>A pair term is the first term's length in two bytes, then both terms' bytes, so no two pairs share a term.
 * Terms longer than {@link #MAX_TERM_BYTES} are left out of pairs (keeping pair terms within Lucene's term length
 * limit), and phrases with such a term keep the phrase query.
 */
final class WordPairs {
    /** The longest term (UTF-8 bytes) pairs are made of. */
    static final int MAX_TERM_BYTES = 1_000;

    /**
     * Documents and norms only: a pair rarely occurs twice in a tweet, so frequencies would be postings to write and
     * sort for nothing. The norm keeps the ranking by text length that the phrase had.
     */
    private static final FieldType PAIRS_TYPE = pairsType();

    /** The pairs recorded for each text field of the document being built, in the order the fields were added. */
    private final Map<String, Recorded> byField = new LinkedHashMap<>();

    private static FieldType pairsType() {
        FieldType t = new FieldType();
        t.setIndexOptions(IndexOptions.DOCS);
        t.setTokenized(true);
        t.setStored(false);
        t.setOmitNorms(false);
        t.freeze();
        return t;
    }

    /** The pair term of {@code first} followed by {@code second}; both at most {@link #MAX_TERM_BYTES} long. */
    static BytesRef pair(BytesRef first, BytesRef second) {
        byte[] b = new byte[2 + first.length + second.length];
        b[0] = (byte) (first.length >>> 8);
        b[1] = (byte) first.length;
        System.arraycopy(first.bytes, first.offset, b, 2, first.length);
        System.arraycopy(second.bytes, second.offset, b, 2 + first.length, second.length);
        return new BytesRef(b);
    }

    /**
     * The text field {@code field} of {@code text} (not stored) for a document built with this instance; its pairs
     * are recorded when the indexer inverts it.
     */
    Field textField(String field, String text) {
        Recorded recorded = byField.computeIfAbsent(field, f -> new Recorded());
        return new Field(field, text, TextField.TYPE_NOT_STORED) {
            @Override
            public TokenStream tokenStream(Analyzer analyzer, TokenStream reuse) {
                return new Recorder(analyzer.tokenStream(name(), stringValue()), recorded,
                        analyzer.getPositionIncrementGap(name()));
            }
        };
    }

    /** Adds one pairs field per text field made by {@link #textField}; call after the last text field is added. */
    void addPairFields(Document d) {
        byField.forEach((field, recorded) -> d.add(new Field(Fields.pairs(field), new Replay(recorded), PAIRS_TYPE)));
    }

    /**
     * The query to run for {@code built}, the query a {@code QueryBuilder} made of a phrase on the text field
     * {@code field}: a two-term phrase of adjacent terms becomes its pair, a longer one keeps the phrase and is
     * narrowed by its adjacent pairs; anything else is returned as it is.
     */
    static Query forPhrase(String field, Query built) {
        if (!(built instanceof PhraseQuery phrase) || phrase.getSlop() != 0 || phrase.getTerms().length < 2) {
            return built;
        }
        Term[] terms = phrase.getTerms();
        int[] positions = phrase.getPositions();
        List<Query> pairs = new ArrayList<>();
        for (int i = 0; i + 1 < terms.length; i++) {
            BytesRef a = terms[i].bytes();
            BytesRef b = terms[i + 1].bytes();
            if (positions[i + 1] - positions[i] == 1 && a.length <= MAX_TERM_BYTES && b.length <= MAX_TERM_BYTES) {
                pairs.add(new TermQuery(new Term(Fields.pairs(field), pair(a, b))));
            }
        }
        if (pairs.isEmpty()) {
            return built;
        }
        if (terms.length == 2) {
            return pairs.getFirst();
        }
        BooleanQuery.Builder narrowed = new BooleanQuery.Builder().add(phrase, Occur.MUST);
        pairs.forEach(p -> narrowed.add(p, Occur.FILTER));
        return narrowed.build();
    }

    /** The pairs of one text field of one document, and where its last value left off. */
    private static final class Recorded {
        final List<BytesRef> pairs = new ArrayList<>();
        /**
         * Terms at the last position the indexer reached (counting on across values of the field, as it does) and at
         * the position before it.
         */
        BytesRefBuilder[] current = new BytesRefBuilder[0];
        int currentCount;
        BytesRefBuilder[] previous = new BytesRefBuilder[0];
        int previousCount;

        void term(BytesRef term, int increment) {
            advance(increment);
            if (term.length > MAX_TERM_BYTES) {
                return;
            }
            for (int i = 0; i < previousCount; i++) {
                pairs.add(pair(previous[i].get(), term));
            }
            if (currentCount == current.length) {
                current = Arrays.copyOf(current, currentCount + 1);
                current[currentCount] = new BytesRefBuilder();
            }
            current[currentCount++].copyBytes(term);
        }

        /** After a value: its final position increment, then the gap the indexer leaves before the next value. */
        void endOfValue(int finalIncrement, int gap) {
            advance(finalIncrement + gap);
        }

        private void advance(int increment) {
            if (increment > 0) {
                BytesRefBuilder[] swap = previous;
                previous = current;
                previousCount = increment == 1 ? currentCount : 0;
                current = swap;
                currentCount = 0;
            }
        }
    }

    /** Passes the text field's terms to the indexer unchanged, recording its pairs. */
    private static final class Recorder extends TokenFilter {
        private final TermToBytesRefAttribute term = getAttribute(TermToBytesRefAttribute.class);
        private final PositionIncrementAttribute increment = addAttribute(PositionIncrementAttribute.class);
        private final Recorded recorded;
        private final int gap;

        Recorder(TokenStream input, Recorded recorded, int gap) {
            super(input);
            this.recorded = recorded;
            this.gap = gap;
        }

        @Override
        public boolean incrementToken() throws IOException {
            if (!input.incrementToken()) {
                return false;
            }
            recorded.term(term.getBytesRef(), increment.getPositionIncrement());
            return true;
        }

        @Override
        public void end() throws IOException {
            super.end();
            recorded.endOfValue(increment.getPositionIncrement(), gap);
        }
    }

    /** The recorded pairs of one field, as the pairs field's terms. */
    private static final class Replay extends TokenStream {
        private final BytesTermAttribute term = addAttribute(BytesTermAttribute.class);
        private final Recorded recorded;
        private int next;

        Replay(Recorded recorded) {
            this.recorded = recorded;
        }

        @Override
        public boolean incrementToken() {
            if (next == recorded.pairs.size()) {
                return false;
            }
            clearAttributes();
            term.setBytesRef(recorded.pairs.get(next++));
            return true;
        }

        @Override
        public void reset() throws IOException {
            super.reset();
            next = 0;
        }
    }
}
