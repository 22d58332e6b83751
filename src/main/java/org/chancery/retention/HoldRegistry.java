package org.chancery.retention;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.chancery.InvalidInputException;
import org.chancery.NotFoundException;
import org.chancery.StorageException;

/**
 * Legal holds, kept as an append-only log of {@link HoldEvent}s ({@value #FILE_NAME} in the folder given),
 * one canonical JSON event per line, each fsynced before the call returns. Nothing is ever rewritten: a release
 * is a new event, so the history of every hold stays readable. Hold ids are never reused.
 *
 * <p>Thread-safe; one process should own the folder.
 */
public final class HoldRegistry implements HoldSource {
    public static final String FILE_NAME = "holds.jsonl";

    private final EventLog log;
    private final Clock clock;
    private final List<HoldEvent> events = new ArrayList<>();
    private final Map<String, LegalHold> holds = new LinkedHashMap<>();
    private volatile List<LegalHold> snapshot = List.of();

    private HoldRegistry(EventLog log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    /**
     * Opens the hold log in {@code dir}, creating it when absent, and replays it.
     *
     * @throws StorageException when a complete line of the log cannot be read as an event (the message names
     *                          the line); a torn last line from a crash is dropped, since it was never acknowledged
     */
    public static HoldRegistry open(Path dir, Clock clock) {
        Objects.requireNonNull(clock, "clock");
        EventLog log = EventLog.open(dir.resolve(FILE_NAME));
        HoldRegistry r = new HoldRegistry(log, clock);
        List<byte[]> lines = log.lines();
        for (int i = 0; i < lines.size(); i++) {
            try {
                r.apply(HoldEvent.parse(lines.get(i)));
            } catch (IllegalArgumentException | InvalidInputException | NotFoundException e) {
                throw new StorageException("Hold log " + log.file() + " line " + (i + 1) + " is not a valid hold event: "
                        + e.getMessage() + " (" + new String(lines.get(i), StandardCharsets.UTF_8) + ")", e);
            }
        }
        return r;
    }

    /**
     * Places a hold now (per the clock) and records it durably.
     *
     * @throws InvalidInputException when a hold with this id exists or existed
     */
    public synchronized HoldEvent.Placed place(String id, String reason, String placedBy, HoldScope scope) {
        LegalHold.requireId(id);
        if (holds.containsKey(id)) {
            LegalHold h = holds.get(id);
            throw new InvalidInputException("Hold " + id + " already exists (placed " + h.placedAt() + " by " + h.placedBy()
                    + "); hold ids are never reused.");
        }
        HoldEvent.Placed e = new HoldEvent.Placed(new LegalHold(id, reason, placedBy, clock.instant(), scope, null));
        log.append(e.canonicalBytes());
        apply(e);
        return e;
    }

    /**
     * Releases a hold now and records it durably; the hold stays listed with its release.
     *
     * @throws NotFoundException     when no hold has this id
     * @throws InvalidInputException when it was already released
     */
    public synchronized HoldEvent.Released release(String id, String releasedBy, String reason) {
        LegalHold h = get(id);
        if (h.release() != null) {
            throw new InvalidInputException("Hold " + id + " was already released on " + h.release().releasedAt() + " by "
                    + h.release().releasedBy() + ".");
        }
        Instant now = clock.instant();
        // A clock set back must not make a release precede its placement.
        Instant at = now.isBefore(h.placedAt()) ? h.placedAt() : now;
        HoldEvent.Released e = new HoldEvent.Released(id, new LegalHold.Release(releasedBy, at, reason));
        log.append(e.canonicalBytes());
        apply(e);
        return e;
    }

    private void apply(HoldEvent event) {
        switch (event) {
            case HoldEvent.Placed p -> {
                if (holds.containsKey(p.holdId())) {
                    throw new InvalidInputException("hold " + p.holdId() + " is placed twice");
                }
                holds.put(p.holdId(), p.hold());
            }
            case HoldEvent.Released r -> {
                LegalHold h = holds.get(r.holdId());
                if (h == null) {
                    throw new NotFoundException("hold " + r.holdId() + " is released but was never placed");
                }
                if (h.release() != null) {
                    throw new InvalidInputException("hold " + r.holdId() + " is released twice");
                }
                holds.put(h.id(), new LegalHold(h.id(), h.reason(), h.placedBy(), h.placedAt(), h.scope(), r.release()));
            }
        }
        events.add(event);
        snapshot = List.copyOf(holds.values());
    }

    /** Every hold ever placed, in placement order, released ones with their release. */
    @Override
    public List<LegalHold> holds() {
        return snapshot;
    }

    /** Holds in force at {@code at}. */
    public List<LegalHold> active(Instant at) {
        return snapshot.stream().filter(h -> h.activeAt(at)).toList();
    }

    public Optional<LegalHold> find(String id) {
        return snapshot.stream().filter(h -> h.id().equals(id)).findFirst();
    }

    /** @throws NotFoundException when no hold has this id */
    public LegalHold get(String id) {
        return find(id).orElseThrow(() -> new NotFoundException("Hold " + id + " does not exist."));
    }

    /** Every event in log order; the ledger logs each one's {@link HoldEvent#canonicalBytes()}. */
    public synchronized List<HoldEvent> events() {
        return List.copyOf(events);
    }
}
