package org.chancery.capture.xapi;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.chancery.InvalidInputException;

/**
 * Captures a list of accounts on a schedule: each account when its interval has passed since its last run, one
 * account at a time (one request in flight: polite to the API and within one app's rate limit). The last run of
 * each account is read from the {@link RunLog}, so a restarted watch keeps the schedule instead of starting over.
 * A refused token (401/403) stops the watch; any other failure is reported and the account is tried again at its
 * next turn.
 */
public final class Watch {
    /** The default interval between two runs of one account. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(15);
    private static final Duration SHORTEST_INTERVAL = Duration.ofMinutes(1);

    /** An account to watch and how often. */
    public record Account(String handle, Duration interval) {
        public Account {
            Objects.requireNonNull(handle, "handle");
            handle = (handle.startsWith("@") ? handle.substring(1) : handle).toLowerCase(Locale.ROOT);
            if (interval.compareTo(SHORTEST_INTERVAL) < 0) {
                throw new InvalidInputException("The interval of @" + handle + " must be at least one minute, got "
                        + interval + ".");
            }
        }
    }

    private final Harvester harvester;
    private final RunLog runs;
    private final Clock clock;
    private final Sleeper sleeper;

    public Watch(Harvester harvester, RunLog runs, Clock clock, Sleeper sleeper) {
        this.harvester = Objects.requireNonNull(harvester, "harvester");
        this.runs = Objects.requireNonNull(runs, "runs");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    /**
     * Reads an accounts file: one account a line, {@code HANDLE [INTERVAL]} with the interval as {@code 30m},
     * {@code 2h}, {@code 1d} or ISO-8601 ({@code PT30M}); blank lines and {@code #} comments are skipped.
     */
    public static List<Account> readAccounts(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidInputException("The accounts file " + file + " cannot be read: " + e.getMessage());
        }
        List<Account> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).replaceAll("#.*", "").strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split("\\s+");
            if (parts.length > 2 || !parts[0].matches("@?[A-Za-z0-9_]{1,15}")) {
                throw new InvalidInputException(file + ": line " + (i + 1) + ": expected HANDLE [INTERVAL], got \""
                        + line + "\".");
            }
            try {
                out.add(new Account(parts[0], parts.length == 2 ? interval(parts[1]) : DEFAULT_INTERVAL));
            } catch (InvalidInputException e) {
                throw new InvalidInputException(file + ": line " + (i + 1) + ": " + e.getMessage());
            }
        }
        if (out.isEmpty()) {
            throw new InvalidInputException("The accounts file " + file + " names no account.");
        }
        return out;
    }

    private static Duration interval(String text) {
        try {
            if (text.matches("\\d+[mhd]")) {
                long n = Long.parseLong(text.substring(0, text.length() - 1));
                return switch (text.charAt(text.length() - 1)) {
                    case 'm' -> Duration.ofMinutes(n);
                    case 'h' -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            }
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("\"" + text + "\" is not an interval (30m, 2h, 1d or PT30M).");
        }
    }

    /**
     * Runs accounts as they fall due until {@code until}, then returns.
     *
     * @param report told each completed run
     * @param errors told each failed run, one sentence
     */
    public void run(List<Account> accounts, Instant until, Consumer<RunSummary> report, Consumer<String> errors) {
        Map<String, Instant> last = new HashMap<>();
        for (RunRecord r : runs.list()) {
            last.merge(r.handle(), r.startedAt(), (a, b) -> a.isAfter(b) ? a : b);
        }
        while (true) {
            Instant now = clock.instant();
            Instant next = null;
            for (Account a : accounts) {
                Instant due = last.containsKey(a.handle()) ? last.get(a.handle()).plus(a.interval()) : Instant.MIN;
                if (!due.isAfter(now)) {
                    last.put(a.handle(), now);
                    try {
                        report.accept(harvester.capture(a.handle(), null, null, Integer.MAX_VALUE));
                    } catch (XApiRefusedException e) {
                        throw e;
                    } catch (XApiException e) {
                        errors.accept("@" + a.handle() + ": " + e.getMessage());
                    }
                    due = now.plus(a.interval());
                }
                next = next == null || due.isBefore(next) ? due : next;
            }
            if (!next.isBefore(until)) {
                return;
            }
            Instant wake = next;
            Instant current = clock.instant();
            if (wake.isAfter(current)) {
                sleeper.sleep(Duration.between(current, wake));
            }
        }
    }
}
