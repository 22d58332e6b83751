package org.chancery.record;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The canonical, lossless-as-normalized form of one tweet, whatever the source format.
 *
 * <p>Fields a source does not give are null (objects) or empty (lists); nothing is invented. The exact bytes
 * the record was built from travel beside it in a {@link Capture}.
 *
 * @param id                the tweet id
 * @param author            who posted it
 * @param createdAt         when it was posted (UTC)
 * @param text              the full text, never truncated (v1.1 {@code full_text}/{@code extended_tweet},
 *                          v2 {@code note_tweet})
 * @param lang              BCP 47 language tag the platform detected ("en", "und", "qme" …); null if not given
 * @param sourceClient      the posting client ("Twitter Web App"), HTML stripped; null if not given
 * @param conversationId    the conversation's root tweet id; null if not given
 * @param inReplyToUserId   the user replied to; null if not a reply or not given
 * @param referencedTweets  retweeted / quoted / replied-to tweets
 * @param entities          hashtags, mentions, cashtags, URLs
 * @param media             attached media
 * @param metrics           public metrics at capture; null if the source gives none
 * @param editHistoryIds    ids of every version of this tweet, oldest first (empty if not given)
 * @param possiblySensitive the platform's flag; null if not given
 * @param place             place/geo; null if none
 * @param deleted           true when the source itself says the tweet was deleted (archive export's
 *                          deleted-tweets.js)
 * @param provenance        where and when it was captured
 */
public record Tweet(
        String id,
        Author author,
        Instant createdAt,
        String text,
        String lang,
        String sourceClient,
        String conversationId,
        String inReplyToUserId,
        List<ReferencedTweet> referencedTweets,
        Entities entities,
        List<Media> media,
        Metrics metrics,
        List<String> editHistoryIds,
        Boolean possiblySensitive,
        Place place,
        boolean deleted,
        Provenance provenance) {

    public Tweet {
        Ids.requireNumeric(id, "id");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(createdAt, "created_at");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(provenance, "provenance");
        referencedTweets = List.copyOf(referencedTweets);
        entities = entities == null ? Entities.NONE : entities;
        media = List.copyOf(media);
        editHistoryIds = List.copyOf(editHistoryIds);
        for (String e : editHistoryIds) {
            Ids.requireNumeric(e, "edit_history_tweet_ids");
        }
        if (conversationId != null) {
            Ids.requireNumeric(conversationId, "conversation_id");
        }
    }

    /** The tweet this one replies to, if any. */
    public java.util.Optional<String> inReplyToTweetId() {
        return findReference(ReferenceType.REPLIED_TO).map(ReferencedTweet::id);
    }

    public java.util.Optional<ReferencedTweet> findReference(ReferenceType type) {
        return referencedTweets.stream().filter(r -> r.type() == type).findFirst();
    }

    /** original, reply, retweet or quote: a retweet wins over a quote, a quote over a reply. */
    public String kind() {
        if (findReference(ReferenceType.RETWEETED).isPresent()) {
            return "retweet";
        }
        if (findReference(ReferenceType.QUOTED).isPresent()) {
            return "quote";
        }
        if (findReference(ReferenceType.REPLIED_TO).isPresent() || inReplyToUserId != null) {
            return "reply";
        }
        return "original";
    }

    /** True if the platform reports more than one version of this tweet. */
    public boolean edited() {
        return editHistoryIds.size() > 1;
    }
    /** Starts a builder; importers fill what their source gives and leave the rest. */
    public static Builder builder() {
        return new Builder();
    }

    /** Mutable helper for importers; {@link #build()} validates through the record constructor. */
    public static final class Builder {
        private String id;
        private Author author;
        private Instant createdAt;
        private String text;
        private String lang;
        private String sourceClient;
        private String conversationId;
        private String inReplyToUserId;
        private List<ReferencedTweet> referencedTweets = List.of();
        private Entities entities = Entities.NONE;
        private List<Media> media = List.of();
        private Metrics metrics;
        private List<String> editHistoryIds = List.of();
        private Boolean possiblySensitive;
        private Place place;
        private boolean deleted;
        private Provenance provenance;

        private Builder() {}

        public Builder id(String v) { id = v; return this; }
        public Builder author(Author v) { author = v; return this; }
        public Builder createdAt(Instant v) { createdAt = v; return this; }
        public Builder text(String v) { text = v; return this; }
        public Builder lang(String v) { lang = v; return this; }
        public Builder sourceClient(String v) { sourceClient = v; return this; }
        public Builder conversationId(String v) { conversationId = v; return this; }
        public Builder inReplyToUserId(String v) { inReplyToUserId = v; return this; }
        public Builder referencedTweets(List<ReferencedTweet> v) { referencedTweets = v; return this; }
        public Builder entities(Entities v) { entities = v; return this; }
        public Builder media(List<Media> v) { media = v; return this; }
        public Builder metrics(Metrics v) { metrics = v; return this; }
        public Builder editHistoryIds(List<String> v) { editHistoryIds = v; return this; }
        public Builder possiblySensitive(Boolean v) { possiblySensitive = v; return this; }
        public Builder place(Place v) { place = v; return this; }
        public Builder deleted(boolean v) { deleted = v; return this; }
        public Builder provenance(Provenance v) { provenance = v; return this; }

        public Tweet build() {
            return new Tweet(id, author, createdAt, text, lang, sourceClient, conversationId, inReplyToUserId,
                    referencedTweets, entities, media, metrics, editHistoryIds, possiblySensitive, place, deleted,
                    provenance);
        }
    }
}
