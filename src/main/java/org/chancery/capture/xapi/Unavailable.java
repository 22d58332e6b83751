package org.chancery.capture.xapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.chancery.record.RawPayload;
import org.chancery.record.SourceFormat;
import org.chancery.record.Tweet;

/**
 * A tweet the platform no longer returns.
 *
 * @param tweetId the tweet
 * @param reason  deleted, protected, suspended, or "unavailable (title)" when the API says no more
 * @param since   when the re-check that noticed it ran
 * @param detail  the API's own words
 */
public record Unavailable(String tweetId, String reason, Instant since, String detail) {

    /**
     * Reads a deletion notice back from the archive: a harvested record marked deleted whose raw payload is the
     * API's error object. Empty for any other record.
     */
    public static Optional<Unavailable> fromNotice(Tweet tweet, RawPayload raw) {
        if (!tweet.deleted() || tweet.provenance().format() != SourceFormat.X_API_CAPTURE
                || !tweet.provenance().locator().contains("errors[")) {
            return Optional.empty();
        }
        try {
            JsonNode error = new ObjectMapper().readTree(raw.bytes());
            return Optional.of(new Unavailable(tweet.id(), reason(error), tweet.provenance().capturedAt(),
                    error.path("detail").asText("")));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The reason an API error object gives, in the archive's words. */
    static String reason(JsonNode error) {
        String type = error.path("type").asText("");
        String detail = error.path("detail").asText("").toLowerCase(Locale.ROOT);
        if (detail.contains("suspended")) {
            return "suspended";
        }
        if (type.endsWith("/not-authorized-for-resource")) {
            return "protected";
        }
        if (type.endsWith("/resource-not-found")) {
            return "deleted";
        }
        return "unavailable (" + error.path("title").asText("no reason given") + ")";
    }

    /** One sentence: {@code Not available on the platform since T: deleted (the API's words).} */
    public String sentence() {
        return "Not available on the platform since " + since + ": " + reason + (detail.isEmpty() ? "" : " (" + detail + ")") + ".";
    }
}
