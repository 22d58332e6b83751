package org.chancery.capture;

import com.twitter.twittertext.Extractor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.chancery.record.Entities;

/**
 * Finds hashtags, mentions, cashtags and URLs in plain tweet text for sources that give text without entity
 * objects (congresstweets), using Twitter's reference implementation ({@code com.twitter.twittertext.Extractor})
 * so that what counts as an entity is the platform's own rule, not a home-made regular expression.
 *
 * <p>Offsets are converted from the reference implementation's UTF-16 indices to code-point indices, as
 * {@link Entities} requires. Mentions of lists ({@code @user/list}) are not mentions of a user in the reference
 * rules ({@code extractMentionedScreennames} drops them) and are left out here too.
 *
 * <p>URLs: plain text says nothing about where a link leads. A t.co link is only a redirect, so its
 * {@code expandedUrl} and {@code displayUrl} are null (unknown). Any other URL is its own target and is shown
 * as written, so {@code expandedUrl} and {@code displayUrl} are the URL as written in the text.
 *
 * <p>Speed: the reference URL expression is tried at every position of the text, which made it most of the cost
 * of importing plain-text sources. Every URL it can match lies inside one run of non-blank characters that
 * contains a dot, so {@link WordwiseUrlExtractor} runs it on those runs only (each with the blank before it, the
 * character the expression looks at before a URL); the results are the same, as the conformance suite and a
 * comparison with the plain reference extractor over real tweets check.
 *
 * <p>Not thread-safe: the reference {@code Extractor} it wraps is not documented as such; use one instance per
 * importer.
 */
public final class EntityExtractor {
    private final Extractor extractor = new WordwiseUrlExtractor();

    /**
     * All entities of {@code text}, with the reference implementation's overlap rule (a hashtag inside a URL is
     * part of the URL, not a hashtag).
     */
    public Entities extract(String text) {
        List<Extractor.Entity> found = extractor.extractEntitiesWithIndices(text);
        found.removeIf(e -> e.getType() == Extractor.Entity.Type.MENTION && e.getListSlug() != null);
        extractor.modifyIndicesFromUTF16ToUnicode(text, found);
        List<Entities.Hashtag> hashtags = new ArrayList<>();
        List<Entities.Mention> mentions = new ArrayList<>();
        List<Entities.Cashtag> cashtags = new ArrayList<>();
        List<Entities.Url> urls = new ArrayList<>();
        for (Extractor.Entity e : found) {
            switch (e.getType()) {
                case HASHTAG -> hashtags.add(hashtag(e));
                case MENTION -> mentions.add(mention(e));
                case CASHTAG -> cashtags.add(cashtag(e));
                case URL -> urls.add(url(e));
            }
        }
        return new Entities(hashtags, mentions, cashtags, urls);
    }

    /** Hashtags of {@code text} (excluding those inside URLs), in order of appearance. */
    public List<Entities.Hashtag> hashtags(String text) {
        return codePoints(text, extractor.extractHashtagsWithIndices(text)).stream().map(EntityExtractor::hashtag).toList();
    }

    /** Mentioned screen names of {@code text}, in order of appearance; list references are not mentions. */
    public List<Entities.Mention> mentions(String text) {
        return codePoints(text, extractor.extractMentionedScreennamesWithIndices(text)).stream()
                .map(EntityExtractor::mention)
                .toList();
    }

    /** Cashtags of {@code text}, in order of appearance. */
    public List<Entities.Cashtag> cashtags(String text) {
        return codePoints(text, extractor.extractCashtagsWithIndices(text)).stream().map(EntityExtractor::cashtag).toList();
    }

    /** URLs of {@code text}, with or without protocol, in order of appearance. */
    public List<Entities.Url> urls(String text) {
        return codePoints(text, extractor.extractURLsWithIndices(text)).stream().map(EntityExtractor::url).toList();
    }

    /** True if {@code url} (with or without scheme) is a t.co redirect link. */
    static boolean isShortLink(String url) {
        String rest = url;
        int scheme = rest.indexOf("://");
        if (scheme >= 0) {
            rest = rest.substring(scheme + 3);
        }
        int hostEnd = rest.length();
        for (int i = 0; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (c == '/' || c == '?' || c == '#' || c == ':') {
                hostEnd = i;
                break;
            }
        }
        return rest.substring(0, hostEnd).toLowerCase(Locale.ROOT).equals("t.co");
    }

    private List<Extractor.Entity> codePoints(String text, List<Extractor.Entity> entities) {
        extractor.modifyIndicesFromUTF16ToUnicode(text, entities);
        return entities;
    }

    private static Entities.Hashtag hashtag(Extractor.Entity e) {
        return new Entities.Hashtag(e.getValue(), e.getStart(), e.getEnd());
    }

    private static Entities.Mention mention(Extractor.Entity e) {
        return new Entities.Mention(e.getValue(), null, e.getStart(), e.getEnd());
    }

    private static Entities.Cashtag cashtag(Extractor.Entity e) {
        return new Entities.Cashtag(e.getValue(), e.getStart(), e.getEnd());
    }

    private static Entities.Url url(Extractor.Entity e) {
        String url = e.getValue();
        String target = isShortLink(url) ? null : url;
        return new Entities.Url(url, target, target, e.getStart(), e.getEnd());
    }
}
