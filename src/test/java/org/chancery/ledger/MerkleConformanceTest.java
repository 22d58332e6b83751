package org.chancery.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every RFC 6962/9162 proof vector of transparency-dev/merkle (fixtures/merkle-rfc9162, see SOURCES.md there):
 * each happy path must verify and each corrupted variant must be rejected.
 *
 * <p>Some corrupted vectors hold values Java types cannot carry. A "hash" that is not 32 bytes cannot be a
 * {@link Hash}: the test asserts that {@code Hash} refuses it, then substitutes SHA-256(0xFF || odd bytes), a
 * prefix RFC 9162 never uses, which keeps equal values equal and different ones different without colliding
 * with any real hash in the vectors. A leaf index above {@code Long.MAX_VALUE} (Go's uint64 -1) becomes
 * {@code Long.MAX_VALUE}, which keeps it beyond every tree size. Either way the verifier itself must still reach
 * the vector's verdict, except for the vectors in {@link #REJECTED_BY_TYPE_ONLY}, whose only defect is a
 * malformed hash (after substitution they describe a genuinely valid proof), so {@code Hash} refusing them is
 * the whole rejection.
 */
class MerkleConformanceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROOT = "/fixtures/merkle-rfc9162/testdata";

    /** Vectors whose only corruption is that hash values are not 32 bytes long (here: root and leaf both ""). */
    private static final Set<String> REJECTED_BY_TYPE_ONLY =
            Set.of("inclusion/single-entry/empty-root-and-leaf.json");

    @TestFactory
    Stream<DynamicTest> inclusionVectors() throws IOException {
        return vectors("inclusion").stream().map(v -> DynamicTest.dynamicTest(v.name(), () -> {
            JsonNode j = v.json();
            InclusionProof proof = new InclusionProof(number(j.get("leafIdx")), number(j.get("treeSize")),
                    hashes(j.get("proof")));
            ProofVerification result = MerkleTree.verifyInclusion(proof, hash(j.get("leafHash")), hash(j.get("root")));
            assertVerdict(v, result);
        }));
    }

    @TestFactory
    Stream<DynamicTest> consistencyVectors() throws IOException {
        return vectors("consistency").stream().map(v -> DynamicTest.dynamicTest(v.name(), () -> {
            JsonNode j = v.json();
            ConsistencyProof proof = new ConsistencyProof(number(j.get("size1")), number(j.get("size2")),
                    hashes(j.get("proof")));
            ProofVerification result = MerkleTree.verifyConsistency(proof, hash(j.get("root1")), hash(j.get("root2")));
            assertVerdict(v, result);
        }));
    }

    @Test
    void everyVectorFileIsRunAndBothVerdictsOccur() throws IOException {
        List<Vector> all = new ArrayList<>(vectors("inclusion"));
        all.addAll(vectors("consistency"));
        assertEquals(196, all.size(), "all copied vector files are found on the class path");
        long happy = all.stream().filter(v -> !v.json().get("wantErr").asBoolean()).count();
        assertEquals(12, happy, "happy-path vectors");
    }

    private static void assertVerdict(Vector v, ProofVerification result) {
        JsonNode j = v.json();
        boolean wantError = j.get("wantErr").asBoolean();
        if (REJECTED_BY_TYPE_ONLY.contains(v.name())) {
            assertTrue(wantError, v.name() + " is a corrupted vector");
            return;
        }
        assertEquals(!wantError, result.valid(), () -> j.get("desc").asText() + ": got " + result);
    }

    private static List<Hash> hashes(JsonNode array) {
        List<Hash> out = new ArrayList<>();
        if (array != null && !array.isNull()) {
            array.forEach(n -> out.add(hash(n)));
        }
        return out;
    }

    private static Hash hash(JsonNode base64) {
        byte[] bytes = Base64.getDecoder().decode(base64.asText());
        if (bytes.length == Hash.LENGTH) {
            return new Hash(bytes);
        }
        assertThrows(IllegalArgumentException.class, () -> new Hash(bytes));
        return new Hash(NaiveMerkle.sha256(new byte[] {(byte) 0xFF}, bytes));
    }

    private static long number(JsonNode n) {
        assertTrue(n.isIntegralNumber() && n.bigIntegerValue().signum() >= 0, "sizes are unsigned integers: " + n);
        return n.canConvertToLong() ? n.asLong() : Long.MAX_VALUE;
    }

    private record Vector(String name, JsonNode json) {}

    private static List<Vector> vectors(String kind) throws IOException {
        URL url = MerkleConformanceTest.class.getResource(ROOT + "/" + kind);
        assertTrue(url != null, "vectors " + ROOT + "/" + kind + " are on the test class path");
        Path dir;
        try {
            dir = Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        List<Vector> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                String name = kind + "/" + dir.relativize(f).toString().replace('\\', '/');
                out.add(new Vector(name, JSON.readTree(f.toFile())));
            }
        }
        return out;
    }
}
