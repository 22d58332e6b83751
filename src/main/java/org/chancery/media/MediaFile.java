package org.chancery.media;

import java.time.Instant;

/**
 * One downloaded media file.
 *
 * @param tweetId      the tweet it is attached to
 * @param mediaKey     the platform's media key
 * @param url          where it was downloaded from
 * @param sha256       SHA-256 of the bytes (the file's name under {@code DATA/media/})
 * @param bytes        its size
 * @param detectedType the media type Tika detects from the content, e.g. {@code image/png}
 * @param declaredType the server's Content-Type, kept as evidence only; null when none
 * @param fetchedAt    when it was downloaded
 */
public record MediaFile(String tweetId, String mediaKey, String url, String sha256, long bytes, String detectedType,
        String declaredType, Instant fetchedAt) {}
