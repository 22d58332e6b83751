package org.chancery.record;

import java.util.List;

/**
 * Entities of a tweet's text. Offsets are code-point indices into {@link Tweet#text()} as the source gave
 * them (-1 when a source gives none).
 */
public record Entities(List<Hashtag> hashtags, List<Mention> mentions, List<Cashtag> cashtags, List<Url> urls) {
    public static final Entities NONE = new Entities(List.of(), List.of(), List.of(), List.of());

    public Entities {
        hashtags = List.copyOf(hashtags);
        mentions = List.copyOf(mentions);
        cashtags = List.copyOf(cashtags);
        urls = List.copyOf(urls);
    }

    public boolean isEmpty() {
        return hashtags.isEmpty() && mentions.isEmpty() && cashtags.isEmpty() && urls.isEmpty();
    }

    /** A hashtag without its '#'. */
    public record Hashtag(String tag, int start, int end) {}

    /** A mention without its '@'; {@code userId} is null when the source does not give it. */
    public record Mention(String handle, String userId, int start, int end) {}

    /** A cashtag without its '$'. */
    public record Cashtag(String tag, int start, int end) {}

    /**
     * A link: {@code url} as written in the text (often a t.co link), {@code expandedUrl} the target the
     * platform resolved (null when unknown), {@code displayUrl} as shown to readers.
     */
    public record Url(String url, String expandedUrl, String displayUrl, int start, int end) {}
}
