package org.chancery.retention;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.chancery.record.Tweet;

/**
 * Decides schedule, access and disposition of records. Decisions are pure functions of the tweet, the policy
 * set, the registry's current version, the holds the {@link HoldSource} returns at the call, and the instant
 * asked about; the engine reads no clock of its own.
 *
 * <p>Rules: the author's role is taken at the tweet's creation instant. Among policies with a matching rule the
 * highest priority applies (priorities are unique). No match: {@link Schedule.Unscheduled}, access
 * {@code unscheduledAccess}, never eligible. Holds in force at the instant that cover the record make it
 * {@link Disposition.Held}, whatever its schedule.
 */
public final class RetentionEngine {
    private final PolicySet policies;
    private final AccountRegistry registry;
    private final HoldSource holds;
    private final QueryMatcher queries;
    private final Access unscheduledAccess;

    /**
     * @param unscheduledAccess access for records no policy covers; {@link Access#INTERNAL} is the cautious choice:
     *                          staff see them, the public does not until a policy says so
     */
    public RetentionEngine(PolicySet policies, AccountRegistry registry, HoldSource holds, QueryMatcher queries,
            Access unscheduledAccess) {
        this.policies = Objects.requireNonNull(policies, "policies");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.holds = Objects.requireNonNull(holds, "holds");
        this.queries = Objects.requireNonNull(queries, "queries");
        this.unscheduledAccess = Objects.requireNonNull(unscheduledAccess, "unscheduledAccess");
    }

    /** With unscheduled records {@link Access#INTERNAL}. */
    public RetentionEngine(PolicySet policies, AccountRegistry registry, HoldSource holds, QueryMatcher queries) {
        this(policies, registry, holds, queries, Access.INTERNAL);
    }

    public PolicySet policies() {
        return policies;
    }

    public AccountRegistry registry() {
        return registry;
    }

    /** The schedule that governs {@code tweet}. */
    public Schedule schedule(Tweet tweet) {
        RegistryVersion v = registry.current();
        String authorId = tweet.author().id();
        Account account = v.find(authorId).orElse(null);
        RoleAt role = account == null ? null : account.roleAt(tweet.createdAt())
                .map(p -> new RoleAt(account, p, tweet.createdAt(), v.number())).orElse(null);
        for (Policy p : policies.policies()) {
            for (MatchRule rule : p.rules()) {
                if (rule.matches(tweet, account, role, queries)) {
                    return new Schedule.Scheduled(p, rule, role,
                            authorFacts(tweet, account, role, v) + "; rule " + rule.id() + " of policy " + p.label()
                                    + " (priority " + p.priority() + ") applies");
                }
            }
        }
        return new Schedule.Unscheduled("no policy matches tweet " + tweet.id() + "; "
                + authorFacts(tweet, account, role, v));
    }

    /** The access levels {@link #decide} gives {@code tweet} over time; holds play no part in access. */
    public AccessTerms accessTerms(Tweet tweet) {
        return switch (schedule(tweet)) {
            case Schedule.Unscheduled u -> new AccessTerms(unscheduledAccess, null, null);
            case Schedule.Scheduled s -> {
                Policy p = s.policy();
                yield p.embargo() == null ? new AccessTerms(p.access(), null, null)
                        : new AccessTerms(p.access(), plus(tweet.createdAt(), p.embargo().period()),
                                p.access().stricter(p.embargo().access()));
            }
        };
    }

    /** Everything retention says about {@code tweet} at {@code now}. */
    public Decision decide(Tweet tweet, Instant now) {
        Objects.requireNonNull(now, "now");
        Schedule schedule = schedule(tweet);
        List<String> holding = holdsCovering(tweet, now);
        return switch (schedule) {
            case Schedule.Unscheduled u -> new Decision(tweet.id(), now, u, unscheduledAccess, null, null,
                    holding.isEmpty() ? new Disposition.Retain("unscheduled records are never disposed of") : new Disposition.Held(holding));
            case Schedule.Scheduled s -> decideScheduled(tweet, now, s, holding);
        };
    }

    private Decision decideScheduled(Tweet tweet, Instant now, Schedule.Scheduled s, List<String> holding) {
        Policy p = s.policy();
        Access access = p.access();
        Instant embargoEnd = null;
        if (p.embargo() != null) {
            embargoEnd = plus(tweet.createdAt(), p.embargo().period());
            if (now.isBefore(embargoEnd)) {
                access = access.stricter(p.embargo().access());
            }
        }
        Instant eligibleAt = null;
        Disposition disposition;
        switch (p.retention()) {
            case Retention.Permanent perm -> disposition = new Disposition.Retain("policy " + p.label() + " is permanent");
            case Retention.After after -> {
                Optional<Instant> trigger = triggerInstant(after.trigger(), tweet, s);
                if (trigger.isEmpty()) {
                    disposition = new Disposition.Retain("the " + after.trigger() + " trigger of policy " + p.label()
                            + " has not happened for tweet " + tweet.id());
                } else {
                    eligibleAt = plus(trigger.get(), after.period());
                    disposition = now.isBefore(eligibleAt)
                            ? new Disposition.Retain("retained until " + eligibleAt + " (" + after + ")")
                            : new Disposition.Eligible(eligibleAt, p.disposition());
                }
            }
        }
        if (!holding.isEmpty()) {
            disposition = new Disposition.Held(holding);
        }
        return new Decision(tweet.id(), now, s, access, embargoEnd, eligibleAt, disposition);
    }

    /** Ids of holds in force at {@code now} whose scope covers {@code tweet}. */
    public List<String> holdsCovering(Tweet tweet, Instant now) {
        List<String> ids = new ArrayList<>();
        for (LegalHold h : holds.holds()) {
            if (h.activeAt(now) && h.scope().covers(tweet, queries)) {
                ids.add(h.id());
            }
        }
        return ids;
    }

    private Optional<Instant> triggerInstant(Trigger trigger, Tweet tweet, Schedule.Scheduled s) {
        ZonedDateTime created = tweet.createdAt().atZone(ZoneOffset.UTC);
        return switch (trigger) {
            case CREATION -> Optional.of(tweet.createdAt());
            case CUTOFF_MONTH_END -> Optional.of(LocalDate.of(created.getYear(), created.getMonth(), 1).plusMonths(1)
                    .atStartOfDay(ZoneOffset.UTC).toInstant());
            case CUTOFF_YEAR_END -> Optional.of(LocalDate.of(created.getYear() + 1, 1, 1)
                    .atStartOfDay(ZoneOffset.UTC).toInstant());
            case END_OF_TENURE -> Optional.ofNullable(s.authorRole()).map(r -> r.period().until());
            case ACCOUNT_CLOSURE -> registry.current().find(tweet.author().id()).map(Account::closedAt);
        };
    }

    /** Calendar arithmetic in UTC, so "P1Y" after 29 February ends on 28 February. */
    static Instant plus(Instant at, Period period) {
        return at.atZone(ZoneOffset.UTC).plus(period).toInstant();
    }

    private static String authorFacts(Tweet tweet, Account account, RoleAt role, RegistryVersion v) {
        String id = tweet.author().id();
        if (account == null) {
            return "author " + id + " is not in registry v" + v.number();
        }
        if (role == null) {
            return "author " + id + " had no role on " + tweet.createdAt().atOffset(ZoneOffset.UTC).toLocalDate()
                    + " per registry v" + v.number();
        }
        return role.explain();
    }
}
