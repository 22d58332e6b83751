package org.chancery.store;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads a crash-test child's stdout: {@code OPEN} once the archive is open, then {@code ACK <from> <to>} for
 * each acknowledged range of generated captures. Shared by the crash tests of the store and the record office.
 */
public final class AckReader {
    private AckReader() {}

    /** Reads until the child's stdout closes (it is killed); acknowledged ranges go into {@code acks}. */
    public static void read(Process child, List<long[]> acks, AtomicLong highest, CountDownLatch opened) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.equals("OPEN")) {
                    opened.countDown();
                } else if (line.startsWith("ACK ")) {
                    String[] parts = line.split(" ");
                    long[] range = {Long.parseLong(parts[1]), Long.parseLong(parts[2])};
                    synchronized (acks) {
                        acks.add(range);
                    }
                    highest.accumulateAndGet(range[1], Math::max);
                }
            }
        } catch (IOException e) {
            // The pipe breaks when the child is killed; what was read so far is what was acknowledged.
        }
    }
}
