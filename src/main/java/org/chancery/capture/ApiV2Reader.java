package org.chancery.capture;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.chancery.record.Capture;
import org.chancery.record.RawPayload;
import org.chancery.record.Tweet;

/**
 * Reads one X API v2 payload: a response ({@code data} as array or single object, {@code includes},
 * {@code meta}, {@code errors}), a streaming line ({@code data}, {@code includes}, {@code matching_rules}),
 * or one twarc "flattened" tweet object with its expansions inlined.
 *
 * <p>Each tweet in {@code data} becomes one {@link Capture} or one {@link Rejection}. Its raw payload is the
 * exact bytes of its object in {@code data}; the capture's context is the exact bytes of each
 * {@code includes} object it was joined with (author, referenced tweets and their authors, media, place).
 * Response-level {@code errors} (deleted or protected tweets) are not records and are ignored, as is a
 * response without {@code data}. A valid JSON payload that is neither (a users, counts or lists response,
 * a compliance record, a v1.1 status) is one rejection saying what it looks like.
 *
 * <p>Locators: the origin's locator, then ", data[i]" for the i-th (from 0) item of a {@code data} array or
 * ", data" for a single {@code data} object; a flattened tweet keeps the origin's locator. With an empty
 * origin locator (a whole file) these are just "data[i]" / "data", and a problem with the whole payload is
 * located at "whole file".
 *
 * <p>twarc's {@code __twarc.retrieved_at} overrides the origin's capture instant and {@code __twarc.version}
 * the tool ("twarc 2.12.0").
 */
public final class ApiV2Reader implements PayloadReader {
    private final JsonPayloads json = new JsonPayloads();
    private final ApiPayloadClassifier classifier = new ApiPayloadClassifier();
    private final V2TweetMapper mapper = new V2TweetMapper();

    public ApiV2Reader() {}

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
        Origin o = JsonPayloads.withTwarc(origin, root.node());
        switch (classifier.classify(root.node())) {
            case V2_TWEET_RESPONSE -> readResponse(bytes, offset, length, o, sink);
            case V2_EMPTY_RESPONSE -> { }
            case V2_TWEET -> emit(root, bytes, new FlatExpansions(), null, o.at(o.locator()), sink);
            default -> sink.reject(o.at(Locators.whole(o)).reject("(payload)",
                    "holds no `data` tweets: looks like " + classifier.describe(root.node())));
        }
    }

    private void readResponse(byte[] bytes, int offset, int length, Origin o, CaptureSink sink) {
        List<JsonSlice> data = new ArrayList<>();
        boolean dataIsArray = false;
        Map<String, List<JsonSlice>> includes = new LinkedHashMap<>();
        try (JsonParser p = json.parser(bytes, offset, length)) {
            p.nextToken();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (name.equals("data") && value == JsonToken.START_ARRAY) {
                    dataIsArray = true;
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        data.add(JsonPayloads.item(p, offset));
                    }
                } else if (name.equals("data") && value == JsonToken.START_OBJECT) {
                    data.add(JsonSlice.read(p, offset));
                } else if (name.equals("includes") && value == JsonToken.START_OBJECT) {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String kind = p.currentName();
                        List<JsonSlice> items = new ArrayList<>();
                        if (p.nextToken() == JsonToken.START_ARRAY) {
                            while (p.nextToken() != JsonToken.END_ARRAY) {
                                items.add(JsonPayloads.item(p, offset));
                            }
                        } else {
                            p.skipChildren();
                        }
                        includes.put(kind, items);
                    }
                } else {
                    p.skipChildren();
                }
            }
        } catch (IOException e) {
            // The first pass parsed the same bytes; this cannot happen short of a Jackson defect.
            throw new IllegalStateException("second parse of an already parsed payload failed at " + o.locator(), e);
        }
        IncludesExpansions x = new IncludesExpansions(includes);
        for (int i = 0; i < data.size(); i++) {
            String where = Locators.join(o.locator(), dataIsArray ? "data[" + i + "]" : "data");
            emit(data.get(i), bytes, x, x, o.at(where), sink);
        }
    }

    private void emit(JsonSlice tweet, byte[] bytes, V2Expansions expansions, IncludesExpansions includes,
            Origin at, CaptureSink sink) {
        if (includes != null) {
            includes.startTweet();
        }
        List<JsonNode> joined = new ArrayList<>();
        Tweet t;
        try {
            t = mapper.map(tweet.node(), expansions, at.provenance(), joined);
        } catch (BadFieldException e) {
            sink.reject(at.reject(e.field(), e.problem()));
            return;
        } catch (IllegalArgumentException e) {
            sink.reject(at.reject("(record)", e.getMessage()));
            return;
        }
        List<RawPayload> context = new ArrayList<>();
        if (includes != null) {
            joined.forEach(includes::markJoined);
            for (JsonSlice s : includes.joined()) {
                context.add(s.raw(bytes));
            }
        }
        sink.accept(new Capture(t, tweet.raw(bytes), context));
    }
}
