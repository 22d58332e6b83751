package org.chancery.ledger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MerkleTreeTest {
    private static final HexFormat HEX = HexFormat.of();

    /** The eight leaf inputs of the RFC 6962 test vectors. */
    private static final List<byte[]> RFC6962_INPUTS = List.of(
            new byte[0], HEX.parseHex("00"), HEX.parseHex("10"), HEX.parseHex("2021"), HEX.parseHex("3031"),
            HEX.parseHex("40414243"), HEX.parseHex("5051525354555657"),
            HEX.parseHex("606162636465666768696a6b6c6d6e6f"));

    @Test
    void rootOfTheRfc6962EightLeafTreeIsThePublishedValue() {
        List<Hash> leaves = RFC6962_INPUTS.stream().map(MerkleTree::leafHash).toList();
        assertEquals("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
                MerkleTree.root(leaves).hex());
    }

    @Test
    void emptyTreeRootIsSha256OfNothing() {
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", MerkleTree.emptyRoot().hex());
        assertEquals(MerkleTree.emptyRoot(), MerkleTree.root(List.of()));
    }

    @Test
    void leafAndNodeHashesUseTheDomainSeparationPrefixes() {
        byte[] entry = "entry".getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(NaiveMerkle.sha256(new byte[] {0}, entry), MerkleTree.leafHash(entry).bytes());
        Hash a = MerkleTree.leafHash(new byte[] {1});
        Hash b = MerkleTree.leafHash(new byte[] {2});
        assertArrayEquals(NaiveMerkle.sha256(new byte[] {1}, a.bytes(), b.bytes()), MerkleTree.nodeHash(a, b).bytes());
    }

    @Test
    void rootsAndProofsForEverySizeUpTo300MatchTheNaiveDefinitions() {
        Random random = new Random(9162);
        List<byte[]> entries = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            byte[] e = new byte[random.nextInt(40)];
            random.nextBytes(e);
            entries.add(e);
        }
        List<Hash> leaves = entries.stream().map(MerkleTree::leafHash).toList();
        List<byte[]> naiveRoots = new ArrayList<>();
        naiveRoots.add(NaiveMerkle.mth(List.of()));
        for (int n = 1; n <= 300; n++) {
            naiveRoots.add(NaiveMerkle.mth(entries.subList(0, n)));
        }
        for (int n = 1; n <= 300; n++) {
            Hash root = new Hash(naiveRoots.get(n));
            assertEquals(root, MerkleTree.root(leaves.subList(0, n)), "root of size " + n);
            for (int m : sample(random, n)) {
                InclusionProof proof = MerkleTree.inclusionProof(leaves, m, n);
                assertHashes(NaiveMerkle.path(m, entries.subList(0, n)), proof.path(), "path " + m + " of " + n);
                assertTrue(MerkleTree.verifyInclusion(proof, leaves.get(m), root).valid(), "inclusion " + m + " in " + n);
                int other = (m + 1) % n;
                assertFalse(other != m && MerkleTree.verifyInclusion(proof, leaves.get(other), root).valid(),
                        "inclusion proof for " + m + " must not prove leaf " + other);
            }
            for (int m : sample(random, n)) {
                int from = m + 1;
                ConsistencyProof proof = MerkleTree.consistencyProof(leaves, from, n);
                if (from < n) {
                    assertHashes(NaiveMerkle.proof(from, entries.subList(0, n)), proof.path(),
                            "consistency " + from + " to " + n);
                }
                Hash fromRoot = new Hash(naiveRoots.get(from));
                assertTrue(MerkleTree.verifyConsistency(proof, fromRoot, root).valid(),
                        "consistency " + from + " to " + n);
                if (from > 1) {
                    Hash wrong = new Hash(naiveRoots.get(from - 1));
                    assertFalse(MerkleTree.verifyConsistency(proof, wrong, root).valid(),
                            "consistency " + from + " to " + n + " with the wrong earlier root");
                }
            }
        }
    }

    @Test
    void verificationReportsAMismatchAsAValueWithAReason() {
        List<Hash> leaves = RFC6962_INPUTS.stream().map(MerkleTree::leafHash).toList();
        InclusionProof proof = MerkleTree.inclusionProof(leaves, 3, 8);
        ProofVerification result = MerkleTree.verifyInclusion(proof, leaves.get(3), MerkleTree.emptyRoot());
        ProofVerification.Invalid invalid = assertInstanceOf(ProofVerification.Invalid.class, result);
        assertTrue(invalid.reason().contains("not the expected root"), invalid.reason());
    }

    @Test
    void hashRejectsWrongLengthsAndComparesByContent() {
        assertThrows(IllegalArgumentException.class, () -> new Hash(new byte[31]));
        byte[] bytes = new byte[32];
        Hash h = new Hash(bytes);
        bytes[0] = 1;
        assertEquals(new Hash(new byte[32]), h, "the hash copied its input");
        assertEquals(h, Hash.fromHex(h.hex()));
        assertEquals(h, Hash.fromBase64(h.base64()));
        assertThrows(org.chancery.InvalidInputException.class, () -> Hash.fromBase64("V3JvbmdSb290"));
    }

    private static List<Integer> sample(Random random, int n) {
        if (n <= 40) {
            List<Integer> all = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                all.add(i);
            }
            return all;
        }
        List<Integer> some = new ArrayList<>(List.of(0, n - 1, n / 2));
        for (int i = 0; i < 12; i++) {
            some.add(random.nextInt(n));
        }
        return some;
    }

    private static void assertHashes(List<byte[]> expected, List<Hash> actual, String what) {
        assertEquals(expected.size(), actual.size(), what + ": length");
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), actual.get(i).bytes(), what + ": hash " + i);
        }
    }
}
