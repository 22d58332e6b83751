package org.chancery.retention;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.chancery.record.Ids;

/**
 * Reads and writes accounts in Chancery's registry format (the same shape in a hand-written YAML file and in a
 * canonical registry version):
 *
 * <pre>
 * accounts:
 *   - id: "16056306"
 *     name: Jeff Flake
 *     organisation: United States Senate
 *     country: US
 *     attributes: {class: senate-member, account_type: office, party: R}
 *     roles:
 *       - {role: staff, until: 2012-12-31}
 *       - {role: senior-official, from: 2013-01-03, title: Senator for Arizona}
 *     handles: [JeffFlake]          # or {handle, from, until} entries
 *     closed: 2019-01-03            # optional; a date means the end of that day
 * </pre>
 */
final class AccountCodec {
    static final Set<String> ACCOUNT_FIELDS = Fields.names("id", "name", "organisation", "country", "attributes",
            "roles", "handles", "closed");
    private static final Set<String> ROLE_FIELDS = Fields.names("role", "from", "until", "title");
    private static final Set<String> HANDLE_FIELDS = Fields.names("handle", "from", "until");

    private AccountCodec() {}

    /** Reads the {@code accounts} list under {@code root}; problems go to {@code f}. */
    static List<Account> readAccounts(Located accountsField, Fields f) {
        List<Account> out = new ArrayList<>();
        if (accountsField.missing()) {
            f.problem(accountsField, "is required: a list of accounts");
            return out;
        }
        if (!accountsField.node.isArray()) {
            f.problem(accountsField, "expected a list of accounts");
            return out;
        }
        Map<String, Located> seen = new HashMap<>();
        for (Located a : accountsField.items()) {
            Account account = readAccount(a, f);
            if (account == null) {
                continue;
            }
            Located first = seen.putIfAbsent(account.id(), a);
            if (first != null) {
                f.problem(a.field("id"), "account " + account.id() + " is listed twice (first at line " + first.line() + ")");
                continue;
            }
            out.add(account);
        }
        return out;
    }

    private static Account readAccount(Located a, Fields f) {
        if (!f.requireObject(a)) {
            return null;
        }
        int before = f.problems().size();
        f.onlyFields(a, ACCOUNT_FIELDS);
        String id = f.text(a.field("id"), true);
        if (id != null && !Ids.isNumeric(id)) {
            f.problem(a.field("id"), "expected the platform's numeric user id, got \"" + id + "\"");
        }
        String name = f.text(a.field("name"), true);
        String organisation = f.text(a.field("organisation"), false);
        String country = f.text(a.field("country"), false);
        Map<String, String> attributes = new LinkedHashMap<>();
        Located attrs = a.field("attributes");
        if (!attrs.missing() && f.requireObject(attrs)) {
            for (String key : attrs.fieldNames()) {
                String v = f.text(attrs.field(key), true);
                if (v != null) {
                    attributes.put(key, v);
                }
            }
        }
        List<RolePeriod> roles = new ArrayList<>();
        Located rolesField = a.field("roles");
        if (rolesField.missing() || !rolesField.node.isArray() || rolesField.node.isEmpty()) {
            f.problem(rolesField, "expected a non-empty list of role periods ({role, from, until})");
        } else {
            for (Located r : rolesField.items()) {
                RolePeriod p = readRole(r, f);
                if (p != null) {
                    for (RolePeriod q : roles) {
                        if (q.overlaps(p)) {
                            f.problem(r, "role period " + p.role() + " overlaps role period " + q.role()
                                    + "; an account has one role at a time");
                        }
                    }
                    roles.add(p);
                }
            }
        }
        List<HandlePeriod> handles = new ArrayList<>();
        Located handlesField = a.field("handles");
        if (!handlesField.missing()) {
            List<Located> items = handlesField.node.isArray() ? handlesField.items() : List.of(handlesField);
            for (Located h : items) {
                HandlePeriod p = readHandle(h, f);
                if (p != null) {
                    handles.add(p);
                }
            }
        }
        Instant closed = f.instant(a.field("closed"), true);
        if (f.problems().size() > before) {
            return null;
        }
        return new Account(id, name, organisation, country, roles, handles, attributes, closed);
    }

    private static RolePeriod readRole(Located r, Fields f) {
        if (!f.requireObject(r)) {
            return null;
        }
        int before = f.problems().size();
        f.onlyFields(r, ROLE_FIELDS);
        Role role = f.choice(r.field("role"), true, Role::fromWireName, Role.EXPECTED);
        Instant from = f.instant(r.field("from"), false);
        Instant until = f.instant(r.field("until"), true);
        String title = f.text(r.field("title"), false);
        if (from != null && until != null && !from.isBefore(until)) {
            f.problem(r.field("until"), "must be after from (" + from + "), got " + until);
        }
        return f.problems().size() > before ? null : new RolePeriod(role, from, until, title);
    }

    private static HandlePeriod readHandle(Located h, Fields f) {
        if (h.node.isTextual()) {
            String s = f.text(h, true);
            return s == null ? null : new HandlePeriod(s, null, null);
        }
        if (!f.requireObject(h)) {
            return null;
        }
        int before = f.problems().size();
        f.onlyFields(h, HANDLE_FIELDS);
        String handle = f.text(h.field("handle"), true);
        Instant from = f.instant(h.field("from"), false);
        Instant until = f.instant(h.field("until"), true);
        if (from != null && until != null && !from.isBefore(until)) {
            f.problem(h.field("until"), "must be after from (" + from + "), got " + until);
        }
        return f.problems().size() > before ? null : new HandlePeriod(handle, from, until);
    }

    static ArrayNode write(List<Account> accounts) {
        JsonNodeFactory n = JsonNodeFactory.instance;
        ArrayNode out = n.arrayNode();
        for (Account a : accounts) {
            ObjectNode o = out.addObject();
            o.put("id", a.id());
            o.put("name", a.name());
            o.put("organisation", a.organisation());
            o.put("country", a.country());
            if (!a.attributes().isEmpty()) {
                ObjectNode attrs = o.putObject("attributes");
                a.attributes().forEach(attrs::put);
            }
            ArrayNode roles = o.putArray("roles");
            for (RolePeriod r : a.roles()) {
                ObjectNode ro = roles.addObject();
                ro.put("role", r.role().wireName());
                putInstant(ro, "from", r.from());
                putInstant(ro, "until", r.until());
                ro.put("title", r.title());
            }
            if (!a.handles().isEmpty()) {
                ArrayNode hs = o.putArray("handles");
                for (HandlePeriod h : a.handles()) {
                    ObjectNode ho = hs.addObject();
                    ho.put("handle", h.handle());
                    putInstant(ho, "from", h.from());
                    putInstant(ho, "until", h.until());
                }
            }
            putInstant(o, "closed", a.closedAt());
        }
        return out;
    }

    static void putInstant(ObjectNode o, String field, Instant value) {
        if (value != null) {
            o.put(field, value.toString());
        }
    }
}
