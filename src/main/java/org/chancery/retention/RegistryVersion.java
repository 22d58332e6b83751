package org.chancery.retention;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One version of the account registry: every account as it stood after one import. Versions are numbered from
 * 1; version 0 is the empty registry before any import.
 *
 * @param number     the version number
 * @param importedAt when the import that made it happened
 * @param source     what was imported, e.g. the file name as given on the command line
 * @param accounts   every account, sorted by id, ids unique
 */
public record RegistryVersion(int number, Instant importedAt, String source, List<Account> accounts) {
    /** The {@code format} value of canonical registry files. */
    public static final String FORMAT = "chancery-account-registry/1";

    public RegistryVersion {
        if (number < 0) {
            throw new IllegalArgumentException("registry version number must not be negative, got " + number);
        }
        Objects.requireNonNull(importedAt, "registry importedAt");
        Objects.requireNonNull(source, "registry source");
        List<Account> sorted = new ArrayList<>(accounts);
        sorted.sort(Comparator.comparing(Account::id));
        Set<String> ids = new HashSet<>();
        for (Account a : sorted) {
            if (!ids.add(a.id())) {
                throw new IllegalArgumentException("registry version " + number + " lists account " + a.id() + " twice");
            }
        }
        accounts = List.copyOf(sorted);
    }

    static RegistryVersion empty() {
        return new RegistryVersion(0, Instant.EPOCH, "(empty)", List.of());
    }

    /** The account with this id; a binary search, since accounts are sorted by id. */
    public Optional<Account> find(String accountId) {
        int lo = 0;
        int hi = accounts.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = accounts.get(mid).id().compareTo(accountId);
            if (c == 0) {
                return Optional.of(accounts.get(mid));
            }
            if (c < 0) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return Optional.empty();
    }

    /** The role the account had at {@code at}, if the registry knows the account and it had a role then. */
    public Optional<RoleAt> roleAt(String accountId, Instant at) {
        return find(accountId).flatMap(a -> a.roleAt(at).map(p -> new RoleAt(a, p, at, number)));
    }

    /**
     * What the next version would be after importing {@code imported}. With {@code replace} the import is the
     * whole registry (accounts not in it are removed); otherwise it adds and updates accounts and keeps the rest.
     */
    public RegistryVersion next(List<Account> imported, String source, Instant importedAt, boolean replace) {
        Map<String, Account> merged = replace ? new LinkedHashMap<>() : new LinkedHashMap<>(byId());
        for (Account a : imported) {
            merged.put(a.id(), a);
        }
        return new RegistryVersion(number + 1, importedAt, source, new ArrayList<>(merged.values()));
    }

    /** What changed from this version to {@code newer}. */
    public RegistryDiff diff(RegistryVersion newer) {
        Map<String, Account> old = byId();
        Map<String, Account> now = newer.byId();
        List<String> added = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        for (Account a : newer.accounts) {
            Account before = old.get(a.id());
            if (before == null) {
                added.add(a.id());
            } else if (!before.equals(a)) {
                changed.add(a.id());
            }
        }
        for (Account a : accounts) {
            if (!now.containsKey(a.id())) {
                removed.add(a.id());
            }
        }
        return new RegistryDiff(added, removed, changed);
    }

    /**
     * This version as canonical JSON (see {@link CanonicalJson}): the bytes to keep in the archive and to log in
     * the ledger. {@link AccountRegistry#parseVersion(byte[], String)} reads them back to an equal value.
     */
    public byte[] canonicalBytes() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("format", FORMAT);
        o.put("version", number);
        o.put("importedAt", importedAt.toString());
        o.put("source", source);
        o.set("accounts", AccountCodec.write(accounts));
        return CanonicalJson.bytes(o);
    }

    private Map<String, Account> byId() {
        Map<String, Account> m = new LinkedHashMap<>();
        for (Account a : accounts) {
            m.put(a.id(), a);
        }
        return m;
    }
}
