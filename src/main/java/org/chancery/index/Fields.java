package org.chancery.index;

import java.util.List;
import java.util.Locale;

/** Names of the index fields, shared by the document builder, the query parser and the searcher. */
final class Fields {
    private Fields() {}

    static final String ID = "id";
    static final String AUTHOR_ID = "author_id";
    /** Every handle the account has had, lowercased; exact match. */
    static final String HANDLE = "handle";
    /** The handle as captured with this tweet, stored for display. */
    static final String HANDLE_DISPLAY = "handle_display";
    static final String DISPLAY_NAME = "display_name";
    /** Epoch milliseconds: LongPoint, NumericDocValues (the index sort) and stored. */
    static final String CREATED_AT = "created_at";
    static final String HASHTAG = "hashtag";
    static final String MENTION = "mention";
    static final String CASHTAG = "cashtag";
    static final String URL = "url";
    static final String DOMAIN = "domain";
    static final String LANG = "lang";
    static final String SOURCE = "source";
    /** The tweet's kind (original, reply, retweet, quote) and the flags deleted and edited. */
    static final String IS = "is";
    /** media, links. */
    static final String HAS = "has";
    static final String ACCOUNT_CLASS = "class";
    static final String ACCOUNT_ROLE = "role";
    static final String REPLY_TO = "to";
    /** Access level after any embargo (keyword), the embargo's end (point + doc values, epoch ms) and level. */
    static final String ACCESS = "access";
    static final String EMBARGO_UNTIL = "embargo_until";
    static final String EMBARGO_ACCESS = "embargo_access";
    static final String LIKES = "likes";
    static final String RETWEETS = "retweets";
    static final String REPLIES = "replies";
    static final String QUOTES = "quotes";
    /** likes + retweets + replies + quotes, for sorting by engagement. */
    static final String ENGAGEMENT = "engagement";
    /** Which language key each stored text part was indexed under, so a hit can read it back. */
    static final String TEXT_KEY = "text_key";
    static final String QUOTED_KEY = "quoted_key";
    static final String RETWEETED_KEY = "retweeted_key";

    /** The parts of a tweet whose text is indexed; a hit reports which of them matched. */
    static final String PART_TWEET = "tweet";
    static final String PART_QUOTED = "quoted";
    static final String PART_RETWEETED = "retweeted";
    /** Text of the documents the tweet links to (indexed under {@link #ALL} only, not stored). */
    static final String PART_LINKED = "linked";
    static final List<String> PARTS = List.of(PART_TWEET, PART_QUOTED, PART_RETWEETED, PART_LINKED);

    /** Language keys with their own analysed field; every other language goes to {@code other}. */
    static final List<String> LANGUAGE_KEYS = List.of("en", "fr", "es", "ru", "ar", "zh", "ja", "other");
    /** The language-neutral key: every text is also indexed here, whatever its language. */
    static final String ALL = "all";

    static final String FACET_PREFIX = "facet_";

    /** {@code text_en}, {@code quoted_text_all} …: the field for a part's text under one language key. */
    static String text(String part, String key) {
        return switch (part) {
            case PART_TWEET -> "text_" + key;
            case PART_QUOTED -> "quoted_text_" + key;
            case PART_RETWEETED -> "retweeted_text_" + key;
            case PART_LINKED -> "linked_text_" + key;
            default -> throw new IllegalArgumentException("unknown tweet part " + part);
        };
    }

    /**
     * {@code text_en_pairs} …: the terms of {@code textField} at adjacent positions, as pairs (see {@link WordPairs});
     * its part is the text field's.
     */
    static String pairs(String textField) {
        return textField + "_pairs";
    }

    /** The part a text field (or its pairs field) belongs to, or null if {@code field} is not a text field. */
    static String partOf(String field) {
        if (field.startsWith("quoted_text_")) {
            return PART_QUOTED;
        }
        if (field.startsWith("retweeted_text_")) {
            return PART_RETWEETED;
        }
        if (field.startsWith("linked_text_")) {
            return PART_LINKED;
        }
        if (field.startsWith("text_") && !field.equals(TEXT_KEY)) {
            return PART_TWEET;
        }
        return null;
    }

    /** The language key for a BCP 47 tag: its primary subtag if it has its own field, else {@code other}. */
    static String languageKey(String lang) {
        if (lang == null || lang.isEmpty()) {
            return "other";
        }
        String primary = lang.toLowerCase(Locale.ROOT);
        int dash = primary.indexOf('-');
        if (dash > 0) {
            primary = primary.substring(0, dash);
        }
        return LANGUAGE_KEYS.contains(primary) ? primary : "other";
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
