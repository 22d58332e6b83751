package org.chancery.archive;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import org.chancery.record.Capture;
import org.chancery.record.Tweet;
import org.chancery.store.Archive;
import org.chancery.store.Batch;
import org.chancery.store.BatchResult;
import org.chancery.store.OcflArchive;
import org.chancery.store.StoredTweet;

/**
 * The archive as importers see it: a batch is acknowledged by the store and then indexed, so a tweet is found by
 * every search that starts after {@code put} returns (the index is committed with the store; see
 * {@link RecordOffice}). Tweets that a disposition certificate names are not archived again.
 */
final class IndexingArchive implements Archive {
    private final OcflArchive store;
    private final BiConsumer<List<Tweet>, Predicate<String>> indexer;
    private final Predicate<String> disposedOf;

    /**
     * @param indexer    indexes tweets with what the registry knows about the author (handles, class, role at
     *                   posting) and what retention says about access; told which ids are new to the index (see
     *                   {@link org.chancery.index.TweetIndex#add})
     * @param disposedOf whether a disposition certificate names the tweet with this id
     */
    IndexingArchive(OcflArchive store, BiConsumer<List<Tweet>, Predicate<String>> indexer,
            Predicate<String> disposedOf) {
        this.store = store;
        this.indexer = indexer;
        this.disposedOf = disposedOf;
    }

    /**
     * Archives and indexes the batch, except payloads of tweets disposed of earlier, which are counted and refused.
     * Synchronized so that what the store held before this batch is what the index holds when it is indexed.
     */
    @Override
    public synchronized BatchResult put(Batch batch) {
        List<Capture> kept = batch.captures().stream().filter(c -> !disposedOf.test(c.tweet().id())).toList();
        BatchResult refused = new BatchResult(0, 0, 0, batch.captures().size() - kept.size());
        if (kept.isEmpty()) {
            return refused;
        }
        Set<String> fresh = newToIndex(kept);
        BatchResult result = store.put(kept.size() == batch.captures().size() ? batch
                : new Batch(batch.producer(), kept));
        indexer.accept(kept.stream().map(Capture::tweet).toList(), fresh::contains);
        return result.plus(refused);
    }

    /**
     * Ids the index cannot hold yet: the store held no payload of them before this batch (the index holds only what
     * the store does), and they occur once in the batch.
     */
    private Set<String> newToIndex(List<Capture> captures) {
        Set<String> once = new HashSet<>();
        Set<String> repeated = new HashSet<>();
        for (Capture c : captures) {
            String id = c.tweet().id();
            if (!once.add(id)) {
                repeated.add(id);
            }
        }
        once.removeAll(repeated);
        once.removeIf(store::holds);
        return once;
    }

    @Override
    public Optional<StoredTweet> find(String tweetId) {
        return store.find(tweetId);
    }

    /** The record office owns the store and the index and closes them. */
    @Override
    public void close() {}
}
