package org.chancery.record;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;

/**
 * Writes a {@link Tweet} with Jackson's streaming generator, component by component, to exactly the bytes the
 * databind writer {@link TweetJson} used before gave (record components in declaration order, null components
 * omitted, empty lists kept, enums by name, instants in {@link java.time.format.DateTimeFormatter#ISO_INSTANT}
 * form, count entries ordered by name): bean serialisation through reflection cost most
 * of encoding a tweet, and the store writes one per captured tweet.
 *
 * <p>Strings go through the generator of the same {@link JsonFactory} the databind writer used, so they are
 * escaped the same way. A component added to any of the records must be added here too:
 * {@code TweetJsonWriterTest} fails until it is.
 *
 * <p>Thread-safe: it holds only the factory; each call has its own generator and buffers.
 */
final class TweetJsonWriter {
    private static final SerializedString ID = name("id");
    private static final SerializedString AUTHOR = name("author");
    private static final SerializedString CREATED_AT = name("createdAt");
    private static final SerializedString TEXT = name("text");
    private static final SerializedString LANG = name("lang");
    private static final SerializedString SOURCE_CLIENT = name("sourceClient");
    private static final SerializedString CONVERSATION_ID = name("conversationId");
    private static final SerializedString IN_REPLY_TO_USER_ID = name("inReplyToUserId");
    private static final SerializedString REFERENCED_TWEETS = name("referencedTweets");
    private static final SerializedString ENTITIES = name("entities");
    private static final SerializedString MEDIA = name("media");
    private static final SerializedString METRICS = name("metrics");
    private static final SerializedString EDIT_HISTORY_IDS = name("editHistoryIds");
    private static final SerializedString POSSIBLY_SENSITIVE = name("possiblySensitive");
    private static final SerializedString PLACE = name("place");
    private static final SerializedString DELETED = name("deleted");
    private static final SerializedString PROVENANCE = name("provenance");

    private static final SerializedString HANDLE = name("handle");
    private static final SerializedString DISPLAY_NAME = name("displayName");

    private static final SerializedString TYPE = name("type");
    private static final SerializedString EMBEDDED = name("embedded");

    private static final SerializedString HASHTAGS = name("hashtags");
    private static final SerializedString MENTIONS = name("mentions");
    private static final SerializedString CASHTAGS = name("cashtags");
    private static final SerializedString URLS = name("urls");
    private static final SerializedString TAG = name("tag");
    private static final SerializedString START = name("start");
    private static final SerializedString END = name("end");
    private static final SerializedString USER_ID = name("userId");
    private static final SerializedString URL = name("url");
    private static final SerializedString EXPANDED_URL = name("expandedUrl");
    private static final SerializedString DISPLAY_URL = name("displayUrl");

    private static final SerializedString KEY = name("key");
    private static final SerializedString ALT_TEXT = name("altText");
    private static final SerializedString WIDTH = name("width");
    private static final SerializedString HEIGHT = name("height");

    private static final SerializedString OBSERVED_AT = name("observedAt");
    private static final SerializedString COUNTS = name("counts");

    private static final SerializedString FULL_NAME = name("fullName");
    private static final SerializedString COUNTRY_CODE = name("countryCode");
    private static final SerializedString LONGITUDE = name("longitude");
    private static final SerializedString LATITUDE = name("latitude");

    private static final SerializedString FORMAT = name("format");
    private static final SerializedString SOURCE = name("source");
    private static final SerializedString LOCATOR = name("locator");
    private static final SerializedString CAPTURED_AT = name("capturedAt");
    private static final SerializedString TOOL = name("tool");

    private final JsonFactory factory;

    /** @param factory the factory of the mapper the databind writer used, for its generator's escaping */
    TweetJsonWriter(JsonFactory factory) {
        this.factory = factory;
    }

    /** The tweet as compact UTF-8 JSON. */
    byte[] write(Tweet tweet) throws IOException {
        Output out = new Output();
        // Room for formatting this call's instants, so that each needs no string of its own.
        byte[] scratch = new byte[IsoInstant.MAX_BYTES];
        try (JsonGenerator g = factory.createGenerator(out, JsonEncoding.UTF8)) {
            tweet(g, tweet, scratch);
        }
        return out.bytes;
    }

    private static SerializedString name(String name) {
        return new SerializedString(name);
    }

    private static void tweet(JsonGenerator g, Tweet t, byte[] scratch) throws IOException {
        g.writeStartObject();
        string(g, ID, t.id());
        if (t.author() != null) {
            g.writeFieldName(AUTHOR);
            author(g, t.author());
        }
        instant(g, CREATED_AT, t.createdAt(), scratch);
        string(g, TEXT, t.text());
        string(g, LANG, t.lang());
        string(g, SOURCE_CLIENT, t.sourceClient());
        string(g, CONVERSATION_ID, t.conversationId());
        string(g, IN_REPLY_TO_USER_ID, t.inReplyToUserId());
        if (t.referencedTweets() != null) {
            g.writeFieldName(REFERENCED_TWEETS);
            g.writeStartArray();
            for (ReferencedTweet r : t.referencedTweets()) {
                referencedTweet(g, r, scratch);
            }
            g.writeEndArray();
        }
        if (t.entities() != null) {
            g.writeFieldName(ENTITIES);
            entities(g, t.entities());
        }
        if (t.media() != null) {
            g.writeFieldName(MEDIA);
            g.writeStartArray();
            for (Media m : t.media()) {
                media(g, m);
            }
            g.writeEndArray();
        }
        if (t.metrics() != null) {
            g.writeFieldName(METRICS);
            metrics(g, t.metrics(), scratch);
        }
        if (t.editHistoryIds() != null) {
            g.writeFieldName(EDIT_HISTORY_IDS);
            g.writeStartArray();
            for (String id : t.editHistoryIds()) {
                g.writeString(id);
            }
            g.writeEndArray();
        }
        if (t.possiblySensitive() != null) {
            g.writeFieldName(POSSIBLY_SENSITIVE);
            g.writeBoolean(t.possiblySensitive());
        }
        if (t.place() != null) {
            g.writeFieldName(PLACE);
            place(g, t.place());
        }
        g.writeFieldName(DELETED);
        g.writeBoolean(t.deleted());
        if (t.provenance() != null) {
            g.writeFieldName(PROVENANCE);
            provenance(g, t.provenance(), scratch);
        }
        g.writeEndObject();
    }

    private static void author(JsonGenerator g, Author a) throws IOException {
        g.writeStartObject();
        string(g, ID, a.id());
        string(g, HANDLE, a.handle());
        string(g, DISPLAY_NAME, a.displayName());
        g.writeEndObject();
    }

    private static void referencedTweet(JsonGenerator g, ReferencedTweet r, byte[] scratch) throws IOException {
        g.writeStartObject();
        if (r.type() != null) {
            g.writeFieldName(TYPE);
            g.writeString(r.type().name());
        }
        string(g, ID, r.id());
        if (r.embedded() != null) {
            g.writeFieldName(EMBEDDED);
            tweet(g, r.embedded(), scratch);
        }
        g.writeEndObject();
    }

    private static void entities(JsonGenerator g, Entities e) throws IOException {
        g.writeStartObject();
        if (e.hashtags() != null) {
            g.writeFieldName(HASHTAGS);
            g.writeStartArray();
            for (Entities.Hashtag h : e.hashtags()) {
                g.writeStartObject();
                string(g, TAG, h.tag());
                number(g, START, h.start());
                number(g, END, h.end());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        if (e.mentions() != null) {
            g.writeFieldName(MENTIONS);
            g.writeStartArray();
            for (Entities.Mention m : e.mentions()) {
                g.writeStartObject();
                string(g, HANDLE, m.handle());
                string(g, USER_ID, m.userId());
                number(g, START, m.start());
                number(g, END, m.end());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        if (e.cashtags() != null) {
            g.writeFieldName(CASHTAGS);
            g.writeStartArray();
            for (Entities.Cashtag c : e.cashtags()) {
                g.writeStartObject();
                string(g, TAG, c.tag());
                number(g, START, c.start());
                number(g, END, c.end());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        if (e.urls() != null) {
            g.writeFieldName(URLS);
            g.writeStartArray();
            for (Entities.Url u : e.urls()) {
                g.writeStartObject();
                string(g, URL, u.url());
                string(g, EXPANDED_URL, u.expandedUrl());
                string(g, DISPLAY_URL, u.displayUrl());
                number(g, START, u.start());
                number(g, END, u.end());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    private static void media(JsonGenerator g, Media m) throws IOException {
        g.writeStartObject();
        string(g, KEY, m.key());
        string(g, TYPE, m.type());
        string(g, URL, m.url());
        string(g, ALT_TEXT, m.altText());
        number(g, WIDTH, m.width());
        number(g, HEIGHT, m.height());
        g.writeEndObject();
    }

    private static void metrics(JsonGenerator g, Metrics m, byte[] scratch) throws IOException {
        g.writeStartObject();
        instant(g, OBSERVED_AT, m.observedAt(), scratch);
        g.writeFieldName(COUNTS);
        g.writeStartObject();
        // Metrics holds its counts sorted by name, as ORDER_MAP_ENTRIES_BY_KEYS wrote them, and no null value.
        for (Map.Entry<String, Long> e : m.counts().entrySet()) {
            g.writeFieldName(e.getKey());
            g.writeNumber(e.getValue().longValue());
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void place(JsonGenerator g, Place p) throws IOException {
        g.writeStartObject();
        string(g, ID, p.id());
        string(g, FULL_NAME, p.fullName());
        string(g, COUNTRY_CODE, p.countryCode());
        if (p.longitude() != null) {
            g.writeFieldName(LONGITUDE);
            g.writeNumber(p.longitude().doubleValue());
        }
        if (p.latitude() != null) {
            g.writeFieldName(LATITUDE);
            g.writeNumber(p.latitude().doubleValue());
        }
        g.writeEndObject();
    }

    private static void provenance(JsonGenerator g, Provenance p, byte[] scratch) throws IOException {
        g.writeStartObject();
        if (p.format() != null) {
            g.writeFieldName(FORMAT);
            g.writeString(p.format().name());
        }
        string(g, SOURCE, p.source());
        string(g, LOCATOR, p.locator());
        instant(g, CAPTURED_AT, p.capturedAt(), scratch);
        string(g, TOOL, p.tool());
        g.writeEndObject();
    }

    private static void string(JsonGenerator g, SerializableString name, String value) throws IOException {
        if (value != null) {
            g.writeFieldName(name);
            g.writeString(value);
        }
    }

    private static void number(JsonGenerator g, SerializableString name, int value) throws IOException {
        g.writeFieldName(name);
        g.writeNumber(value);
    }

    private static void instant(JsonGenerator g, SerializableString name, Instant value, byte[] scratch)
            throws IOException {
        if (value != null) {
            g.writeFieldName(name);
            // ASCII digits, '+', '-', ':', 'T', '.' and 'Z': its UTF-8 bytes are its chars, and none needs escaping,
            // so it goes in as an already encoded string.
            int length = IsoInstant.format(value, scratch);
            g.writeRawUTF8String(scratch, 0, length);
        }
    }

    /**
     * Keeps what the generator writes as one array of exactly its length: the generator buffers and writes a tweet
     * in one piece unless it is longer than its buffer, so there is nothing to copy again at the end.
     */
    private static final class Output extends OutputStream {
        byte[] bytes = new byte[0];

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (bytes.length == 0) {
                bytes = Arrays.copyOfRange(b, off, off + len);
            } else {
                byte[] longer = Arrays.copyOf(bytes, bytes.length + len);
                System.arraycopy(b, off, longer, bytes.length, len);
                bytes = longer;
            }
        }
    }
}
