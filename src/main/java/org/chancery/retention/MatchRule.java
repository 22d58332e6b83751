package org.chancery.retention;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.chancery.record.Entities;
import org.chancery.record.Tweet;

/**
 * One way a record can fall under a policy. Every criterion given must hold (AND); within a criterion any listed
 * value will do (OR). A rule has at least one criterion. Roles, classes and account types are those of the
 * author's registry entry at the tweet's creation instant, so an author unknown to the registry matches no rule
 * that asks for them. Classes, account types, handles and hashtags compare case-insensitively.
 *
 * @param id           unique within its policy, e.g. {@code capstone-roles}
 * @param roles        author's role at posting time
 * @param classes      author's {@code class} attribute, e.g. {@code house-member}
 * @param accountTypes author's {@code account_type} attribute, e.g. {@code office}
 * @param accountIds   author ids
 * @param handles      (a leading '@' is dropped) the author's handle on the tweet, or a handle the registry lists for the account then
 * @param hashtags     any hashtag of the tweet (a leading '#' is dropped)
 * @param query        a search query evaluated by the {@link QueryMatcher}; null when not used
 */
public record MatchRule(String id, Set<Role> roles, Set<String> classes, Set<String> accountTypes,
        Set<String> accountIds, Set<String> handles, Set<String> hashtags, String query) {

    public MatchRule {
        Objects.requireNonNull(id, "rule id");
        roles = Set.copyOf(roles);
        classes = lower(classes);
        accountTypes = lower(accountTypes);
        accountIds = Set.copyOf(new TreeSet<>(accountIds));
        handles = lower(strip(handles, '@'));
        hashtags = lower(strip(hashtags, '#'));
        if (roles.isEmpty() && classes.isEmpty() && accountTypes.isEmpty() && accountIds.isEmpty()
                && handles.isEmpty() && hashtags.isEmpty() && query == null) {
            throw new IllegalArgumentException("rule " + id + " has no criterion; a rule must select something");
        }
    }

    /**
     * @param account the author's registry entry, null when unknown
     * @param role    the author's role at creation, null when unknown or between role periods
     */
    public boolean matches(Tweet tweet, Account account, RoleAt role, QueryMatcher queries) {
        if (!roles.isEmpty() && (role == null || !roles.contains(role.role()))) {
            return false;
        }
        if (!classes.isEmpty() && !containsLower(classes, account == null ? null : account.accountClass())) {
            return false;
        }
        if (!accountTypes.isEmpty()
                && !containsLower(accountTypes, account == null ? null : account.attributes().get(Account.ACCOUNT_TYPE))) {
            return false;
        }
        if (!accountIds.isEmpty() && !accountIds.contains(tweet.author().id())) {
            return false;
        }
        if (!handles.isEmpty() && !handleMatches(tweet, account)) {
            return false;
        }
        if (!hashtags.isEmpty() && !hashtagMatches(tweet)) {
            return false;
        }
        return query == null || queries.matches(query, tweet);
    }

    private boolean handleMatches(Tweet tweet, Account account) {
        if (containsLower(handles, tweet.author().handle())) {
            return true;
        }
        return account != null && account.handles().stream()
                .anyMatch(h -> h.covers(tweet.createdAt()) && containsLower(handles, h.handle()));
    }

    private boolean hashtagMatches(Tweet tweet) {
        for (Entities.Hashtag h : tweet.entities().hashtags()) {
            if (containsLower(hashtags, h.tag())) {
                return true;
            }
        }
        return false;
    }

    private static boolean containsLower(Set<String> set, String value) {
        return value != null && set.contains(value.toLowerCase(Locale.ROOT));
    }

    private static Set<String> strip(Set<String> values, char prefix) {
        TreeSet<String> out = new TreeSet<>();
        for (String v : values) {
            out.add(!v.isEmpty() && v.charAt(0) == prefix ? v.substring(1) : v);
        }
        return out;
    }

    private static Set<String> lower(Set<String> values) {
        TreeSet<String> out = new TreeSet<>();
        for (String v : values) {
            out.add(v.toLowerCase(Locale.ROOT));
        }
        return Set.copyOf(out);
    }
}
