package org.chancery.archive;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
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
 * {@link RecordOffice}).
 */
final class IndexingArchive implements Archive {
    private final OcflArchive store;
    private final Consumer<List<Tweet>> indexer;

    /**
     * @param indexer indexes tweets with what the registry knows about the author (handles, class, role at
     *                posting) and what retention says about access
     */
    IndexingArchive(OcflArchive store, Consumer<List<Tweet>> indexer) {
        this.store = store;
        this.indexer = indexer;
    }

    @Override
    public BatchResult put(Batch batch) {
        BatchResult result = store.put(batch);
        indexer.accept(batch.captures().stream().map(Capture::tweet).toList());
        return result;
    }

    @Override
    public Optional<StoredTweet> find(String tweetId) {
        return store.find(tweetId);
    }

    /** The record office owns the store and the index and closes them. */
    @Override
    public void close() {}
}
