package org.chancery.retention;

import java.util.Locale;

/**
 * Who is asking to see a record. {@code public} sees {@link Access#PUBLIC} records; {@code staff} sees public
 * and {@link Access#INTERNAL}; {@code archivist}, {@code legal} and {@code admin} see everything including
 * {@link Access#RESTRICTED}.
 */
public enum ViewerRole {
    PUBLIC(Access.PUBLIC),
    STAFF(Access.INTERNAL),
    ARCHIVIST(Access.RESTRICTED),
    LEGAL(Access.RESTRICTED),
    ADMIN(Access.RESTRICTED);

    private final Access highest;

    ViewerRole(Access highest) {
        this.highest = highest;
    }

    /** True when this role may see a record at {@code access}. */
    public boolean sees(Access access) {
        return access.compareTo(highest) <= 0;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ViewerRole fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
