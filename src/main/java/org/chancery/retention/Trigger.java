package org.chancery.retention;

/** The event a retention period runs from. All cutoffs are computed in UTC. */
public enum Trigger {
    /** The tweet's creation instant. */
    CREATION("creation"),
    /** The end of the calendar month of creation (the first instant of the next month). */
    CUTOFF_MONTH_END("cutoff-month-end"),
    /** The end of the calendar year of creation (the first instant of the next year). */
    CUTOFF_YEAR_END("cutoff-year-end"),
    /** The end of the author's role period that covered the tweet; unknown while that period is open. */
    END_OF_TENURE("end-of-tenure"),
    /** The closure date of the author's account in the registry; unknown while it is open. */
    ACCOUNT_CLOSURE("account-closure");

    private final String wireName;

    Trigger(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Trigger fromWireName(String name) {
        for (Trigger t : values()) {
            if (t.wireName.equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown trigger \"" + name + "\"");
    }

    static final String EXPECTED = "one of creation, cutoff-month-end, cutoff-year-end, end-of-tenure, account-closure";

    @Override
    public String toString() {
        return wireName;
    }
}
