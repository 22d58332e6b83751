package org.chancery.api;

import java.util.Objects;
import org.chancery.retention.ViewerRole;

/**
 * Who is asking: the token's name and role, or the anonymous public.
 *
 * @param name the token's name; {@code anonymous} for callers without a token
 * @param role what the caller may see
 */
public record Caller(String name, ViewerRole role) {
    public static final Caller ANONYMOUS = new Caller("anonymous", ViewerRole.PUBLIC);

    public Caller {
        Objects.requireNonNull(name, "caller name");
        Objects.requireNonNull(role, "caller role");
    }

    public boolean anonymous() {
        return this == ANONYMOUS || (role == ViewerRole.PUBLIC && name.equals("anonymous"));
    }

    /** Whether this caller may see what {@code owner} asked for (a job): the owner themselves, or an administrator. */
    public boolean mayActFor(Caller owner) {
        return role == ViewerRole.ADMIN || (!anonymous() && name.equals(owner.name()) && role == owner.role());
    }
}
