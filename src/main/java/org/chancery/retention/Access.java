package org.chancery.retention;

import java.util.Locale;

/** Who may see a record, from least to most restricted. */
public enum Access {
    /** Anyone, including the public API. */
    PUBLIC,
    /** The organisation's staff. */
    INTERNAL,
    /** Archivists, legal and administrators only. */
    RESTRICTED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Access fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    /** The stricter of two levels. */
    public Access stricter(Access other) {
        return compareTo(other) >= 0 ? this : other;
    }

    static final String EXPECTED = "one of public, internal, restricted";

    @Override
    public String toString() {
        return wireName();
    }
}
