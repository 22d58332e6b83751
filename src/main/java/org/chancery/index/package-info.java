/**
 * The search index of the archive, and the only package that uses Lucene.
 *
 * <p>The index is derived data: every document is built from a canonical {@link org.chancery.record.Tweet}
 * plus what {@link org.chancery.index.IndexedTweet} carries beside it (account facts, access facts, and the text
 * of the documents the tweet links to, which the caller reads from the store where the media package keeps it),
 * and the whole index can be rebuilt from the store at any time ({@link org.chancery.index.TweetIndex#rebuild}).
 * Nothing here is evidence.
 *
 * <p>Invariants:
 * <ul>
 *   <li>One document per tweet id: writes are {@code updateDocument} keyed by {@code id}, so re-indexing is
 *       idempotent; {@code addDocument} only where the caller knows the id is not indexed (a tweet the store did not
 *       hold, a rebuild's first document of a tweet).</li>
 *   <li>Every search sees every write that returned before it began: a search that finds such writes not yet
 *       visible reopens the near-real-time reader first (no merge wait), once for all searches waiting then. While
 *       searches are being served (one in the last 10 s) a write reopens before it returns instead, so that searches
 *       never wait on an import's reopen; with nobody searching (a CLI import) writes never reopen, and an import
 *       flushes segments only when the writer's buffer is full or on commit.
 *       {@code commit} makes writes durable.</li>
 *   <li>Text is indexed twice per part (own text, quoted text, retweeted text): once in the field of its
 *       language ({@code en fr es ru ar zh ja}, else {@code other}) with that language's analyser, once in a
 *       language-neutral CJK-bigram field, so a word is found whatever the language tag says. Linked-document
 *       text, whose language is unknown, is indexed once, in the language-neutral field only.</li>
 *   <li>Each text field {@code F} has beside it {@code F_pairs}: a term per pair of terms at adjacent positions of
 *       {@code F} ({@link org.chancery.index.WordPairs}), so a two-term phrase is one posting list and matches
 *       exactly what the phrase query on positions matches. An index whose last commit does not record this layout
 *       (made by an earlier version) is searched by positions until it is rebuilt, which the record office does when
 *       it opens one.</li>
 *   <li>Totals and facet counts are exact over the whole result set; pages continue by sort values plus
 *       the tweet id (search-after), never by offset. A search with facets visits every hit, so it runs over parts
 *       of the same reader on every core ({@link org.chancery.index.SlicedSearches}); its hits, totals and order are
 *       those of the same search on one thread.</li>
 *   <li>An {@link org.chancery.index.IdScan} yields ids in exactly the order of {@code DATE_ASC} pages, from one
 *       snapshot, reading doc values only; it relies on every segment being sorted newest first (the index
 *       sort).</li>
 *   <li>Malformed queries are errors with a position ({@link org.chancery.index.QuerySyntaxException}), never
 *       an empty result.</li>
 *   <li>Access: a search with an {@link org.chancery.index.AccessScope} counts (in hits, totals and facets) only
 *       tweets whose indexed {@link org.chancery.index.AccessFacts} give an allowed level at the scope's instant;
 *       a tweet indexed without facts is in no scope.</li>
 *   <li>The reply target for {@code to:} is the mention whose user id is the replied-to user, else the mention
 *       at the very start of the text: the record does not carry the replied-to handle.</li>
 * </ul>
 * The public API ({@code TweetIndex}, {@code IndexedTweet}, {@code SearchRequest}, {@code SearchResult},
 * {@code Hit}, {@code IdScan}, {@code Facet}, {@code FacetCount}, {@code SortOrder}, {@code AccessFacts}, {@code AccessScope},
 * {@code QuerySyntaxException}) exposes no
 * Lucene type.
 */
package org.chancery.index;
