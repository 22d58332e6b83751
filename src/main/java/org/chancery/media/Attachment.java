package org.chancery.media;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One file kept in a tweet's OCFL object beside the tweet: a media file or a linked document, as one line of the
 * object's {@code attachments/*.jsonl}.
 *
 * @param tweetId      the tweet it belongs to
 * @param kind         {@code media} or {@code document}
 * @param key          what it was fetched for: the platform's media key, or the link's expanded URL
 * @param url          where it was downloaded from (the chosen variant for a video)
 * @param path         its logical path in the object, {@code media/<sha256>.<ext>} or {@code documents/…}
 * @param sha256       SHA-256 of the bytes (OCFL's inventory adds their SHA-512)
 * @param bytes        its size
 * @param detectedType the media type Tika detects from the content, e.g. {@code image/png}
 * @param declaredType the server's Content-Type, kept as evidence only; null when none
 * @param fetchedAt    when it was downloaded
 * @param metadata     facts about the file: the source's width, height, duration and bit rate, Tika's document
 *                     metadata (pages, title); empty when none
 * @param textPath     logical path of the text Tika extracted ({@code documents/<sha256>.txt}); null when none
 */
public record Attachment(String tweetId, String kind, String key, String url, String path, String sha256, long bytes,
        String detectedType, String declaredType, Instant fetchedAt, Map<String, String> metadata, String textPath) {
    /** {@link #kind()} of a photo, video or GIF of the tweet. */
    public static final String MEDIA = "media";
    /** {@link #kind()} of a document a tweet links to. */
    public static final String DOCUMENT = "document";

    public Attachment {
        Objects.requireNonNull(tweetId, "tweetId");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(fetchedAt, "fetchedAt");
        if (!MEDIA.equals(kind) && !DOCUMENT.equals(kind)) {
            throw new IllegalArgumentException("An attachment is \"media\" or \"document\", not \"" + kind + "\".");
        }
        metadata = Map.copyOf(metadata);
    }
}
