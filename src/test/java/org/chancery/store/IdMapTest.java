package org.chancery.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IdMapTest {
    @Test
    void aDigestsHalvesAreTheSameFromItsBytesAsFromItsHexForm() {
        Random random = new Random(20261202);
        for (int i = 0; i < 1_000; i++) {
            byte[] sha = new byte[32];
            random.nextBytes(sha);
            if (i == 0) {
                java.util.Arrays.fill(sha, (byte) 0xff); // every sign bit set
            }
            String hex = HexFormat.of().formatHex(sha);
            assertEquals(IdMap.digestHi(hex), IdMap.digestHi(sha), hex);
            assertEquals(IdMap.digestLo(hex), IdMap.digestLo(sha), hex);
        }
    }
}
