package org.chancery.record;

import java.util.Objects;

/**
 * A photo, video or animated GIF attached to a tweet, as the source described it.
 *
 * @param key     the platform's media key (v2) or id (v1.1)
 * @param type    {@code photo}, {@code video} or {@code animated_gif}
 * @param url     the media file's URL (for videos, the preview image when no variant is given)
 * @param altText the author's description for screen readers; null when none
 * @param width   pixels, 0 when unknown
 * @param height  pixels, 0 when unknown
 */
public record Media(String key, String type, String url, String altText, int width, int height) {
    public Media {
        Objects.requireNonNull(key, "media key");
        Objects.requireNonNull(type, "media type");
    }
}
