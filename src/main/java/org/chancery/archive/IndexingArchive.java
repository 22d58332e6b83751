package org.chancery.archive;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.chancery.record.Capture;
import org.chancery.record.Tweet;
import org.chancery.store.Archive;
import org.chancery.store.Batch;
import org.chancery.store.BatchResult;
import org.chancery.store.OcflArchive;
import org.chancery.store.StoredTweet;

/**
 * The archive as importers see it: a batch is acknowledged by the store and then made searchable, so a tweet
 * is found by search as soon as {@code put} returns (the index is committed with the store; see
 * {@link RecordOffice}). Tweets that a disposition certificate names are not archived again.
 */
final class IndexingArchive implements Archive {
    private final OcflArchive store;
    private final Consumer<List<Tweet>> indexer;
    private final Predicate<String> disposedOf;

    /**
     * @param indexer    indexes tweets with what the registry knows about the author (handles, class, role at
     *                   posting) and what retention says about access
     * @param disposedOf whether a disposition certificate names the tweet with this id
     */
    IndexingArchive(OcflArchive store, Consumer<List<Tweet>> indexer, Predicate<String> disposedOf) {
        this.store = store;
        this.indexer = indexer;
        this.disposedOf = disposedOf;
    }

    /** Archives and indexes the batch, except payloads of tweets disposed of earlier, which are counted and refused. */
    @Override
    public BatchResult put(Batch batch) {
        List<Capture> kept = batch.captures().stream().filter(c -> !disposedOf.test(c.tweet().id())).toList();
        BatchResult refused = new BatchResult(0, 0, 0, batch.captures().size() - kept.size());
        if (kept.isEmpty()) {
            return refused;
        }
        BatchResult result = store.put(kept.size() == batch.captures().size() ? batch
                : new Batch(batch.producer(), kept));
        indexer.accept(kept.stream().map(Capture::tweet).toList());
        return result.plus(refused);
    }

    @Override
    public Optional<StoredTweet> find(String tweetId) {
        return store.find(tweetId);
    }

    /** The record office owns the store and the index and closes them. */
    @Override
    public void close() {}
}
