package org.chancery.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.DelegatingAnalyzerWrapper;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.core.WhitespaceTokenizer;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.KeywordRepeatFilter;
import org.apache.lucene.analysis.miscellaneous.RemoveDuplicatesTokenFilter;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.TermToBytesRefAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.Term;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.QueryBuilder;
import org.chancery.record.Author;
import org.chancery.record.Provenance;
import org.chancery.record.SourceFormat;
import org.chancery.record.Tweet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A phrase found through {@link WordPairs} matches exactly the documents the phrase query matches by positions, the
 * oracle here: for phrases taken from real text, on every text field, in every language's analyser.
 */
class WordPairsTest {
    private static final List<String> KEYS = List.of("en", "fr", "es", "ru", "ar", "zh", "ja", "other");

    @TempDir
    Path dir;

    /** The congresstweets fixture (English, retweets, quotes) and the multilingual rows under every language key. */
    private static List<Tweet> corpus() throws IOException {
        List<Tweet> tweets = new ArrayList<>(new CongressTweetsFixtureLoader().load("2017-07-10.json"));
        ObjectMapper json = new ObjectMapper();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                WordPairsTest.class.getResourceAsStream("/fixtures/index/multilingual.jsonl"), StandardCharsets.UTF_8))) {
            long id = 1;
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                JsonNode row = json.readTree(line);
                for (String key : KEYS) {
                    Instant at = Instant.parse("2020-01-01T00:00:00Z");
                    tweets.add(Tweet.builder().id(Long.toString(id++)).author(new Author("1", "multi", null))
                            .createdAt(at).text(row.get("text").asText()).lang(key)
                            .provenance(new Provenance(SourceFormat.API_V1, "multilingual.jsonl", "-", at, "test"))
                            .build());
                }
            }
        }
        return tweets;
    }

    /**
     * Two and three consecutive words of every tenth congresstweets text and of every multilingual one, and two to
     * four characters of text without spaces.
     */
    private static Set<String> phrases(List<Tweet> tweets) {
        Set<String> out = new LinkedHashSet<>();
        for (int n = 0; n < tweets.size(); n++) {
            Tweet t = tweets.get(n);
            if (n % 10 != 0 && !t.author().handle().equals("multi")) {
                continue;
            }
            String[] words = t.text().split("\\s+");
            for (int i = 0; i + 1 < words.length; i += 4) {
                out.add(words[i] + " " + words[i + 1]);
                if (i + 2 < words.length) {
                    out.add(words[i] + " " + words[i + 1] + " " + words[i + 2]);
                }
            }
            for (String w : words) {
                if (w.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN
                        || Character.UnicodeScript.of(c) == Character.UnicodeScript.HIRAGANA
                        || Character.UnicodeScript.of(c) == Character.UnicodeScript.KATAKANA)) {
                    for (int len = 2; len <= 4; len++) {
                        for (int i = 0; i + len <= w.length(); i += 2) {
                            out.add(w.substring(i, i + len));
                        }
                    }
                }
            }
        }
        return out;
    }

    private static List<String> allKeys() {
        List<String> keys = new ArrayList<>(Fields.LANGUAGE_KEYS);
        keys.add(Fields.ALL);
        return keys;
    }

    private static Set<Integer> docs(IndexSearcher s, Query q) throws IOException {
        Set<Integer> docs = new HashSet<>();
        Weight w = s.createWeight(s.rewrite(q), ScoreMode.COMPLETE_NO_SCORES, 1f);
        for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
            Scorer scorer = w.scorer(leaf);
            if (scorer != null) {
                DocIdSetIterator it = scorer.iterator();
                for (int doc = it.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = it.nextDoc()) {
                    docs.add(leaf.docBase + doc);
                }
            }
        }
        return docs;
    }

    @Test
    void pairsMatchWhatPositionsMatchOnEveryTextField() throws IOException {
        List<Tweet> tweets = corpus();
        Analyzers analyzers = new Analyzers();
        try (Directory d = new ByteBuffersDirectory()) {
            try (IndexWriter w = new IndexWriter(d, new IndexWriterConfig(analyzers.perField()))) {
                for (Tweet t : tweets) {
                    w.addDocument(TweetDocuments.build(IndexedTweet.of(t).withLinkedText(
                            t.text().length() > 60 ? t.text().substring(30) : null)));
                }
            }
            QueryBuilder builder = new QueryBuilder(analyzers.perField());
            int pairQueries = 0;
            int narrowedQueries = 0;
            int matchingPairs = 0;
            try (DirectoryReader reader = DirectoryReader.open(d)) {
                IndexSearcher s = new IndexSearcher(reader);
                for (String phrase : phrases(tweets)) {
                    for (String part : Fields.PARTS) {
                        for (String key : allKeys()) {
                            String field = Fields.text(part, key);
                            Query byPositions = builder.createPhraseQuery(field, phrase);
                            Query byPairs = WordPairs.forPhrase(field, byPositions);
                            if (byPairs == byPositions) {
                                continue;
                            }
                            Set<Integer> want = docs(s, byPositions);
                            assertEquals(want, docs(s, byPairs), "\"" + phrase + "\" on " + field);
                            if (byPairs instanceof TermQuery) {
                                pairQueries++;
                                matchingPairs += want.isEmpty() ? 0 : 1;
                            } else {
                                assertInstanceOf(BooleanQuery.class, byPairs);
                                narrowedQueries++;
                            }
                        }
                    }
                }
            }
            assertTrue(pairQueries > 10_000 && matchingPairs > 1_000 && narrowedQueries > 10_000,
                    "the comparison covered many phrases: " + pairQueries + " pairs (" + matchingPairs
                            + " matching), " + narrowedQueries + " longer phrases");
        } finally {
            analyzers.close();
        }
    }

    /**
     * Where an analyser puts several terms on one position (here each word and its stem, as stemming with the
     * original kept does; none of the index's analysers stacks terms today), a phrase of any term at one position
     * and any at the next is found, as positions find it.
     */
    @Test
    void pairsOfStackedTermsMatchWhatPositionsMatch() throws IOException {
        String field = Fields.text(Fields.PART_TWEET, Fields.ALL);
        Analyzer stemsBesideWords = new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer words = new WhitespaceTokenizer();
                TokenStream s = new RemoveDuplicatesTokenFilter(
                        new PorterStemFilter(new KeywordRepeatFilter(new LowerCaseFilter(words))));
                return new TokenStreamComponents(words, s);
            }
        };
        List<Tweet> tweets = new CongressTweetsFixtureLoader().load("2017-07-10.json").subList(0, 300);
        try (Directory d = new ByteBuffersDirectory()) {
            try (IndexWriter w = new IndexWriter(d, new IndexWriterConfig(stemsBesideWords))) {
                for (Tweet t : tweets) {
                    WordPairs pairs = new WordPairs();
                    Document doc = new Document();
                    doc.add(pairs.textField(field, t.text()));
                    pairs.addPairFields(doc);
                    w.addDocument(doc);
                }
            }
            int stacked = 0;
            try (DirectoryReader reader = DirectoryReader.open(d)) {
                IndexSearcher s = new IndexSearcher(reader);
                for (Tweet t : tweets.subList(0, 40)) {
                    List<List<BytesRef>> byPosition = new ArrayList<>();
                    try (TokenStream ts = stemsBesideWords.tokenStream(field, t.text())) {
                        TermToBytesRefAttribute term = ts.getAttribute(TermToBytesRefAttribute.class);
                        PositionIncrementAttribute inc = ts.addAttribute(PositionIncrementAttribute.class);
                        ts.reset();
                        int position = -1;
                        while (ts.incrementToken()) {
                            position += inc.getPositionIncrement();
                            while (byPosition.size() <= position) {
                                byPosition.add(new ArrayList<>());
                            }
                            byPosition.get(position).add(BytesRef.deepCopyOf(term.getBytesRef()));
                        }
                        ts.end();
                    }
                    for (int p = 0; p + 1 < byPosition.size(); p++) {
                        stacked += byPosition.get(p).size() > 1 ? 1 : 0;
                        for (BytesRef a : byPosition.get(p)) {
                            for (BytesRef b : byPosition.get(p + 1)) {
                                Query byPositions = new PhraseQuery.Builder().add(new Term(field, a), 0)
                                        .add(new Term(field, b), 1).build();
                                Set<Integer> want = docs(s, byPositions);
                                assertFalse(want.isEmpty(), "the phrase of adjacent terms of " + t.id());
                                assertEquals(want, docs(s, WordPairs.forPhrase(field, byPositions)),
                                        a.utf8ToString() + " " + b.utf8ToString());
                            }
                        }
                    }
                }
            }
            assertTrue(stacked > 50, "many positions hold a word and its stem: " + stacked);
        }
        stemsBesideWords.close();
    }

    @Test
    void pairsFollowTheIndexerAcrossValuesOfAField() throws IOException {
        Analyzers analyzers = new Analyzers();
        String field = Fields.text(Fields.PART_QUOTED, Fields.ALL);
        for (int gap : new int[] {0, 5}) {
            Analyzer gapped = new DelegatingAnalyzerWrapper(Analyzer.PER_FIELD_REUSE_STRATEGY) {
                @Override
                protected Analyzer getWrappedAnalyzer(String fieldName) {
                    return analyzers.perField();
                }

                @Override
                public int getPositionIncrementGap(String fieldName) {
                    return gap;
                }
            };
            try (Directory d = new ByteBuffersDirectory()) {
                try (IndexWriter w = new IndexWriter(d, new IndexWriterConfig(gapped))) {
                    WordPairs pairs = new WordPairs();
                    Document doc = new Document();
                    doc.add(pairs.textField(field, "first value ends"));
                    doc.add(pairs.textField(field, "second value begins"));
                    pairs.addPairFields(doc);
                    w.addDocument(doc);
                }
                QueryBuilder builder = new QueryBuilder(gapped);
                try (DirectoryReader reader = DirectoryReader.open(d)) {
                    IndexSearcher s = new IndexSearcher(reader);
                    for (String phrase : List.of("ends second", "value ends", "value begins", "first second")) {
                        Query byPositions = builder.createPhraseQuery(field, phrase);
                        assertEquals(docs(s, byPositions), docs(s, WordPairs.forPhrase(field, byPositions)),
                                "\"" + phrase + "\" with a gap of " + gap);
                    }
                    Query across = builder.createPhraseQuery(field, "ends second");
                    assertEquals(gap == 0, !docs(s, across).isEmpty(), "the oracle joins values only without a gap");
                }
            }
        }
        analyzers.close();
    }

    @Test
    void anIndexWithoutPairsIsOutdatedAndSearchedByPositionsUntilRebuilt() throws IOException {
        List<Tweet> tweets = new CongressTweetsFixtureLoader().load("2017-07-10.json");
        Path old = dir.resolve("old");
        Analyzers analyzers = new Analyzers();
        try (Directory d = FSDirectory.open(old);
             IndexWriter w = new IndexWriter(d, new IndexWriterConfig(analyzers.perField())
                     .setIndexSort(new org.apache.lucene.search.Sort(new org.apache.lucene.search.SortField(
                             Fields.CREATED_AT, org.apache.lucene.search.SortField.Type.LONG, true))))) {
            // Documents as an earlier version built them: no pairs fields, and no layout mark on the commit.
            for (Tweet t : tweets) {
                Document doc = TweetDocuments.build(IndexedTweet.of(t));
                List<String> pairFields = new ArrayList<>();
                doc.getFields().forEach(f -> {
                    if (f.name().endsWith("_pairs")) {
                        pairFields.add(f.name());
                    }
                });
                pairFields.forEach(doc::removeFields);
                w.addDocument(doc);
            }
        } finally {
            analyzers.close();
        }
        try (TweetIndex index = TweetIndex.open(old)) {
            assertTrue(index.outdated());
            long before = index.count("\"health care\"");
            index.rebuild(tweets.stream().map(IndexedTweet::of).iterator());
            assertFalse(index.outdated());
            assertEquals(before, index.count("\"health care\""), "the same matches by pairs after the rebuild");
            // Pairs on documents without them would find nothing: these were found by positions.
            assertTrue(before > 10, "by positions before the rebuild: " + before);
        }
        try (TweetIndex reopened = TweetIndex.open(old)) {
            assertFalse(reopened.outdated(), "the layout is recorded with the commit");
        }
        try (TweetIndex fresh = TweetIndex.open(dir.resolve("fresh"))) {
            assertFalse(fresh.outdated(), "a new index has the current layout");
        }
    }
}
