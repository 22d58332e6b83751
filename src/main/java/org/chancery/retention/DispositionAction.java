package org.chancery.retention;

import java.util.Locale;

/** What happens to a record when its retention period ends. */
public enum DispositionAction {
    /** Destroy it (after a second person approves the plan). */
    DESTROY,
    /** Transfer it to another custodian (e.g. a national archives); Chancery then no longer holds it. */
    TRANSFER,
    /** An archivist decides: keep longer, transfer or destroy. */
    REVIEW;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DispositionAction fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    static final String EXPECTED = "one of destroy, transfer, review";

    /** The more cautious of two actions: review over transfer over destroy. */
    DispositionAction cautious(DispositionAction other) {
        return compareTo(other) >= 0 ? this : other;
    }

    @Override
    public String toString() {
        return wireName();
    }
}
