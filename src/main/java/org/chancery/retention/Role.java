package org.chancery.retention;

/**
 * What an account was, for records purposes, during a period. Schedules follow the role at the time of
 * posting, in the manner of NARA's role-based (Capstone) approach.
 */
public enum Role {
    /** An institution's own account (a ministry, a committee, an embassy). */
    OFFICIAL("official"),
    /** A head of mission's account while in post (an ambassador). */
    HEAD_OF_MISSION("head-of-mission"),
    /** A senior official's account while in post (a minister, a member of Congress). */
    SENIOR_OFFICIAL("senior-official"),
    /** A staff member tweeting in an official capacity. */
    STAFF("staff"),
    /** A campaign account: not an official record. */
    CAMPAIGN("campaign"),
    /** A personal account: not an official record. */
    PERSONAL("personal");

    private final String wireName;

    Role(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in files: {@code senior-official}. */
    public String wireName() {
        return wireName;
    }

    public static Role fromWireName(String name) {
        for (Role r : values()) {
            if (r.wireName.equals(name)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown role \"" + name + "\"");
    }

    static final String EXPECTED = "one of official, head-of-mission, senior-official, staff, campaign, personal";

    @Override
    public String toString() {
        return wireName;
    }
}
