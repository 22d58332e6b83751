package org.chancery.record;

/**
 * The account that posted a tweet, as the source described it at capture time.
 *
 * @param id          the platform's numeric user id
 * @param handle      the screen name without '@' at capture time; may be null when a source gives only the id
 * @param displayName the display name at capture time; null when the source does not give it
 */
public record Author(String id, String handle, String displayName) {
    public Author {
        Ids.requireNumeric(id, "author id");
        if (handle != null && handle.startsWith("@")) {
            handle = handle.substring(1);
        }
    }
}
