package org.chancery.capture;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Tells API v2 from v1.1 payloads (and both from things that are not tweets) by their JSON shape alone,
 * so that format detection and the WARC importer can hand each payload to the right reader.
 *
 * <p>The rules: a v2 tweet always has {@code text} and never {@code id_str} or a {@code user} object; a
 * v1.1 status has {@code id_str} or a {@code user} object; a v2 response has {@code data}, {@code includes},
 * {@code meta} or {@code errors} at the top. The classifier holds no state.
 */
public final class ApiPayloadClassifier {
    private static final Set<String> V1_NOTICES = Set.of("delete", "limit", "friends", "friends_str", "scrub_geo",
            "status_withheld", "user_withheld", "disconnect", "warning", "event", "control");

    public ApiPayloadClassifier() {}

    public ApiPayloadKind classify(JsonNode root) {
        if (root == null) {
            return ApiPayloadKind.UNKNOWN;
        }
        if (root.isArray()) {
            return classifyArray(root);
        }
        if (!root.isObject()) {
            return ApiPayloadKind.UNKNOWN;
        }
        if (root.has("objectType") || root.has("verb")) {
            return ApiPayloadKind.ACTIVITY_STREAMS;
        }
        if (isV1Status(root)) {
            return ApiPayloadKind.V1_STATUS;
        }
        if (root.get("statuses") instanceof JsonNode s && s.isArray()) {
            return ApiPayloadKind.V1_SEARCH_RESPONSE;
        }
        if (root.has("data")) {
            JsonNode data = root.get("data");
            if (data.isNull() || data.isArray() && data.isEmpty()) {
                return ApiPayloadKind.V2_EMPTY_RESPONSE;
            }
            return containsV2Tweet(data) ? ApiPayloadKind.V2_TWEET_RESPONSE : ApiPayloadKind.V2_OTHER_RESPONSE;
        }
        if (root.has("includes") || root.has("meta") || root.has("errors")
                || root.has("title") && root.has("type") && root.has("detail")) {
            return ApiPayloadKind.V2_EMPTY_RESPONSE;
        }
        if (isV2Tweet(root)) {
            return ApiPayloadKind.V2_TWEET;
        }
        if (root.size() == 1 && V1_NOTICES.contains(root.fieldNames().next())) {
            return ApiPayloadKind.V1_STREAM_NOTICE;
        }
        if (root.has("screen_name") && root.has("id_str")) {
            return ApiPayloadKind.V1_USERS;
        }
        if (root.has("action") && root.has("id") && !root.has("text")) {
            return ApiPayloadKind.COMPLIANCE_RECORD;
        }
        return ApiPayloadKind.UNKNOWN;
    }

    /**
     * A short description of what a payload that holds no tweets looks like, for rejection messages:
     * "a users response", "a tweet counts response", "fields [a, b]".
     */
    public String describe(JsonNode root) {
        ApiPayloadKind kind = classify(root);
        return switch (kind) {
            case V2_OTHER_RESPONSE -> describeV2Data(root.get("data"));
            case V2_EMPTY_RESPONSE -> "a v2 response without data";
            case V2_TWEET_RESPONSE -> "a v2 tweets response";
            case V2_TWEET -> "a v2 tweet object";
            case V1_STATUS -> "an API v1.1 status";
            case V1_STATUSES -> "an array of API v1.1 statuses";
            case V1_SEARCH_RESPONSE -> "an API v1.1 search response";
            case V1_STREAM_NOTICE -> "an API v1.1 streaming notice (" + root.fieldNames().next() + ")";
            case V1_USERS -> "API v1.1 user objects";
            case ACTIVITY_STREAMS -> "a Gnip Activity Streams activity";
            case COMPLIANCE_RECORD -> "a compliance record";
            case UNKNOWN -> root != null && root.isObject() ? "an object with fields " + fieldNames(root)
                    : "a JSON " + (root == null ? "nothing" : root.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        };
    }

    private ApiPayloadKind classifyArray(JsonNode array) {
        if (array.isEmpty()) {
            return ApiPayloadKind.V1_STATUSES;
        }
        JsonNode first = array.get(0);
        if (isV1Status(first)) {
            return ApiPayloadKind.V1_STATUSES;
        }
        if (first.isObject() && first.has("screen_name")) {
            return ApiPayloadKind.V1_USERS;
        }
        return ApiPayloadKind.UNKNOWN;
    }

    /** A status has its text (or full_text) beside either id_str or a user object; a user object has no text. */
    private static boolean isV1Status(JsonNode node) {
        if (!node.isObject() || !(node.has("text") || node.has("full_text") || node.has("extended_tweet"))) {
            return false;
        }
        return node.has("id_str") || node.get("user") instanceof JsonNode u && u.isObject();
    }

    private static boolean isV2Tweet(JsonNode node) {
        return node.isObject() && node.has("id") && node.has("text") && !node.has("id_str") && !node.has("user");
    }

    private static boolean containsV2Tweet(JsonNode data) {
        if (data.isObject()) {
            return isV2Tweet(data);
        }
        for (JsonNode item : data) {
            if (isV2Tweet(item)) {
                return true;
            }
        }
        return false;
    }

    private static String describeV2Data(JsonNode data) {
        JsonNode first = data.isArray() ? data.get(0) : data;
        if (first == null || !first.isObject()) {
            return "a response whose data holds no objects";
        }
        if (first.has("username")) {
            return "a users response";
        }
        if (first.has("tweet_count") && first.has("start")) {
            return "a tweet counts response";
        }
        if (first.has("member_count") || first.has("follower_count") || first.has("owner_id")) {
            return "a lists response";
        }
        if (first.has("value") && first.size() <= 3) {
            return "a stream rules response";
        }
        if (first.has("host_ids") || first.has("state") && first.has("title")) {
            return "a Spaces response";
        }
        if (first.has("action") && first.has("reason")) {
            return "a compliance response";
        }
        return "a response whose data objects have fields " + fieldNames(first);
    }

    private static String fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        Iterator<String> it = node.fieldNames();
        while (it.hasNext() && names.size() < 8) {
            names.add(it.next());
        }
        return names.toString();
    }
}
