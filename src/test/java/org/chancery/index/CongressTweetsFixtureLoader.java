package org.chancery.index;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.twitter.twittertext.Extractor;
import org.chancery.record.Author;
import org.chancery.record.Entities;
import org.chancery.record.Media;
import org.chancery.record.Provenance;
import org.chancery.record.ReferenceType;
import org.chancery.record.ReferencedTweet;
import org.chancery.record.SourceFormat;
import org.chancery.record.Tweet;

/**
 * TEST FIXTURE LOADER, not the congresstweets importer (which lives in {@code capture} and is written
 * separately): a minimal mapping of congresstweets items to {@link Tweet} records so that index tests can run
 * on real text.
 *
 * <p>Conventions of the format: text starting {@code "RT @user "} is a retweet of the tweet in {@code link};
 * {@code "<own text> <status url> QT @user <quoted text>"} is a quote of the status in that URL. The
 * embedded retweeted/quoted tweet carries only its id and text; its author id "0" and creation time (the
 * outer tweet's) are placeholders the index never reads. Entities come from twitter-text over the own text
 * (and over the embedded text for the embedded tweet); bare pbs.twimg.com / video.twimg.com URLs are media.
 * congresstweets gives no language, so {@code lang} is null.
 */
final class CongressTweetsFixtureLoader {
    private static final Pattern STATUS_ID = Pattern.compile("/status(?:es)?/(\\d{1,20})");
    private static final Pattern RT = Pattern.compile("^RT @(\\w+):? ?");
    private static final Pattern QT = Pattern.compile(" QT @(\\w+):? ?");
    private static final Instant CAPTURED = Instant.parse("2020-01-01T00:00:00Z");

    private final Extractor extractor = new Extractor();
    private final ObjectMapper json = new ObjectMapper();

    /** The raw items of a fixture file, in file order. */
    List<JsonNode> items(String resource) {
        try (InputStream in = CongressTweetsFixtureLoader.class.getResourceAsStream("/fixtures/index/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + resource);
            }
            List<JsonNode> out = new ArrayList<>();
            json.readTree(in).forEach(out::add);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<Tweet> load(String resource) {
        List<Tweet> out = new ArrayList<>();
        int n = 0;
        for (JsonNode item : items(resource)) {
            out.add(toTweet(item, resource, ++n));
        }
        return out;
    }

    Tweet toTweet(JsonNode item, String resource, int position) {
        String text = item.get("text").asText();
        Instant created = OffsetDateTime.parse(item.get("time").asText()).toInstant();
        Provenance provenance = new Provenance(SourceFormat.CONGRESSTWEETS, resource, "item " + position, CAPTURED,
                "index test fixture loader");
        String ownText = text;
        List<ReferencedTweet> refs = new ArrayList<>();
        Matcher rt = RT.matcher(text);
        Matcher qt = QT.matcher(text);
        Matcher linkId = STATUS_ID.matcher(item.path("link").asText(""));
        if (rt.find() && linkId.find()) {
            refs.add(new ReferencedTweet(ReferenceType.RETWEETED, linkId.group(1),
                    embedded(linkId.group(1), rt.group(1), text.substring(rt.end()), created, provenance)));
        } else if (qt.find()) {
            String before = text.substring(0, qt.start());
            Matcher id = STATUS_ID.matcher(before);
            String quotedId = null;
            while (id.find()) {
                quotedId = id.group(1);
            }
            if (quotedId != null) {
                ownText = before;
                refs.add(new ReferencedTweet(ReferenceType.QUOTED, quotedId,
                        embedded(quotedId, qt.group(1), text.substring(qt.end()), created, provenance)));
            }
        }
        return Tweet.builder()
                .id(item.get("id").asText())
                .author(new Author(item.get("user_id").asText(), item.get("screen_name").asText(), null))
                .createdAt(created)
                .text(ownText)
                .sourceClient(item.path("source").asText(null))
                .referencedTweets(refs)
                .entities(entities(ownText))
                .media(media(ownText))
                .provenance(provenance)
                .build();
    }

    private Tweet embedded(String id, String handle, String text, Instant created, Provenance provenance) {
        return Tweet.builder().id(id).author(new Author("0", handle, null)).createdAt(created).text(text)
                .entities(entities(text)).provenance(provenance).build();
    }

    Entities entities(String text) {
        List<Entities.Hashtag> tags = new ArrayList<>();
        List<Entities.Mention> mentions = new ArrayList<>();
        List<Entities.Cashtag> cashtags = new ArrayList<>();
        List<Entities.Url> urls = new ArrayList<>();
        List<Extractor.Entity> all = extractor.extractEntitiesWithIndices(text);
        for (Extractor.Entity e : all) {
            int start = text.codePointCount(0, e.getStart());
            int end = text.codePointCount(0, e.getEnd());
            switch (e.getType()) {
                case HASHTAG -> tags.add(new Entities.Hashtag(e.getValue(), start, end));
                case MENTION -> mentions.add(new Entities.Mention(e.getValue(), null, start, end));
                case CASHTAG -> cashtags.add(new Entities.Cashtag(e.getValue(), start, end));
                case URL -> urls.add(new Entities.Url(e.getValue(), e.getValue(), e.getValue(), start, end));
            }
        }
        return new Entities(tags, mentions, cashtags, urls);
    }

    private List<Media> media(String text) {
        List<Media> out = new ArrayList<>();
        Matcher m = Pattern.compile("https?://(pbs|video)\\.twimg\\.com/\\S+").matcher(text);
        while (m.find()) {
            out.add(new Media(m.group(), m.group(1).equals("pbs") ? "photo" : "video", m.group(), null, 0, 0));
        }
        return out;
    }
}
