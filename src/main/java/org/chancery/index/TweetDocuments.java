package org.chancery.index;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.util.BytesRef;
import org.chancery.record.Entities;
import org.chancery.record.ReferenceType;
import org.chancery.record.ReferencedTweet;
import org.chancery.record.Tweet;

/** Builds the Lucene document of one {@link IndexedTweet}; the field layout is described in {@link Fields}. */
final class TweetDocuments {
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private TweetDocuments() {}

    static Document build(IndexedTweet indexed) {
        Tweet t = indexed.tweet();
        Document d = new Document();
        WordPairs pairs = new WordPairs();
        d.add(new StringField(Fields.ID, t.id(), Field.Store.YES));
        d.add(new SortedDocValuesField(Fields.ID, new BytesRef(t.id())));
        d.add(new StringField(Fields.AUTHOR_ID, t.author().id(), Field.Store.NO));
        for (String h : indexed.handles()) {
            d.add(new StringField(Fields.HANDLE, Fields.lower(h), Field.Store.NO));
        }
        String shownHandle = t.author().handle() != null ? t.author().handle() : t.author().id();
        d.add(new StoredField(Fields.HANDLE_DISPLAY, shownHandle));
        if (t.author().displayName() != null) {
            d.add(new TextField(Fields.DISPLAY_NAME, t.author().displayName(), Field.Store.NO));
        }
        long created = t.createdAt().toEpochMilli();
        d.add(new LongPoint(Fields.CREATED_AT, created));
        d.add(new NumericDocValuesField(Fields.CREATED_AT, created));
        d.add(new StoredField(Fields.CREATED_AT, created));

        addText(d, pairs, Fields.PART_TWEET, Fields.TEXT_KEY, t.text(), t.lang());
        if (indexed.linkedText() != null && !indexed.linkedText().isBlank()) {
            // A linked document's language is unknown; the language-neutral field makes its words findable.
            d.add(pairs.textField(Fields.text(Fields.PART_LINKED, Fields.ALL), indexed.linkedText()));
        }
        Set<String> hashtags = new LinkedHashSet<>();
        Set<String> mentions = new LinkedHashSet<>();
        Set<String> cashtags = new LinkedHashSet<>();
        Set<String> urls = new LinkedHashSet<>();
        collectEntities(t.entities(), hashtags, mentions, cashtags, urls);
        for (ReferencedTweet ref : t.referencedTweets()) {
            Tweet e = ref.embedded();
            if (e == null || ref.type() == ReferenceType.REPLIED_TO) {
                continue;
            }
            String lang = e.lang() != null ? e.lang() : t.lang();
            if (ref.type() == ReferenceType.QUOTED) {
                addText(d, pairs, Fields.PART_QUOTED, Fields.QUOTED_KEY, e.text(), lang);
            } else {
                addText(d, pairs, Fields.PART_RETWEETED, Fields.RETWEETED_KEY, e.text(), lang);
            }
            collectEntities(e.entities(), hashtags, mentions, cashtags, urls);
        }
        for (String h : hashtags) {
            d.add(new StringField(Fields.HASHTAG, h, Field.Store.NO));
            d.add(new SortedSetDocValuesField(Fields.FACET_PREFIX + Fields.HASHTAG, new BytesRef(h)));
        }
        mentions.forEach(m -> d.add(new StringField(Fields.MENTION, m, Field.Store.NO)));
        cashtags.forEach(c -> d.add(new StringField(Fields.CASHTAG, c, Field.Store.NO)));
        Set<String> domains = new LinkedHashSet<>();
        for (String u : urls) {
            d.add(new StringField(Fields.URL, u, Field.Store.NO));
            domains.addAll(domains(u));
        }
        domains.forEach(dom -> d.add(new StringField(Fields.DOMAIN, dom, Field.Store.NO)));

        String kind = t.kind();
        d.add(new StringField(Fields.IS, kind, Field.Store.NO));
        if (indexed.deleted() || t.deleted()) {
            d.add(new StringField(Fields.IS, "deleted", Field.Store.NO));
        }
        if (indexed.edited() || t.edited()) {
            d.add(new StringField(Fields.IS, "edited", Field.Store.NO));
        }
        if (!t.media().isEmpty()) {
            d.add(new StringField(Fields.HAS, "media", Field.Store.NO));
        }
        if (!urls.isEmpty()) {
            d.add(new StringField(Fields.HAS, "links", Field.Store.NO));
        }
        String lang = t.lang() == null ? "und" : Fields.lower(t.lang());
        d.add(new StringField(Fields.LANG, lang, Field.Store.NO));
        if (t.sourceClient() != null) {
            d.add(new StringField(Fields.SOURCE, Fields.lower(t.sourceClient()), Field.Store.NO));
        }
        if (indexed.accountClass() != null) {
            d.add(new StringField(Fields.ACCOUNT_CLASS, Fields.lower(indexed.accountClass()), Field.Store.NO));
        }
        if (indexed.accountRole() != null) {
            d.add(new StringField(Fields.ACCOUNT_ROLE, Fields.lower(indexed.accountRole()), Field.Store.NO));
        }
        AccessFacts access = indexed.access();
        if (access != null) {
            d.add(new StringField(Fields.ACCESS, access.access(), Field.Store.NO));
            if (access.embargoUntil() != null) {
                long until = access.embargoUntil().toEpochMilli();
                d.add(new LongPoint(Fields.EMBARGO_UNTIL, until));
                d.add(new NumericDocValuesField(Fields.EMBARGO_UNTIL, until));
                d.add(new StringField(Fields.EMBARGO_ACCESS, access.embargoAccess(), Field.Store.NO));
            }
        }
        String replyTo = replyTarget(t);
        if (replyTo != null) {
            d.add(new StringField(Fields.REPLY_TO, replyTo, Field.Store.NO));
        }
        long likes = t.metrics() == null ? 0 : t.metrics().count("like_count");
        long retweets = t.metrics() == null ? 0 : t.metrics().count("retweet_count");
        long replies = t.metrics() == null ? 0 : t.metrics().count("reply_count");
        long quotes = t.metrics() == null ? 0 : t.metrics().count("quote_count");
        d.add(new NumericDocValuesField(Fields.LIKES, likes));
        d.add(new NumericDocValuesField(Fields.RETWEETS, retweets));
        d.add(new NumericDocValuesField(Fields.REPLIES, replies));
        d.add(new NumericDocValuesField(Fields.QUOTES, quotes));
        d.add(new NumericDocValuesField(Fields.ENGAGEMENT, likes + retweets + replies + quotes));

        facet(d, Facet.ACCOUNT, shownHandle);
        facet(d, Facet.MONTH, MONTH.format(t.createdAt()));
        facet(d, Facet.LANGUAGE, lang);
        facet(d, Facet.TYPE, kind);
        // Last: the indexer inverts fields in document order, and each pairs field replays what its text field recorded.
        pairs.addPairFields(d);
        return d;
    }

    private static void facet(Document d, Facet facet, String value) {
        d.add(new SortedSetDocValuesField(facet.field(), new BytesRef(value)));
    }

    /**
     * Indexes one part's text in the language-neutral field and in its language's field; the language field
     * also stores the text (once) for display and highlighting, and {@code keyField} records which one it is. Both
     * record their adjacent-term pairs in {@code pairs}.
     */
    private static void addText(Document d, WordPairs pairs, String part, String keyField, String text, String lang) {
        String key = Fields.languageKey(lang);
        d.add(pairs.textField(Fields.text(part, Fields.ALL), text));
        d.add(pairs.textField(Fields.text(part, key), text));
        d.add(new StoredField(Fields.text(part, key), text));
        d.add(new StoredField(keyField, key));
    }

    private static void collectEntities(Entities e, Set<String> hashtags, Set<String> mentions, Set<String> cashtags,
                                        Set<String> urls) {
        e.hashtags().forEach(h -> hashtags.add(Fields.lower(h.tag())));
        e.mentions().forEach(m -> mentions.add(Fields.lower(m.handle())));
        e.cashtags().forEach(c -> cashtags.add(c.tag().toUpperCase(Locale.ROOT)));
        for (Entities.Url u : e.urls()) {
            urls.add(u.expandedUrl() != null ? u.expandedUrl() : u.url());
        }
    }

    /**
     * The handle a reply is addressed to, lowercased, or null. The record has the replied-to user's id but not
     * their handle (v1.1's {@code in_reply_to_screen_name} is not kept), so the handle is taken from the
     * mention whose user id is the replied-to id, else from the mention at the very start of the text, which
     * is where the platform puts the addressee of a reply.
     */
    static String replyTarget(Tweet t) {
        if (!"reply".equals(t.kind())) {
            return null;
        }
        for (Entities.Mention m : t.entities().mentions()) {
            if (m.userId() != null && m.userId().equals(t.inReplyToUserId())) {
                return Fields.lower(m.handle());
            }
        }
        for (Entities.Mention m : t.entities().mentions()) {
            if (m.start() == 0) {
                return Fields.lower(m.handle());
            }
        }
        return null;
    }

    /** The host of a URL and its parent domains down to two labels: www.state.gov gives both it and state.gov. */
    static Set<String> domains(String url) {
        Set<String> out = new LinkedHashSet<>();
        String host;
        try {
            String withScheme = url.contains("://") ? url : "http://" + url;
            host = new URI(withScheme).getHost();
        } catch (URISyntaxException e) {
            return out;
        }
        if (host == null) {
            return out;
        }
        host = Fields.lower(host);
        while (true) {
            out.add(host);
            int dot = host.indexOf('.');
            if (dot < 0 || host.indexOf('.', dot + 1) < 0) {
                return out;
            }
            host = host.substring(dot + 1);
        }
    }
}
