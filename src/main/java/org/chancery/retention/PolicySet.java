package org.chancery.retention;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.chancery.StorageException;

/**
 * The policies in force, ordered by priority (highest first). Ids and priorities are unique, so for any record
 * at most one policy applies: the highest-priority policy with a matching rule. Two policies can never tie; a
 * file set that would make them tie is refused at load time rather than resolved at decision time.
 */
public final class PolicySet {
    private final List<Policy> policies;

    private PolicySet(List<Policy> policies) {
        List<Policy> sorted = new ArrayList<>(policies);
        sorted.sort(Comparator.comparingInt(Policy::priority).reversed());
        this.policies = List.copyOf(sorted);
    }

    /**
     * A set from policies built in code.
     *
     * @throws IllegalArgumentException when two policies share an id or a priority
     */
    public static PolicySet of(List<Policy> policies) {
        Map<String, Policy> ids = new HashMap<>();
        Map<Integer, Policy> priorities = new HashMap<>();
        for (Policy p : policies) {
            if (ids.putIfAbsent(p.id(), p) != null) {
                throw new IllegalArgumentException("two policies are named " + p.id());
            }
            Policy other = priorities.putIfAbsent(p.priority(), p);
            if (other != null) {
                throw new IllegalArgumentException("policies " + other.id() + " and " + p.id() + " share priority "
                        + p.priority() + "; priorities must be unique so that exactly one policy applies");
            }
        }
        return new PolicySet(policies);
    }

    /**
     * Loads every {@code *.yaml}, {@code *.yml} and {@code *.json} file of {@code dir} (not sub-folders).
     *
     * @throws InvalidSourceException listing every problem of every file when any file is invalid
     */
    public static PolicySet load(Path dir) {
        List<SourceProblem> problems = new ArrayList<>();
        List<Policy> policies = read(dir, problems);
        if (!problems.isEmpty()) {
            throw new InvalidSourceException("Policy set " + dir, problems);
        }
        return new PolicySet(policies);
    }

    /** Every problem of the policy files in {@code dir}; empty when {@link #load(Path)} would succeed. */
    public static List<SourceProblem> check(Path dir) {
        List<SourceProblem> problems = new ArrayList<>();
        read(dir, problems);
        return problems;
    }

    /**
     * Parses one policy file.
     *
     * @param source the file as named to the user
     * @throws InvalidSourceException naming file, line and field of every problem
     */
    public static Policy parse(byte[] bytes, String source) {
        List<SourceProblem> problems = new ArrayList<>();
        Policy p = parse(bytes, source, problems);
        if (!problems.isEmpty()) {
            throw new InvalidSourceException("Policy file " + source, problems);
        }
        return p;
    }

    private static Policy parse(byte[] bytes, String source, List<SourceProblem> problems) {
        return parseLocated(bytes, source, problems).policy();
    }

    /** The id and file a policy file claims, valid or not. */
    private record Claim(String id, String source) {}

    private record Parsed(Policy policy, LocatedTree tree) {
        int line(String field) {
            return tree.root().field(field).line();
        }
    }

    private static Parsed parseLocated(byte[] bytes, String source, List<SourceProblem> problems) {
        LocatedTree tree = LocatedTree.parse(bytes, source, problems);
        return new Parsed(tree == null ? null : PolicyParser.read(tree, new Fields(problems)), tree);
    }

    private static List<Policy> read(Path dir, List<SourceProblem> problems) {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.{yaml,yml,json}")) {
            ds.forEach(files::add);
        } catch (IOException e) {
            throw new StorageException("Could not list policy folder " + dir + ": " + e.getMessage(), e);
        }
        files.sort(Comparator.comparing(p -> p.getFileName().toString()));
        List<Policy> policies = new ArrayList<>();
        Map<String, Claim> ids = new HashMap<>();
        Map<Integer, Claim> priorities = new HashMap<>();
        for (Path file : files) {
            String source = dir.resolve(file.getFileName()).toString();
            Parsed parsed = parseLocated(AccountRegistry.read(file), source, problems);
            if (parsed.tree() == null) {
                continue;
            }
            // An invalid file still claims the id and priority it states, so that a clash with it is listed in the
            // same run as its other problems rather than only once those are fixed.
            Policy p = parsed.policy();
            Located root = parsed.tree().root();
            String id = p != null ? p.id() : root.field("id").node.isTextual() ? root.field("id").node.asText() : null;
            Integer priority = p != null ? Integer.valueOf(p.priority())
                    : root.field("priority").node.isInt() ? Integer.valueOf(root.field("priority").node.intValue()) : null;
            Claim claim = new Claim(id, source);
            Claim sameId = id == null ? null : ids.putIfAbsent(id, claim);
            if (sameId != null) {
                problems.add(new SourceProblem(source, parsed.line("id"), "id", "policy " + id + " is also defined in "
                        + sameId.source()));
                continue;
            }
            Claim samePriority = priority == null ? null : priorities.putIfAbsent(priority, claim);
            if (samePriority != null) {
                problems.add(new SourceProblem(source, parsed.line("priority"), "priority", "priority " + priority
                        + " is also used by " + (samePriority.id() == null ? "the policy" : "policy " + samePriority.id())
                        + " (" + samePriority.source() + "); priorities"
                        + " must be unique so that exactly one policy applies to a record"));
                continue;
            }
            if (p != null) {
                policies.add(p);
            }
        }
        if (files.isEmpty()) {
            problems.add(new SourceProblem(dir.toString(), 0, null, "holds no policy files (*.yaml, *.yml, *.json)"));
        }
        return policies;
    }

    /** Highest priority first. */
    public List<Policy> policies() {
        return policies;
    }

    public Optional<Policy> find(String id) {
        return policies.stream().filter(p -> p.id().equals(id)).findFirst();
    }
}
