package org.chancery.retention;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A legal hold: while active it stops disposition of every record its scope covers, whatever the schedule.
 * A released hold keeps its history.
 *
 * @param id       e.g. {@code H-2026-001}
 * @param reason   why it was placed (matter, request)
 * @param placedBy who placed it
 * @param placedAt when it took effect
 * @param scope    what it covers
 * @param release  the release, or null while the hold is in force
 */
public record LegalHold(String id, String reason, String placedBy, Instant placedAt, HoldScope scope, Release release) {
    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public LegalHold {
        requireId(id);
        requireText(reason, "hold reason");
        requireText(placedBy, "hold placedBy");
        Objects.requireNonNull(placedAt, "hold placedAt");
        Objects.requireNonNull(scope, "hold scope");
        if (release != null && release.releasedAt().isBefore(placedAt)) {
            throw new IllegalArgumentException("hold " + id + " cannot be released (" + release.releasedAt()
                    + ") before it was placed (" + placedAt + ")");
        }
    }

    /** True when the hold is in force at {@code at}: placed at or before it and not yet released. */
    public boolean activeAt(Instant at) {
        return !at.isBefore(placedAt) && (release == null || at.isBefore(release.releasedAt()));
    }

    /**
     * @param releasedBy who released it
     * @param releasedAt when it stopped having effect
     * @param reason     why (matter closed, court order)
     */
    public record Release(String releasedBy, Instant releasedAt, String reason) {
        public Release {
            requireText(releasedBy, "hold releasedBy");
            Objects.requireNonNull(releasedAt, "hold releasedAt");
            requireText(reason, "hold release reason");
        }
    }

    static void requireId(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("hold id must be letters, digits, '.', '_' or '-' (like H-2026-001), got "
                    + (id == null ? "null" : "\"" + id + "\""));
        }
    }

    static void requireText(String s, String field) {
        if (s == null || s.isBlank()) {
            throw new IllegalArgumentException(field + " must not be empty");
        }
    }
}
