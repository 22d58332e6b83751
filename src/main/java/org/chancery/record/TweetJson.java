package org.chancery.record;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.chancery.InvalidInputException;

/**
 * The archive's JSON form of a {@link Tweet}: camelCase names equal to the record components, in component
 * order; instants as ISO-8601 strings ({@code 2017-07-10T14:58:16Z}); null fields omitted, empty lists kept.
 *
 * <p>{@code decode(encode(t)).equals(t)} holds for every tweet whose strings are well-formed Unicode (Jackson's
 * reader refuses a lone surrogate in a count's name). Reading ignores properties it does not know, so
 * files written by a later version with added fields stay readable.
 *
 * <p>Writing goes through {@link TweetJsonWriter}, a streaming writer that gives byte for byte what Jackson's
 * databind writer gave before it (the tests keep that writer's configuration and compare the two).
 *
 * <p>Thread-safe: the reader and writer are immutable and configured once.
 */
public final class TweetJson {
    private final TweetJsonWriter writer;
    private final ObjectReader reader;

    public TweetJson() {
        ObjectMapper mapper = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                // After JavaTimeModule, so that it replaces that module's Instant reader.
                .addModule(new com.fasterxml.jackson.databind.module.SimpleModule("chancery-instants")
                        .addDeserializer(Instant.class, new CanonicalInstantReader()))
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                // Only record components are the JSON form: helpers such as Entities.isEmpty() or Tweet.kind()
                // are derived. (Writing is TweetJsonWriter's, component by component.)
                .visibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
                .visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                .build();
        this.writer = new TweetJsonWriter(mapper.getFactory());
        this.reader = mapper.readerFor(Tweet.class);
    }

    /**
     * Reads instants in the canonical form {@link #encode} writes ({@link IsoInstant}) without a
     * {@link java.time.format.DateTimeFormatter}, which cost a third of decoding a tweet (exports and reindexing decode
     * millions); anything else (other ISO-8601 spellings, numbers) goes to JavaTimeModule's reader as before.
     */
    private static final class CanonicalInstantReader extends com.fasterxml.jackson.databind.JsonDeserializer<Instant> {
        private final com.fasterxml.jackson.databind.JsonDeserializer<Instant> general =
                com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer.INSTANT;

        @Override
        public Instant deserialize(com.fasterxml.jackson.core.JsonParser p,
                com.fasterxml.jackson.databind.DeserializationContext ctxt) throws IOException {
            if (p.hasToken(com.fasterxml.jackson.core.JsonToken.VALUE_STRING) && p.getTextLength() <= 30) {
                Instant t = IsoInstant.parseCanonical(java.nio.CharBuffer.wrap(p.getTextCharacters(),
                        p.getTextOffset(), p.getTextLength()));
                if (t != null) {
                    return t;
                }
            }
            return general.deserialize(p, ctxt);
        }
    }

    /** The tweet as compact UTF-8 JSON (no line breaks), suitable for one JSONL line. */
    public byte[] encode(Tweet tweet) {
        try {
            return writer.write(tweet);
        } catch (IOException e) {
            throw new IllegalStateException("Tweet " + tweet.id() + " could not be written as JSON.", e);
        }
    }

    /** {@link #encode} as a string. */
    public String encodeToString(Tweet tweet) {
        return new String(encode(tweet), StandardCharsets.UTF_8);
    }

    /** Reads a tweet written by {@link #encode}. */
    public Tweet decode(byte[] json, int offset, int length) {
        try {
            return reader.readValue(json, offset, length);
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException("Tweet JSON could not be read: " + e.getMessage(), e);
        }
    }

    public Tweet decode(byte[] json) {
        return decode(json, 0, json.length);
    }

    public Tweet decode(String json) {
        return decode(json.getBytes(StandardCharsets.UTF_8));
    }
}
