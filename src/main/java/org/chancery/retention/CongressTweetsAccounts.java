package org.chancery.retention;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.chancery.record.Ids;

/**
 * Reads the account lists of alexlitel/congresstweets-accounts ({@code users-filtered.json},
 * {@code historical-users-filtered.json} and their unfiltered siblings) into registry accounts.
 *
 * <p>Each entity (a member of Congress, committee, caucus or party) lists its accounts; each account becomes one
 * registry account. Mapping: {@code account_type: office} gives role {@code senior-official} for members (members
 * of Congress are senior officials in Capstone terms) and {@code official} for committees, caucuses and parties;
 * {@code account_type: campaign} gives {@code campaign}. The source has no tenure dates, so each account gets one
 * open-ended role period; tenure can be refined by importing a Chancery registry file over it. Chamber, type,
 * party, state, account type and bioguide id are kept as attributes, with {@code class} =
 * chamber-type (e.g. {@code house-member}, {@code senate-committee}). The current screen name and every
 * {@code prev_names} entry become handles (dates unknown; a few entries are {@code {bioguide: name}} mappings, whose
 * names are taken). {@code deleted: true} is kept as attribute
 * {@code deleted}; the source gives no closure date, so {@link Account#closedAt()} stays null.
 */
public final class CongressTweetsAccounts {
    private static final Map<String, String> ORGANISATIONS = Map.of(
            "house", "United States House of Representatives",
            "senate", "United States Senate",
            "joint", "United States Congress");
    private static final Set<String> OVERRIDES = Set.of("name", "type", "chamber", "party");

    private CongressTweetsAccounts() {}

    /** Reads one file; the path as given names it in problems. */
    public static List<Account> load(Path file) {
        return parse(AccountRegistry.read(file), file.toString());
    }

    /**
     * @throws InvalidSourceException naming file, line and field of every problem
     */
    public static List<Account> parse(byte[] bytes, String source) {
        List<SourceProblem> problems = new ArrayList<>();
        LocatedTree tree = LocatedTree.parse(bytes, source, problems);
        List<Account> out = new ArrayList<>();
        if (tree != null) {
            Fields f = new Fields(problems);
            Located root = tree.root();
            if (!root.node.isArray()) {
                f.problem(root, "expected a JSON array of entities");
            } else {
                Map<String, Located> seen = new HashMap<>();
                for (Located entity : root.items()) {
                    readEntity(entity, f, out, seen);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidSourceException("congresstweets-accounts file " + source, problems);
        }
        return out;
    }

    private static void readEntity(Located e, Fields f, List<Account> out, Map<String, Located> seen) {
        if (!f.requireObject(e)) {
            return;
        }
        Located accounts = e.field("accounts");
        if (!accounts.node.isArray()) {
            f.problem(accounts, "expected a list of accounts");
            return;
        }
        for (Located a : accounts.items()) {
            if (!f.requireObject(a)) {
                continue;
            }
            int before = f.problems().size();
            String name = f.text(pick(a, e, "name"), true);
            String chamber = lower(f.text(pick(a, e, "chamber"), true));
            String type = lower(f.text(pick(a, e, "type"), true));
            String party = f.text(pick(a, e, "party"), false);
            String state = f.text(e.field("state"), false);
            String id = f.text(a.field("id"), true);
            if (id != null && !Ids.isNumeric(id)) {
                f.problem(a.field("id"), "expected a numeric user id, got \"" + id + "\"");
            }
            String screenName = f.text(a.field("screen_name"), true);
            String accountType = lower(f.text(a.field("account_type"), true));
            Role role = null;
            if ("office".equals(accountType)) {
                role = "member".equals(type) ? Role.SENIOR_OFFICIAL : Role.OFFICIAL;
            } else if ("campaign".equals(accountType)) {
                role = Role.CAMPAIGN;
            } else if (accountType != null) {
                f.problem(a.field("account_type"), "expected office or campaign, got \"" + accountType + "\"");
            }
            if (chamber != null && !ORGANISATIONS.containsKey(chamber)) {
                f.problem(pick(a, e, "chamber"), "expected house, senate or joint, got \"" + chamber + "\"");
            }
            Set<String> handles = new LinkedHashSet<>();
            if (screenName != null) {
                handles.add(screenName);
            }
            for (Located prev : a.field("prev_names").items()) {
                // Most entries are names; a few are {bioguide-id: name} mappings in the real data.
                List<Located> names = prev.node.isObject() ? prev.fieldNames().stream().map(prev::field).toList() : List.of(prev);
                for (Located n : names) {
                    String h = f.text(n, true);
                    if (h != null) {
                        handles.add(h);
                    }
                }
            }
            boolean deleted = a.field("deleted").node.asBoolean(false);
            if (f.problems().size() > before) {
                continue;
            }
            Located first = seen.putIfAbsent(id, a);
            if (first != null) {
                f.problem(a.field("id"), "account " + id + " is listed twice (first at line " + first.line() + ")");
                continue;
            }
            Map<String, String> attrs = new LinkedHashMap<>();
            attrs.put(Account.CLASS, chamber + "-" + type);
            attrs.put("chamber", chamber);
            attrs.put("type", type);
            attrs.put(Account.ACCOUNT_TYPE, accountType);
            if (party != null) {
                attrs.put("party", party);
            }
            if (state != null) {
                attrs.put("state", state);
            }
            Located bioguide = e.field("id").field("bioguide");
            if (bioguide.node.isTextual()) {
                attrs.put("bioguide", bioguide.node.asText());
            }
            if (deleted) {
                attrs.put("deleted", "true");
            }
            List<HandlePeriod> hs = handles.stream().map(h -> new HandlePeriod(h, null, null)).toList();
            out.add(new Account(id, name, ORGANISATIONS.get(chamber), "US",
                    List.of(new RolePeriod(role, null, null, null)), hs, attrs, null));
        }
    }

    /** The account's own value for fields it overrides (historical files do), else the entity's. */
    private static Located pick(Located account, Located entity, String field) {
        return OVERRIDES.contains(field) && !account.field(field).missing() ? account.field(field) : entity.field(field);
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}
