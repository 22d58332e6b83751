package org.chancery.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.chancery.StorageException;
import org.chancery.ledger.Ledger;
import org.chancery.ledger.MerkleLog;

/**
 * Logs the archive's non-tweet events (legal holds placed and released, registry versions, disposition plans,
 * approvals and certificates) in the ledger, each as its canonical bytes with a new signed checkpoint.
 *
 * <p>Each event is first made durable where it takes effect (a line of an event file, or a whole file), then
 * logged. A small intent file ({@code pending.json}: the target file, its size before the write, the log's size),
 * fsynced before the write and removed after the log append, lets {@link #recover()} log on the next open what a
 * crash left written but unlogged, and only that.
 */
final class EventRecorder {
    /** How an event is kept where it takes effect. */
    enum Target { LINE, FILE }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Ledger ledger;
    private final Path pending;

    EventRecorder(Ledger ledger, Path pending) {
        this.ledger = ledger;
        this.pending = pending;
    }

    /**
     * Runs {@code write} (which makes the event durable in {@code target} and returns its canonical bytes), then
     * logs those bytes. A write that returns null decided there was no event; nothing is logged.
     *
     * @return the event's index in the log, -1 when there was no event
     */
    synchronized long record(Path target, Target kind, Supplier<byte[]> write) {
        ObjectNode intent = JSON.createObjectNode();
        intent.put("target", target.toString());
        intent.put("kind", kind.name());
        intent.put("sizeBefore", size(target));
        intent.put("logSize", ledger.log().size());
        try {
            DurableFiles.write(pending, JSON.writeValueAsBytes(intent));
        } catch (IOException e) {
            throw new StorageException("Could not write " + pending + ": " + e.getMessage(), e);
        }
        byte[] entry;
        try {
            entry = write.get();
        } catch (RuntimeException e) {
            DurableFiles.delete(pending);
            throw e;
        }
        if (entry == null) {
            DurableFiles.delete(pending);
            return -1;
        }
        // The index comes from the append itself: tweet commits append to the same log under another lock.
        long leaf = ledger.appendAndCheckpoint(List.of(entry)).size() - 1;
        DurableFiles.delete(pending);
        return leaf;
    }

    /** Logs what an interrupted {@link #record} wrote but did not log. */
    synchronized void recover() {
        if (!Files.isRegularFile(pending)) {
            return;
        }
        JsonNode intent;
        try {
            intent = JSON.readTree(pending.toFile());
        } catch (IOException e) {
            // The intent itself was torn: nothing after it was written.
            DurableFiles.delete(pending);
            return;
        }
        Path target = Path.of(intent.path("target").asText());
        long before = intent.path("sizeBefore").asLong();
        long logSize = intent.path("logSize").asLong();
        List<byte[]> written = new ArrayList<>();
        if (Files.isRegularFile(target) && size(target) > before) {
            byte[] all = DurableFiles.read(target);
            if (Target.valueOf(intent.path("kind").asText()) == Target.FILE) {
                written.add(all);
            } else {
                int start = (int) Math.max(0, before);
                for (int i = start; i < all.length; i++) {
                    if (all[i] == '\n') {
                        written.add(Arrays.copyOfRange(all, start, i));
                        start = i + 1;
                    }
                }
            }
        }
        MerkleLog log = ledger.log();
        List<byte[]> missing = new ArrayList<>();
        for (byte[] w : written) {
            boolean logged = false;
            for (long i = logSize; i < log.size() && !logged; i++) {
                logged = Arrays.equals(log.entry(i), w);
            }
            if (!logged) {
                missing.add(w);
            }
        }
        if (!missing.isEmpty()) {
            ledger.appendAndCheckpoint(missing);
        }
        DurableFiles.delete(pending);
    }

    private static long size(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.size(file) : -1;
        } catch (IOException e) {
            throw new StorageException("Could not read the size of " + file + ": " + e.getMessage(), e);
        }
    }
}
