package org.chancery.archive;

import java.util.Map;
import org.chancery.media.Attachments;
import org.chancery.record.Tweet;
import org.chancery.store.OcflArchive;

/**
 * The linked-document text of tweets as the store keeps it, read once per OCFL object: tweets come object by
 * object when indexed in bulk, so remembering the last object's texts makes that one read per object; tweets
 * without links, and objects that never had files added (known from the store's id map in memory), are answered
 * without reading. Not thread-safe: one instance per indexing pass.
 */
final class LinkedTexts {
    private final Attachments attachments;
    private String objectId;
    private Map<String, String> texts = Map.of();

    LinkedTexts(Attachments attachments) {
        this.attachments = attachments;
    }

    /** The text of the documents the tweet links to; null when none was kept. */
    String of(Tweet t) {
        if (t.entities().urls().isEmpty()) {
            return null; // only a tweet with links can have linked documents: no store read for the others
        }
        String id = OcflArchive.objectIdFor(t);
        if (!id.equals(objectId)) {
            texts = attachments.texts(id);
            objectId = id;
        }
        return texts.get(t.id());
    }
}
