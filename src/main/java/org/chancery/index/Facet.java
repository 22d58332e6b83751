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

    private final String label;
    private final String field;

    Facet(String name) {
        this.label = name;
        this.field = Fields.FACET_PREFIX + name;
    }

    /** The facet's name in requests and responses: account, month, hashtag, lang, type. */
    public String label() {
        return label;
    }

    /** The facet with this label. */
    public static Facet fromLabel(String label) {
        for (Facet f : values()) {
            if (f.label.equals(label)) {
                return f;
            }
        }
        throw new org.chancery.InvalidInputException("Unknown facet \"" + label
                + "\"; expected account, month, hashtag, lang or type.");
    }

    /** The doc-values field counted for this facet. */
    String field() {
        return field;
    }
}
