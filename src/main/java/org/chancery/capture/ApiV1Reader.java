package org.chancery.capture;

import java.util.List;
import org.chancery.record.Capture;
import org.chancery.record.Tweet;

/**
 * Reads one Twitter API v1.1 payload: a single status, a JSON array of statuses (timelines, lookups), or a
 * search response ({@code {"statuses": [...]}}). Each status becomes one {@link Capture} whose raw payload
 * is the exact bytes of the status object, or one {@link Rejection}.
 *
 * <p>Streaming notices ({@code delete}, {@code limit}, {@code friends}, {@code scrub_geo} …) are skipped
 * without a trace: they are no statuses. Delete notices in particular are not yet applied to anything.
 * A Gnip Activity Streams activity is rejected as not supported yet; other JSON that holds no statuses is
 * rejected saying what it looks like.
 *
 * <p>Locators: the origin's locator for a single status; then ", [i]" for the i-th (from 0) status of an
 * array, ", statuses[i]" in a search response. With an empty origin locator (a whole file) these are just
 * "[i]" / "statuses[i]", and a single status or a problem with the payload as a whole is located at
 * "whole file".
 */
public final class ApiV1Reader implements PayloadReader {
    private final JsonPayloads json = new JsonPayloads();
    private final ApiPayloadClassifier classifier = new ApiPayloadClassifier();
    private final V1StatusMapper mapper = new V1StatusMapper();

    public ApiV1Reader() {}

    @Override
    public void read(byte[] bytes, int offset, int length, Origin origin, CaptureSink sink) {
        JsonSlice root;
        switch (json.root(bytes, offset, length, origin)) {
            case JsonPayloads.Broken b -> {
                sink.reject(b.rejection());
                return;
            }
            case JsonPayloads.Root r -> root = r.slice();
        }
        switch (classifier.classify(root.node())) {
            case V1_STATUS -> emit(root, bytes, origin.at(Locators.whole(origin)), sink);
            case V1_STATUSES -> emitAll(json.arrayItems(bytes, offset, length, null), "", bytes, origin, sink);
            case V1_SEARCH_RESPONSE -> emitAll(json.arrayItems(bytes, offset, length, "statuses"), "statuses", bytes, origin, sink);
            case V1_STREAM_NOTICE -> { }
            case ACTIVITY_STREAMS -> sink.reject(origin.at(Locators.whole(origin)).reject("(format)",
                    "is a Gnip Activity Streams activity; that format is not supported yet, only API v1.1 statuses"
                            + " (Gnip's \"original format\") are"));
            default -> sink.reject(origin.at(Locators.whole(origin)).reject("(payload)",
                    "holds no v1.1 statuses: looks like " + classifier.describe(root.node())));
        }
    }

    private void emitAll(List<JsonSlice> items, String arrayName, byte[] bytes, Origin origin, CaptureSink sink) {
        for (int i = 0; i < items.size(); i++) {
            emit(items.get(i), bytes, origin.at(Locators.join(origin.locator(), arrayName + "[" + i + "]")), sink);
        }
    }

    private void emit(JsonSlice status, byte[] bytes, Origin at, CaptureSink sink) {
        Tweet t;
        try {
            t = mapper.map(status.node(), at.provenance());
        } catch (BadFieldException e) {
            sink.reject(at.reject(e.field(), e.problem()));
            return;
        } catch (IllegalArgumentException e) {
            sink.reject(at.reject("(record)", e.getMessage()));
            return;
        }
        sink.accept(new Capture(t, status.raw(bytes)));
    }
}
