package org.chancery.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ReadAheadTest {
    @Test
    void itemsArriveInTheOrderTheyWereMadeThenNull() {
        List<Integer> got = new ArrayList<>();
        try (ReadAhead<Integer> items = new ReadAhead<>("test", 2, out -> {
            for (int i = 0; i < 1_000; i++) {
                out.put(i);
            }
        })) {
            for (Integer i; (i = items.next()) != null; ) {
                got.add(i);
            }
            assertNull(items.next(), "still null after the end");
        }
        assertEquals(java.util.stream.IntStream.range(0, 1_000).boxed().toList(), got);
    }

    @Test
    void theProducersUncheckedFailureIsThrownAsItWasAfterWhatItMadeBefore() {
        IllegalArgumentException failure = new IllegalArgumentException("page 3 is damaged");
        try (ReadAhead<Integer> items = new ReadAhead<>("test", 2, out -> {
            out.put(1);
            out.put(2);
            throw failure;
        })) {
            assertEquals(1, items.next());
            assertEquals(2, items.next());
            assertSame(failure, assertThrows(IllegalArgumentException.class, items::next));
        }
    }

    @Test
    void aCheckedFailureIsWrappedWithItsCause() {
        IOException failure = new IOException("disk gone");
        try (ReadAhead<Integer> items = new ReadAhead<>("test", 2, out -> {
            throw failure;
        })) {
            assertSame(failure, assertThrows(IllegalStateException.class, items::next).getCause());
        }
    }

    /** An interrupt would close the FileChannels the producer reads through, so stopping must not interrupt it. */
    @Test
    void closeStopsABlockedProducerWithoutInterruptingIt() throws InterruptedException {
        CountDownLatch full = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        AtomicBoolean refused = new AtomicBoolean();
        AtomicBoolean interrupted = new AtomicBoolean();
        ReadAhead<Integer> items = new ReadAhead<>("test", 1, out -> {
            try {
                out.put(1);
                full.countDown();
                for (int i = 2; ; i++) {
                    if (!out.put(i)) {
                        refused.set(true);
                        return;
                    }
                }
            } finally {
                interrupted.set(Thread.currentThread().isInterrupted());
                done.countDown();
            }
        });
        assertTrue(full.await(10, TimeUnit.SECONDS));
        assertEquals(1, items.next());
        items.close();
        assertTrue(done.await(10, TimeUnit.SECONDS), "the producer has ended when close returns");
        assertTrue(refused.get(), "the producer was told to stop");
        assertFalse(interrupted.get());
    }
}
