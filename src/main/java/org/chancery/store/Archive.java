package org.chancery.store;

import java.util.Optional;
import org.chancery.record.Capture;

/**
 * The one interface through which captures enter the archive and are read back. Importers and the
 * harvester hand it batches; it decides what is new, what is an observation of a known tweet, and what was
 * archived already.
 */
public interface Archive extends AutoCloseable {

    /**
     * Archives a batch durably. Returns only after everything in it is on disk; a capture whose raw payload
     * is already archived is counted, not stored again.
     */
    BatchResult put(Batch batch);

    /** The latest archived state of a tweet, if the archive holds it. */
    Optional<StoredTweet> find(String tweetId);

    @Override
    void close();

    /** Convenience for callers that hold captures only. */
    default BatchResult put(String producer, java.util.List<Capture> captures) {
        return put(new Batch(producer, captures));
    }
}
