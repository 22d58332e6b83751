package org.chancery.archive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.chancery.StorageException;
import org.chancery.index.IndexedTweet;
import org.chancery.record.Tweet;
import org.chancery.retention.Account;
import org.chancery.retention.AccountRegistry;
import org.chancery.retention.HandlePeriod;
import org.chancery.retention.RegistryVersion;

/**
 * The account registry kept in the archive: each version as {@code DATA/registry/vNNNN.json} (its canonical
 * bytes, fsynced) and logged in the ledger, so the registry's whole change history stays readable and provable.
 */
final class AccountBook {
    private final Path dir;
    private volatile AccountRegistry registry;

    private AccountBook(Path dir, AccountRegistry registry) {
        this.dir = dir;
        this.registry = registry;
    }

    static AccountBook open(Path dir) {
        List<RegistryVersion> versions = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(p -> p.getFileName().toString().matches("v\\d{4,}\\.json")).sorted().toList()) {
                    versions.add(AccountRegistry.parseVersion(DurableFiles.read(f), f.toString()));
                }
            } catch (IOException e) {
                throw new StorageException("Could not list the registry folder " + dir + ": " + e.getMessage(), e);
            }
        }
        return new AccountBook(dir, AccountRegistry.of(versions));
    }

    AccountRegistry registry() {
        return registry;
    }

    /** Imports accounts; a new version is written and logged unless nothing changed. */
    synchronized AccountRegistry.Import importAccounts(List<Account> accounts, String source, Instant at,
            boolean replace, EventRecorder recorder) {
        AccountRegistry.Import result = registry.importAccounts(accounts, source, at, replace);
        if (result.diff().isEmpty()) {
            return result;
        }
        Path file = dir.resolve(String.format(Locale.ROOT, "v%04d.json", result.version().number()));
        recorder.record(file, EventRecorder.Target.FILE, () -> {
            byte[] bytes = result.version().canonicalBytes();
            DurableFiles.write(file, bytes);
            return bytes;
        });
        registry = result.registry();
        return result;
    }

    /**
     * What the index should know about a tweet from the registry: every handle the author's account has had, its
     * class, and the author's role when the tweet was posted.
     */
    IndexedTweet indexed(Tweet tweet) {
        Optional<Account> account = registry.find(tweet.author().id());
        if (account.isEmpty()) {
            return IndexedTweet.of(tweet);
        }
        List<String> handles = new ArrayList<>();
        if (tweet.author().handle() != null) {
            handles.add(tweet.author().handle());
        }
        for (HandlePeriod h : account.get().handles()) {
            if (!handles.contains(h.handle())) {
                handles.add(h.handle());
            }
        }
        String role = account.get().roleAt(tweet.createdAt()).map(p -> p.role().wireName()).orElse(null);
        return new IndexedTweet(tweet, handles, account.get().accountClass(), role, tweet.deleted(), tweet.edited());
    }
}
