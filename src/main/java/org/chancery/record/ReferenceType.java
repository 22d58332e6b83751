package org.chancery.record;

import java.util.Locale;

/** How a tweet refers to another one, in the X API v2 vocabulary. */
public enum ReferenceType {
    RETWEETED, QUOTED, REPLIED_TO;

    /** The wire name used by API v2 ({@code retweeted}, {@code quoted}, {@code replied_to}). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ReferenceType fromWireName(String name) {
        for (ReferenceType t : values()) {
            if (t.wireName().equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("referenced tweet type must be retweeted, quoted or replied_to, got \"" + name + "\"");
    }
}
