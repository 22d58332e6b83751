package org.chancery.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The id map's digit-by-digit id comparison says what comparing decimal strings says. */
class IdMapTweetIdTest {
    @Test
    void isTweetIdAgreesWithComparingTheDecimalString() {
        Random random = new Random(7);
        List<Long> keys = new ArrayList<>(List.of(0L, 1L, 9L, 10L, 99L, 100L, 884426551177105409L, Long.MAX_VALUE,
                -1L, Long.MIN_VALUE));
        for (int i = 0; i < 2000; i++) {
            keys.add(random.nextLong() >>> random.nextInt(64));
        }
        for (long key : keys) {
            String exact = new java.math.BigInteger(Long.toUnsignedString(key)).toString();
            List<String> ids = new ArrayList<>(List.of(exact, "0" + exact, exact + "0", exact.substring(1), "",
                    "x" + exact, exact.replace('1', '2'), exact.substring(0, exact.length() - 1) + "a",
                    Long.toString(key + 1)));
            for (String id : ids) {
                assertEquals(exact.equals(id), IdMap.isTweetId(key, id), key + " against \"" + id + "\"");
            }
        }
    }
}
