package org.chancery.export;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.WarcCompression;
import org.netpreserve.jwarc.WarcMetadata;
import org.netpreserve.jwarc.WarcResource;
import org.netpreserve.jwarc.WarcWriter;
import org.netpreserve.jwarc.Warcinfo;

/**
 * Writes raw payloads as a gzipped WARC 1.1 file: a warcinfo record, then per record a {@code resource} record
 * holding the exact payload bytes and a {@code metadata} record (concurrent to it) naming the tweet, digest and log
 * entry.
 */
final class WarcRecords implements AutoCloseable {
    private static final MediaType WARC_FIELDS = MediaType.parse("application/warc-fields");
    private final WarcWriter writer;

    WarcRecords(OutputStream out, Instant exportedAt, String description) throws IOException {
        this.writer = new WarcWriter(Channels.newChannel(out), WarcCompression.GZIP);
        Map<String, List<String>> fields = new LinkedHashMap<>();
        fields.put("software", List.of("Chancery export"));
        fields.put("format", List.of("WARC File Format 1.1"));
        fields.put("description", List.of(description.replace('\n', ' ').replace('\r', ' ')));
        writer.write(new Warcinfo.Builder().date(exportedAt).fields(fields).build());
    }

    /** The target URI of a tweet's records. */
    static URI target(String tweetId) {
        return URI.create("https://twitter.com/i/web/status/" + tweetId);
    }

    void add(ExportedRecord r) throws IOException {
        Instant captured = r.tweet().provenance().capturedAt();
        WarcResource resource = new WarcResource.Builder(target(r.tweet().id()))
                .date(captured)
                .blockDigest("sha256", r.sha256())
                .body(MediaType.JSON, r.raw())
                .build();
        writer.write(resource);
        String fields = "tweet-id: " + r.tweet().id() + "\r\n"
                + "payload-sha256: " + r.sha256() + "\r\n"
                + "source-format: " + r.tweet().provenance().format() + "\r\n"
                + "ledger-leaf-index: " + r.leafIndex() + "\r\n"
                + "ledger-tree-size: " + r.proof().treeSize() + "\r\n";
        writer.write(new WarcMetadata.Builder()
                .targetURI(target(r.tweet().id()))
                .date(captured)
                .concurrentTo(resource.id())
                .body(WARC_FIELDS, fields.getBytes(StandardCharsets.UTF_8))
                .build());
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }
}
