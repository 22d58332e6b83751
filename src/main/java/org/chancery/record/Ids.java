package org.chancery.record;

/** Checks for the identifiers the platform uses: tweet, user and media ids are decimal strings. */
public final class Ids {
    private Ids() {}

    /** True if {@code id} is a non-empty string of at most 20 ASCII digits (a 64-bit snowflake). */
    public static boolean isNumeric(String id) {
        if (id == null || id.isEmpty() || id.length() > 20) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** Returns {@code id} if numeric, else throws naming the field. */
    public static String requireNumeric(String id, String field) {
        if (!isNumeric(id)) {
            throw new IllegalArgumentException(field + " must be a numeric id string, got " + quote(id));
        }
        return id;
    }

    static String quote(String s) {
        return s == null ? "null" : "\"" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "\"";
    }
}
