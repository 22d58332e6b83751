package org.chancery.media;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.chancery.capture.ApiV2Reader;
import org.chancery.capture.CaptureSink;
import org.chancery.capture.Origin;
import org.chancery.capture.Rejection;
import org.chancery.record.Capture;
import org.chancery.record.SourceFormat;
import org.chancery.record.Tweet;
import org.chancery.store.OcflArchive;

/** Archives an X API v2 page's tweets as the harvester would (each with its includes as context), for media tests. */
final class ArchivedPage {
    private ArchivedPage() {}

    /** The page's tweets, archived and committed; a rejected record fails the test. */
    static List<Tweet> archive(OcflArchive archive, byte[] page) {
        List<Capture> captures = new ArrayList<>();
        new ApiV2Reader().read(page, 0, page.length, new Origin(SourceFormat.API_V2, "fixture", "", Instant.EPOCH, "test"),
                new CaptureSink() {
                    @Override
                    public void accept(Capture c) {
                        captures.add(c);
                    }

                    @Override
                    public void reject(Rejection r) {
                        throw new AssertionError(r.oneLine());
                    }
                });
        archive.put("test", captures);
        archive.flush();
        return captures.stream().map(Capture::tweet).toList();
    }
}
