package org.chancery.media;

import java.util.ArrayList;
import java.util.List;

/**
 * Downloads waiting to become a new version of one object. They are added as soon as they pass the flush size,
 * so that memory stays bounded however large a month of media is; {@link #flush()} adds the rest.
 */
final class PendingFiles {
    private final Attachments attachments;
    private final String objectId;
    private final long flushBytes;
    private List<Attachments.Kept> files = new ArrayList<>();
    private long bytes;

    PendingFiles(Attachments attachments, String objectId, long flushBytes) {
        this.attachments = attachments;
        this.objectId = objectId;
        this.flushBytes = flushBytes;
    }

    void add(Attachments.Kept kept) {
        files.add(kept);
        bytes += kept.bytes().length + (kept.text() == null ? 0 : kept.text().length);
        if (bytes >= flushBytes) {
            flush();
        }
    }

    void flush() {
        if (!files.isEmpty()) {
            attachments.add(objectId, files);
            files = new ArrayList<>();
            bytes = 0;
        }
    }
}
