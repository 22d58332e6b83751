package org.chancery.archive;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongConsumer;
import org.chancery.index.IndexedTweet;
import org.chancery.record.Tweet;
import org.chancery.store.OcflArchive;

/**
 * Cuts a walk over the store's records ({@link OcflArchive#forEachRecord}, object by object) into one group per
 * OCFL object, for a rebuild that indexes groups in parallel: every state of a tweet is in its tweet's object, so
 * no two groups hold the same tweet. Not thread-safe: the walk's thread feeds it.
 */
final class ObjectGroups implements Consumer<Tweet> {
    private final Function<Tweet, IndexedTweet> facts;
    private final Consumer<List<IndexedTweet>> sink;
    private final LongConsumer progress;
    private List<IndexedTweet> group = new ArrayList<>();
    private String objectId;
    private long count;

    /**
     * @param facts    what the index needs beside each record (applied here, in walk order)
     * @param sink     given each object's tweets, in walk order
     * @param progress told the running count of tweets every 1,024 tweets
     */
    ObjectGroups(Function<Tweet, IndexedTweet> facts, Consumer<List<IndexedTweet>> sink, LongConsumer progress) {
        this.facts = facts;
        this.sink = sink;
        this.progress = progress;
    }

    @Override
    public void accept(Tweet t) {
        String id = OcflArchive.objectIdFor(t);
        if (!id.equals(objectId)) {
            finish();
            objectId = id;
        }
        group.add(facts.apply(t));
        if ((++count & 1023) == 0) {
            progress.accept(count);
        }
    }

    /** Hands over the last object's group. */
    void finish() {
        if (!group.isEmpty()) {
            sink.accept(group);
            group = new ArrayList<>();
        }
    }
}
