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
import java.util.List;
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
        array(g, REFERENCED_TWEETS, t.referencedTweets(), (w, r) -> referencedTweet(w, r, scratch));
        if (t.entities() != null) {
            g.writeFieldName(ENTITIES);
            entities(g, t.entities());
        }
        array(g, MEDIA, t.media(), TweetJsonWriter::media);
        if (t.metrics() != null) {
            g.writeFieldName(METRICS);
            metrics(g, t.metrics(), scratch);
        }
        array(g, EDIT_HISTORY_IDS, t.editHistoryIds(), JsonGenerator::writeString);
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
        array(g, HASHTAGS, e.hashtags(), (w, h) -> tag(w, h.tag(), h.start(), h.end()));
        array(g, MENTIONS, e.mentions(), TweetJsonWriter::mention);
        array(g, CASHTAGS, e.cashtags(), (w, c) -> tag(w, c.tag(), c.start(), c.end()));
        array(g, URLS, e.urls(), TweetJsonWriter::url);
        g.writeEndObject();
    }

    /** A hashtag or a cashtag: the two have the same components. */
    private static void tag(JsonGenerator g, String tag, int start, int end) throws IOException {
        g.writeStartObject();
        string(g, TAG, tag);
        number(g, START, start);
        number(g, END, end);
        g.writeEndObject();
    }

    private static void mention(JsonGenerator g, Entities.Mention m) throws IOException {
        g.writeStartObject();
        string(g, HANDLE, m.handle());
        string(g, USER_ID, m.userId());
        number(g, START, m.start());
        number(g, END, m.end());
        g.writeEndObject();
    }

    private static void url(JsonGenerator g, Entities.Url u) throws IOException {
        g.writeStartObject();
        string(g, URL, u.url());
        string(g, EXPANDED_URL, u.expandedUrl());
        string(g, DISPLAY_URL, u.displayUrl());
        number(g, START, u.start());
        number(g, END, u.end());
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

    /** Writes one item of a list. */
    private interface ItemWriter<T> {
        void write(JsonGenerator g, T item) throws IOException;
    }

    /** A list component: omitted when null, kept when empty. */
    private static <T> void array(JsonGenerator g, SerializableString name, List<T> items, ItemWriter<T> item)
            throws IOException {
        if (items != null) {
            g.writeFieldName(name);
            g.writeStartArray();
            for (T t : items) {
                item.write(g, t);
            }
            g.writeEndArray();
        }
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
