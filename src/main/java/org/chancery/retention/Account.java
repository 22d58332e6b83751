package org.chancery.retention;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.chancery.record.Ids;

/**
 * An account of the registry: who it belongs to and which role it had when.
 *
 * @param id           the platform's numeric user id (the only stable key: handles change)
 * @param name         the holder or institution, e.g. "Jeff Flake", "House Committee on Rules"
 * @param organisation e.g. "United States Senate"; null when not given
 * @param country      ISO 3166-1 alpha-2, e.g. "US"; null when not given
 * @param roles        role periods, sorted by start, never overlapping (gaps are allowed: no role then)
 * @param handles      every known handle, current first when known
 * @param attributes   further facts used by policy rules, e.g. {@code class=house-member},
 *                     {@code account_type=office}, {@code party=R}; sorted by key
 * @param closedAt     when the account was closed; null while open or when the date is unknown
 */
public record Account(String id, String name, String organisation, String country, List<RolePeriod> roles,
        List<HandlePeriod> handles, Map<String, String> attributes, Instant closedAt) {

    /** Attribute naming the account's class in policy rules, e.g. {@code house-member}, {@code senate-committee}. */
    public static final String CLASS = "class";
    /** Attribute naming the congresstweets account type: {@code office} or {@code campaign}. */
    public static final String ACCOUNT_TYPE = "account_type";

    public Account {
        Ids.requireNumeric(id, "account id");
        Objects.requireNonNull(name, "account name");
        List<RolePeriod> sorted = new ArrayList<>(roles);
        sorted.sort(Comparator.comparing(RolePeriod::from, Comparator.nullsFirst(Comparator.naturalOrder())));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i - 1).overlaps(sorted.get(i))) {
                throw new IllegalArgumentException("role periods of account " + id + " overlap: "
                        + sorted.get(i - 1).role() + " and " + sorted.get(i).role());
            }
        }
        roles = List.copyOf(sorted);
        handles = List.copyOf(handles);
        attributes = Collections.unmodifiableSortedMap(new TreeMap<>(attributes));
    }

    /** The role period covering {@code at}, if any. */
    public Optional<RolePeriod> roleAt(Instant at) {
        return roles.stream().filter(r -> r.covers(at)).findFirst();
    }

    /** The account's class attribute, e.g. {@code house-member}; null when not set. */
    public String accountClass() {
        return attributes.get(CLASS);
    }

    public Optional<String> attribute(String key) {
        return Optional.ofNullable(attributes.get(key));
    }
}
