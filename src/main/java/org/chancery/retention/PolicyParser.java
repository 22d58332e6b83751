package org.chancery.retention;

import java.time.Period;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.chancery.record.Ids;

/**
 * Reads one policy file. Shape (YAML or JSON):
 *
 * <pre>
 * id: staff-official-capacity
 * version: 1
 * title: Staff accounts tweeting in an official capacity
 * authority: ["NARA GRS 6.1 item 011 …"]     # text or list of texts
 * priority: 50
 * rules:
 *   - id: staff-role
 *     match: {roles: [staff]}                # roles, classes, accountTypes, accounts, handles, hashtags, query
 * retention: {period: P7Y, trigger: cutoff-year-end}   # or: retention: permanent
 * disposition: review                        # destroy | transfer | review
 * access: public                             # public | internal | restricted
 * embargo: {period: P30D, access: internal}  # optional
 * description: free text                     # optional
 * </pre>
 */
final class PolicyParser {
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Set<String> POLICY_FIELDS = Fields.names("id", "version", "title", "authority", "priority",
            "rules", "retention", "disposition", "access", "embargo", "description");
    private static final Set<String> RULE_FIELDS = Fields.names("id", "match");
    private static final Set<String> MATCH_FIELDS = Fields.names("roles", "classes", "accountTypes", "accounts",
            "handles", "hashtags", "query");

    private PolicyParser() {}

    /** The policy, or null after adding its problems to {@code f}. */
    static Policy read(LocatedTree tree, Fields f) {
        Located root = tree.root();
        if (!f.requireObject(root)) {
            return null;
        }
        int before = f.problems().size();
        f.onlyFields(root, POLICY_FIELDS);
        String id = id(root.field("id"), f);
        Integer version = f.integer(root.field("version"), true);
        if (version != null && version < 1) {
            f.problem(root.field("version"), "expected 1 or more, got " + version);
        }
        String title = f.text(root.field("title"), true);
        List<String> authorities = f.texts(root.field("authority"));
        if (authorities.isEmpty() && root.field("authority").missing()) {
            f.problem(root.field("authority"), "is required: cite the records schedule or standard the policy rests on");
        }
        Integer priority = f.integer(root.field("priority"), true);
        List<MatchRule> rules = rules(root.field("rules"), f);
        Retention retention = retention(root.field("retention"), f);
        Located dispositionField = root.field("disposition");
        DispositionAction disposition = f.choice(dispositionField, false, DispositionAction::fromWireName,
                DispositionAction.EXPECTED);
        // A retention mapping is a period even when its own fields are wrong: report the missing disposition too.
        if (root.field("retention").node.isObject() && dispositionField.missing()) {
            f.problem(dispositionField, "is required when retention is a period: " + DispositionAction.EXPECTED);
        }
        if (retention instanceof Retention.Permanent && disposition != null && disposition != DispositionAction.TRANSFER) {
            f.problem(dispositionField, "a permanent policy cannot " + disposition.wireName()
                    + " records; leave disposition out or use transfer");
        }
        Access access = f.choice(root.field("access"), true, Access::fromWireName, Access.EXPECTED);
        Embargo embargo = embargo(root.field("embargo"), f);
        f.text(root.field("description"), false);
        if (f.problems().size() > before) {
            return null;
        }
        return new Policy(id, version, title, authorities, priority, rules, retention, disposition, access, embargo,
                tree.source());
    }

    private static String id(Located at, Fields f) {
        String id = f.text(at, true);
        if (id != null && !ID.matcher(id).matches()) {
            f.problem(at, "expected lower-case letters, digits, '.', '_' or '-' (like staff-official), got \"" + id + "\"");
            return null;
        }
        return id;
    }

    private static List<MatchRule> rules(Located at, Fields f) {
        List<MatchRule> out = new ArrayList<>();
        if (at.missing() || !at.node.isArray() || at.node.isEmpty()) {
            f.problem(at, "expected a non-empty list of rules ({id, match})");
            return out;
        }
        Map<String, Located> ids = new HashMap<>();
        for (Located r : at.items()) {
            if (!f.requireObject(r)) {
                continue;
            }
            int before = f.problems().size();
            f.onlyFields(r, RULE_FIELDS);
            String id = id(r.field("id"), f);
            if (id != null) {
                Located first = ids.putIfAbsent(id, r);
                if (first != null) {
                    f.problem(r.field("id"), "rule " + id + " is defined twice (first at line " + first.line() + ")");
                }
            }
            Located m = r.field("match");
            if (m.missing() || !f.requireObject(m)) {
                if (m.missing()) {
                    f.problem(m, "is required: at least one of " + String.join(", ", MATCH_FIELDS));
                }
                continue;
            }
            f.onlyFields(m, MATCH_FIELDS);
            Set<Role> roles = EnumSet.noneOf(Role.class);
            for (Located role : listItems(m.field("roles"))) {
                Role parsed = f.choice(role, true, Role::fromWireName, Role.EXPECTED);
                if (parsed != null) {
                    roles.add(parsed);
                }
            }
            Set<String> accounts = new LinkedHashSet<>(f.texts(m.field("accounts")));
            for (String a : accounts) {
                if (!Ids.isNumeric(a)) {
                    f.problem(m.field("accounts"), "expected numeric user ids, got \"" + a + "\"");
                }
            }
            Set<String> handles = new LinkedHashSet<>();
            for (String h : f.texts(m.field("handles"))) {
                handles.add(h.startsWith("@") ? h.substring(1) : h);
            }
            Set<String> hashtags = new LinkedHashSet<>();
            for (String h : f.texts(m.field("hashtags"))) {
                hashtags.add(h.startsWith("#") ? h.substring(1) : h);
            }
            Set<String> classes = new LinkedHashSet<>(f.texts(m.field("classes")));
            Set<String> types = new LinkedHashSet<>(f.texts(m.field("accountTypes")));
            String query = f.text(m.field("query"), false);
            if (roles.isEmpty() && classes.isEmpty() && types.isEmpty() && accounts.isEmpty() && handles.isEmpty()
                    && hashtags.isEmpty() && query == null && f.problems().size() == before) {
                f.problem(m, "selects nothing; give at least one of " + String.join(", ", MATCH_FIELDS));
            }
            if (f.problems().size() == before) {
                out.add(new MatchRule(id, roles, classes, types, accounts, handles, hashtags, query));
            }
        }
        return out;
    }

    private static List<Located> listItems(Located at) {
        if (at.missing()) {
            return List.of();
        }
        return at.node.isArray() ? at.items() : List.of(at);
    }

    private static Retention retention(Located at, Fields f) {
        if (at.missing()) {
            f.problem(at, "is required: permanent, or {period: P7Y, trigger: cutoff-year-end}");
            return null;
        }
        if (at.node.isTextual()) {
            if (at.node.asText().strip().equals("permanent")) {
                return new Retention.Permanent();
            }
            f.problem(at, "expected permanent or a mapping {period, trigger}, got \"" + at.node.asText() + "\"");
            return null;
        }
        if (!f.requireObject(at)) {
            return null;
        }
        f.onlyFields(at, Fields.names("period", "trigger"));
        Period period = f.period(at.field("period"), true);
        Trigger trigger = f.choice(at.field("trigger"), true, Trigger::fromWireName, Trigger.EXPECTED);
        return period == null || trigger == null ? null : new Retention.After(period, trigger);
    }

    private static Embargo embargo(Located at, Fields f) {
        if (at.missing() || !f.requireObject(at)) {
            return null;
        }
        f.onlyFields(at, Fields.names("period", "access"));
        Period period = f.period(at.field("period"), true);
        Access access = f.choice(at.field("access"), true, Access::fromWireName, Access.EXPECTED);
        return period == null || access == null ? null : new Embargo(period, access);
    }
}
