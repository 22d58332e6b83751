package org.chancery.store;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The kill loop shared by the crash tests of the store and the record office: starts a child that archives
 * generated captures and prints {@code OPEN}, then {@code ACK <from> <to>} per acknowledged batch; kills it with
 * SIGKILL at a random moment (every fourth round likely while it opens and repairs); restarts it a little
 * before its last acknowledgement so duplicates are sent too; and returns every acknowledged range.
 */
public final class KillRounds {
    /** Starts a child archiving from capture number {@code from}. */
    @FunctionalInterface
    public interface Starter {
        Process start(long from) throws IOException;
    }

    private KillRounds() {}

    public static List<long[]> run(int rounds, int batch, long seed, Starter starter, Supplier<String> stderr)
            throws InterruptedException, IOException {
        Random random = new Random(seed);
        List<long[]> acknowledged = new ArrayList<>();
        long next = 0;
        for (int round = 0; round < rounds; round++) {
            long from = Math.max(0, next - batch * (1 + random.nextInt(3)));
            AtomicLong highest = new AtomicLong(next);
            CountDownLatch opened = new CountDownLatch(1);
            Process child = starter.start(from);
            List<long[]> acks = new ArrayList<>();
            Thread reader = new Thread(() -> read(child, acks, highest, opened));
            reader.start();
            if (round % 4 == 3) {
                Thread.sleep(300 + random.nextInt(900));
            } else {
                if (!opened.await(60, TimeUnit.SECONDS)) {
                    child.destroyForcibly();
                    fail("the child did not open the archive in 60 s: " + stderr.get());
                }
                Thread.sleep(200 + random.nextInt(2000));
            }
            if (!child.isAlive()) {
                fail("the child exited by itself with " + child.exitValue() + ": " + stderr.get());
            }
            child.destroyForcibly();
            assertTrue(child.waitFor(20, TimeUnit.SECONDS));
            reader.join();
            synchronized (acks) {
                acknowledged.addAll(acks);
            }
            next = highest.get();
        }
        assertTrue(next > 5L * batch, "the children acknowledged too little work to test anything: " + next);
        System.out.println(rounds + " kills, " + acknowledged.size() + " acknowledged batches, captures 0.." + next);
        return acknowledged;
    }

    private static void read(Process child, List<long[]> acks, AtomicLong highest, CountDownLatch opened) {
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
