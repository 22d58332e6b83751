package org.chancery.retention;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.chancery.NotFoundException;
import org.chancery.StorageException;

/**
 * The account registry with its change history: an immutable list of {@link RegistryVersion}s, the last being
 * current. Importing a file gives a new registry with one more version (unless nothing changed), so every
 * decision can name the version it used and older decisions stay explainable.
 *
 * <p>Storage is the caller's: keep each version's {@link RegistryVersion#canonicalBytes()} (for example as
 * {@code registry/v0003.json}) and rebuild with {@link #of(List)} from {@link #parseVersion(byte[], String)}.
 */
public final class AccountRegistry {
    private final List<RegistryVersion> versions;

    private AccountRegistry(List<RegistryVersion> versions) {
        this.versions = List.copyOf(versions);
    }

    /** The registry before any import: version 0, no accounts. */
    public static AccountRegistry empty() {
        return new AccountRegistry(List.of(RegistryVersion.empty()));
    }

    /** A registry from stored versions, which must be numbered 1, 2, 3 … in order (version 0 may lead). */
    public static AccountRegistry of(List<RegistryVersion> stored) {
        List<RegistryVersion> vs = new ArrayList<>();
        vs.add(RegistryVersion.empty());
        for (RegistryVersion v : stored) {
            if (v.number() == 0) {
                continue;
            }
            if (v.number() != vs.size()) {
                throw new IllegalArgumentException("registry versions must be numbered 1, 2, 3 … without gaps; expected "
                        + vs.size() + ", got " + v.number());
            }
            vs.add(v);
        }
        return new AccountRegistry(vs);
    }

    public RegistryVersion current() {
        return versions.get(versions.size() - 1);
    }

    public List<RegistryVersion> versions() {
        return versions;
    }

    public RegistryVersion version(int number) {
        if (number < 0 || number >= versions.size()) {
            throw new NotFoundException("Registry version " + number + " does not exist; the current version is "
                    + current().number() + ".");
        }
        return versions.get(number);
    }

    public Optional<Account> find(String accountId) {
        return current().find(accountId);
    }

    /** The role the author had at {@code at} according to the current version. */
    public Optional<RoleAt> roleAt(String authorId, Instant at) {
        return current().roleAt(authorId, at);
    }

    /**
     * Imports accounts read from a file.
     *
     * @param replace true when the file is the whole registry (accounts not in it are removed); false to add and
     *                update accounts and keep the others
     * @return the new registry and what changed; when nothing changed, this registry itself and an empty diff
     */
    public Import importAccounts(List<Account> accounts, String source, Instant importedAt, boolean replace) {
        Objects.requireNonNull(importedAt, "importedAt");
        RegistryVersion next = current().next(accounts, source, importedAt, replace);
        RegistryDiff diff = current().diff(next);
        if (diff.isEmpty()) {
            return new Import(this, current(), diff);
        }
        List<RegistryVersion> vs = new ArrayList<>(versions);
        vs.add(next);
        return new Import(new AccountRegistry(vs), next, diff);
    }

    /** The result of {@link #importAccounts}. */
    public record Import(AccountRegistry registry, RegistryVersion version, RegistryDiff diff) {}

    /**
     * Parses a registry file in Chancery's format (YAML or JSON; see {@link AccountCodec}).
     *
     * @param source the file as named to the user, used in problems
     * @throws InvalidSourceException naming file, line and field of every problem
     */
    public static List<Account> parseFile(byte[] bytes, String source) {
        List<SourceProblem> problems = new ArrayList<>();
        LocatedTree tree = LocatedTree.parse(bytes, source, problems);
        List<Account> accounts = List.of();
        if (tree != null) {
            Fields f = new Fields(problems);
            Located root = tree.root();
            if (f.requireObject(root)) {
                f.onlyFields(root, Fields.names("accounts"));
                accounts = AccountCodec.readAccounts(root.field("accounts"), f);
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidSourceException("Account registry file " + source, problems);
        }
        return accounts;
    }

    /**
     * Parses either kind of account file the CLI accepts: a congresstweets-accounts list (a JSON array, see
     * {@link CongressTweetsAccounts}) or a Chancery registry file (a mapping with {@code accounts}).
     */
    public static List<Account> parseAnyFile(byte[] bytes, String source) {
        for (byte b : bytes) {
            if (b == '[') {
                return CongressTweetsAccounts.parse(bytes, source);
            }
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n' && b != (byte) 0xEF && b != (byte) 0xBB && b != (byte) 0xBF) {
                break;
            }
        }
        return parseFile(bytes, source);
    }

    /** Reads and parses a registry file; the path as given is used as the source name. */
    public static List<Account> loadFile(Path file) {
        return parseFile(read(file), file.toString());
    }

    /** Reads back {@link RegistryVersion#canonicalBytes()}. */
    public static RegistryVersion parseVersion(byte[] bytes, String source) {
        List<SourceProblem> problems = new ArrayList<>();
        LocatedTree tree = LocatedTree.parse(bytes, source, problems);
        RegistryVersion version = null;
        if (tree != null) {
            Fields f = new Fields(problems);
            Located root = tree.root();
            if (f.requireObject(root)) {
                f.onlyFields(root, Fields.names("format", "version", "importedAt", "source", "accounts"));
                String format = f.text(root.field("format"), true);
                if (format != null && !format.equals(RegistryVersion.FORMAT)) {
                    f.problem(root.field("format"), "expected \"" + RegistryVersion.FORMAT + "\", got \"" + format + "\"");
                }
                Integer number = f.nonNegativeInt(root.field("version"), true);
                Instant at = f.instant(root.field("importedAt"), false);
                if (at == null && root.field("importedAt").missing()) {
                    f.problem(root.field("importedAt"), "is required");
                }
                String src = f.text(root.field("source"), true);
                List<Account> accounts = AccountCodec.readAccounts(root.field("accounts"), f);
                if (problems.isEmpty()) {
                    version = new RegistryVersion(number, at, src, accounts);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidSourceException("Registry version file " + source, problems);
        }
        return version;
    }

    static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new StorageException("Could not read " + file + ": " + e.getMessage(), e);
        }
    }
}
