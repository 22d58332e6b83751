package org.chancery.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.chancery.config.DataDir;
import org.chancery.ledger.Hash;
import org.chancery.ledger.MerkleTree;
import org.chancery.store.KillRounds;
import org.chancery.store.TestCaptures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills an archiving process with SIGKILL at random moments — while it opens and repairs, appends to the
 * journal, commits to OCFL, appends to the Merkle log, signs checkpoints, indexes — many times in a row on the
 * same data folder; then checks the whole record office: {@code verify} is clean, every acknowledged tweet is
 * retrievable byte for byte with an inclusion proof that checks against the signed checkpoint, and the search
 * index holds exactly the archived tweets.
 */
class RecordOfficeCrashIT {
    private static final int ROUNDS = 10;
    private static final int BATCH = 40;
    private static final int COMMIT_CAPTURES = 200;

    @TempDir
    Path data;

    @Test
    void everyAcknowledgedTweetSurvivesRepeatedKillsWithProofAndIndex() throws Exception {
        List<long[]> acknowledged = KillRounds.run(ROUNDS, BATCH, 20261202L, this::start, this::stderr);

        try (RecordOffice office = RecordOffice.open(new DataDir(data), Clock.systemUTC())) {
            VerifyReport report = office.verify();
            assertEquals(List.of(), report.problems());
            Hash root = office.latestCheckpoint().orElseThrow().root();
            for (long[] range : acknowledged) {
                for (long n = range[0]; n < range[1]; n++) {
                    String id = TestCaptures.syntheticId(n);
                    ProvenTweet proven = office.find(id).orElseThrow(
                            () -> new AssertionError("acknowledged tweet " + id + " is missing"));
                    assertArrayEquals(TestCaptures.syntheticRaw(n), proven.stored().raw().bytes(), id);
                    ProvenTweet.Evidence e = proven.evidence().orElseThrow(
                            () -> new AssertionError("acknowledged tweet " + id + " has no inclusion proof"));
                    assertTrue(MerkleTree.verifyInclusion(e.proof(),
                            MerkleTree.leafHash(e.entry().getBytes(StandardCharsets.UTF_8)), root).valid(),
                            "proof of " + id);
                }
            }
            assertEquals(office.ledger().log().size(), office.count("generated"),
                    "the index holds exactly the archived tweets after the crashes");
        }
    }

    private Process start(long from) throws IOException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        return new ProcessBuilder(java, "-Xmx256m", "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), RecordOfficeCrashChild.class.getName(), data.toString(),
                Long.toString(from), Integer.toString(BATCH), Integer.toString(COMMIT_CAPTURES))
                .redirectError(stderrFile().toFile())
                .start();
    }

    private Path stderrFile() {
        return data.resolveSibling(data.getFileName() + "-child.err");
    }

    private String stderr() {
        try {
            return Files.readString(stderrFile(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no stderr: " + e + ")";
        }
    }
}
