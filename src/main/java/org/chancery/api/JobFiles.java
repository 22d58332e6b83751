package org.chancery.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.chancery.ForcedWrites;
import org.chancery.StorageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The statuses of one kind of job (imports or exports), each kept as {@code <folder>/<jobId>.json} holding the JSON
 * its status endpoint answers, so that a restarted server still knows its jobs. Each save replaces the whole file
 * ({@link ForcedWrites#replace}: a crash leaves the old status or the new one, never a torn one). Each job saves itself
 * under its own lock (snapshot and write together), so an older status of a job never overwrites a newer one and a
 * status request never shows an end that is not yet on disk; saves of different jobs write different files.
 *
 * @param <V> the status view written to and read from the files
 */
final class JobFiles<V> {
    /** Least time between two saves of a running job's progress; state changes are saved at once. */
    static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(1);
    /** Largest status file read; a job's status is a few KB (at most 100 rejections), so a larger file is not one. */
    static final long MAX_FILE_BYTES = 1L << 20;
    private static final Pattern ID = Pattern.compile("[0-9a-f]{32}");
    private static final String SUFFIX = ".json";
    /** Ignores fields it does not know, so that a server can read the files a newer one wrote. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final Logger LOG = LoggerFactory.getLogger(JobFiles.class);

    private final Path folder;
    private final Class<V> type;
    private final String kind;
    /** Set once the folder is known to exist, created and forced by this object or found at its first save. */
    private volatile boolean folderReady;

    /**
     * @param folder where the files are kept (created on the first save)
     * @param kind   what the jobs are, for messages: {@code import job}, {@code export job}
     */
    JobFiles(Path folder, Class<V> type, String kind) {
        this.folder = Objects.requireNonNull(folder, "folder");
        this.type = Objects.requireNonNull(type, "type");
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    /**
     * Saves a job's status durably; the caller holds the job's lock. It runs with the thread's interrupt flag
     * cleared ({@link Uninterrupted}), so that a job the server's stop interrupted still saves its end.
     *
     * @throws StorageException when the file cannot be written
     */
    void put(String id, V view) {
        Path file = folder.resolve(id + SUFFIX);
        StorageException[] failed = new StorageException[1];
        Uninterrupted.run(() -> {
            try {
                createFolder();
                ForcedWrites.replace(file, JSON.writeValueAsBytes(view));
            } catch (IOException e) {
                failed[0] = new StorageException("Could not save the status of " + kind + " " + id + " to " + file
                        + ": " + e.getMessage(), e);
            }
        });
        if (failed[0] != null) {
            throw failed[0];
        }
    }

    /**
     * Creates the folder and each missing folder above it, forcing each one's parent once it is made, so that a
     * crash does not lose the folder (and the status files in it) after a save reported them on disk.
     */
    private void createFolder() throws IOException {
        if (folderReady) {
            return;
        }
        Path target = folder.toAbsolutePath();
        Deque<Path> missing = new ArrayDeque<>();
        for (Path p = target; p != null && !Files.isDirectory(p); p = p.getParent()) {
            missing.push(p);
        }
        for (Path p : missing) {
            // createDirectories, not createDirectory: the import and the export jobs may make DATA/jobs at once.
            Files.createDirectories(p);
            ForcedWrites.forceFolder(p.getParent());
        }
        folderReady = true;
    }

    /** Removes the status of a job that was refused after it was saved; a failure is logged (the file is harmless). */
    void remove(String id) {
        Path file = folder.resolve(id + SUFFIX);
        try {
            if (Files.deleteIfExists(file)) {
                ForcedWrites.forceFolder(folder);
            }
        } catch (IOException e) {
            LOG.warn("Could not remove the {} status file {}: {}", kind, file, e.getMessage());
        }
    }

    /**
     * Reads every status file in the folder, in no particular order, and turns each into a job with {@code restore}
     * (given the id the file is named by and the status it holds). A file that cannot be read or parsed, or that
     * {@code restore} refuses, is skipped with a log line naming it: one bad file never stops the server. So is one
     * that is not a regular file (a FIFO would block the start, a device never end) or is larger than
     * {@link #MAX_FILE_BYTES}.
     */
    <J> List<J> load(BiFunction<String, V, J> restore) {
        List<J> jobs = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return jobs;
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(folder)) {
            files = s.sorted().toList();
        } catch (IOException e) {
            LOG.error("Could not list the {} statuses in {}; no {} from before this start is known: {}", kind, folder,
                    kind, e.getMessage());
            return jobs;
        }
        for (Path file : files) {
            String name = file.getFileName().toString();
            if (name.endsWith(SUFFIX + ".tmp")) {
                continue; // a save a crash cut short; the status file it was to replace is still whole
            }
            String id = name.endsWith(SUFFIX) ? name.substring(0, name.length() - SUFFIX.length()) : "";
            if (!ID.matcher(id).matches()) {
                LOG.warn("Skipping {}: not an {} status file (expected <32 hex digits>.json).", file, kind);
                continue;
            }
            try {
                V view = JSON.readValue(read(file), type);
                if (view == null) {
                    throw new IllegalArgumentException("the file holds JSON null");
                }
                jobs.add(restore.apply(id, view));
            } catch (IOException | RuntimeException e) {
                LOG.error("Skipping the {} status file {}: it cannot be read ({}); that job is unknown to this server"
                        + " (its steps are in the audit trail).", kind, file, e.getMessage());
            }
        }
        return jobs;
    }

    /** The file's bytes, if it is a regular file of at most {@link #MAX_FILE_BYTES}. */
    private static byte[] read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("it is not a regular file");
        }
        // Read with a bound, not by its size: the file may grow between the check and the read.
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(Math.toIntExact(MAX_FILE_BYTES + 1));
            if (bytes.length > MAX_FILE_BYTES) {
                throw new IOException("it is larger than " + MAX_FILE_BYTES + " bytes, which no status is");
            }
            return bytes;
        }
    }

    /**
     * When a running job's progress is due to be saved again: at most once per {@link #PROGRESS_INTERVAL}. It runs on
     * the monotonic clock, not the injected one: it paces disk writes and records no time.
     */
    static final class Pacer {
        private long next = System.nanoTime() + PROGRESS_INTERVAL.toNanos();

        /** True when the interval has passed since the last time it said true (or since it was made). */
        boolean due() {
            long now = System.nanoTime();
            if (now - next < 0) {
                return false;
            }
            next = now + PROGRESS_INTERVAL.toNanos();
            return true;
        }
    }
}
