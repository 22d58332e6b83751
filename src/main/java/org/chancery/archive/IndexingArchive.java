package org.chancery.archive;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.chancery.index.IndexedTweet;
import org.chancery.index.TweetIndex;
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
    private final TweetIndex index;
    private final Function<Tweet, IndexedTweet> facts;

    /** @param facts adds what the registry knows about the author (handles, class, role at posting) */
    IndexingArchive(OcflArchive store, TweetIndex index, Function<Tweet, IndexedTweet> facts) {
        this.store = store;
        this.index = index;
        this.facts = facts;
    }

    @Override
    public BatchResult put(Batch batch) {
        BatchResult result = store.put(batch);
        List<IndexedTweet> docs = batch.captures().stream().map(Capture::tweet).map(facts).toList();
        index.index(docs);
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
