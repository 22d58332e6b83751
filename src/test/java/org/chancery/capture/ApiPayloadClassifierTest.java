package org.chancery.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiPayloadClassifierTest {
    @TempDir
    Path tmp;

    private final ApiPayloadClassifier classifier = new ApiPayloadClassifier();

    private JsonNode document(String fixture) {
        return Fixtures.tree(Fixtures.bytes(Fixtures.path(fixture, tmp)));
    }

    private JsonNode firstLine(String fixture) {
        String text = new String(Fixtures.bytes(Fixtures.path(fixture, tmp)), StandardCharsets.UTF_8);
        return Fixtures.tree(text.strip().split("\n")[0].getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void tellsV2ResponsesFromV1StatusesByShape() {
        assertEquals(ApiPayloadKind.V2_TWEET_RESPONSE,
                classifier.classify(document("api-v2/tweet-lookup-single-tweet__200-success-request-media-fields.json")));
        assertEquals(ApiPayloadKind.V2_TWEET_RESPONSE, classifier.classify(firstLine("api-v2/streaming_output_with_error.jsonl")));
        assertEquals(ApiPayloadKind.V2_TWEET, classifier.classify(firstLine("api-v2/flat.jsonl.gz")));
        assertEquals(ApiPayloadKind.V2_EMPTY_RESPONSE,
                classifier.classify(document("api-v2/tweet-lookup-single-tweet__200-success-deleted-tweet.json")));
        assertEquals(ApiPayloadKind.V2_OTHER_RESPONSE, classifier.classify(firstLine("api-v2/users.jsonl.gz")));
        assertEquals(ApiPayloadKind.V1_STATUS, classifier.classify(document("api-v1.1/get_status_with_place.json")));
        assertEquals(ApiPayloadKind.V1_STATUS, classifier.classify(firstLine("api-v1.1/original_format_examples.json.gz")));
        assertEquals(ApiPayloadKind.V1_STATUSES, classifier.classify(document("api-v1.1/get_user_timeline_count.json.gz")));
        assertEquals(ApiPayloadKind.V1_SEARCH_RESPONSE, classifier.classify(document("api-v1.1/get_search_raw.json.gz")));
        assertEquals(ApiPayloadKind.ACTIVITY_STREAMS, classifier.classify(firstLine("api-v1.1/activity_streams_examples.json.gz")));
        assertEquals(ApiPayloadKind.COMPLIANCE_RECORD, classifier.classify(firstLine("api-v2/tweets_compliance.jsonl")));
    }

    @Test
    void recognisesStreamingNoticesAndDescribesNonTweetResponses() throws IOException {
        assertEquals(ApiPayloadKind.V1_STREAM_NOTICE, classifier.classify(Fixtures.JSON.readTree("{\"limit\":{\"track\":3}}")));
        assertEquals("a tweet counts response", classifier.describe(firstLine("api-v2/counts.jsonl")));
        assertEquals("a users response", classifier.describe(firstLine("api-v2/users.jsonl.gz")));
        assertEquals(ApiPayloadKind.UNKNOWN, classifier.classify(Fixtures.JSON.readTree("{\"a\":1}")));
        assertEquals("an object with fields [a]", classifier.describe(Fixtures.JSON.readTree("{\"a\":1}")));
    }
}
