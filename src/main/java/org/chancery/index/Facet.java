package org.chancery.index;

/** The dimensions a search can count its whole result set by. */
public enum Facet {
    /** The handle the tweet was captured under. */
    ACCOUNT("account"),
    /** yyyy-MM of the creation time, UTC. */
    MONTH("month"),
    /** Each hashtag, lowercased, of the tweet and of the tweet it quotes or retweets. */
    HASHTAG("hashtag"),
    /** The platform's language tag, lowercased ("und" when none). */
    LANGUAGE("lang"),
    /** original, reply, retweet or quote. */
    TYPE("type");

    private final String field;

    Facet(String name) {
        this.field = Fields.FACET_PREFIX + name;
    }

    /** The doc-values field counted for this facet. */
    String field() {
        return field;
    }
}
