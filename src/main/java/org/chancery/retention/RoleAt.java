package org.chancery.retention;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * The registry's answer to "what was this account at that instant?".
 *
 * @param account         the account
 * @param period          the role period covering the instant
 * @param at              the instant asked about (a tweet's creation time)
 * @param registryVersion the registry version that said so
 */
public record RoleAt(Account account, RolePeriod period, Instant at, int registryVersion) {
    public RoleAt {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(period, "role period");
        Objects.requireNonNull(at, "instant");
    }

    public Role role() {
        return period.role();
    }

    /** "author 16056306 was senior-official (house-member) on 2017-07-10 per registry v3". */
    public String explain() {
        String cls = account.accountClass();
        return "author " + account.id() + " was " + period.role().wireName() + (cls == null ? "" : " (" + cls + ")")
                + " on " + at.atOffset(ZoneOffset.UTC).toLocalDate() + " per registry v" + registryVersion;
    }
}
