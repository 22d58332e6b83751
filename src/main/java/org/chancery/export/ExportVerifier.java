package org.chancery.export;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.chancery.ChanceryException;
import org.chancery.InvalidInputException;
import org.chancery.ledger.CheckpointVerifier;
import org.chancery.ledger.Hash;
import org.chancery.ledger.NoteVerification;

/**
 * Checks a Chancery bag (a folder or a zip) with nothing but the bag and, optionally, a verifier key the user pins:
 * the bag itself (RFC 8493), each raw payload's SHA-256 against its proof and log entry, each inclusion proof against
 * the checkpoint's root and size, the WARC copy of each payload, and the checkpoint's signature against the bag's key
 * (and the pinned one). The records are checked in one sequential pass (see {@link RecordPass}).
 */
public final class ExportVerifier {
    /** The outcome: what was checked and every problem found (none means the export verifies). */
    public record Report(long records, long checkpointSize, List<ExportProblem> problems) {
        public Report {
            problems = List.copyOf(problems);
        }

        public boolean clean() {
            return problems.isEmpty();
        }
    }

    /** Checks only the BagIt structure and fixity of the bag in {@code folder}. */
    public static List<ExportProblem> checkBag(Path folder) {
        return BagChecker.check(folder);
    }

    /**
     * Verifies an export.
     *
     * @param path      the bag folder or its zip
     * @param pinnedKey a verifier key ({@code <name>+<key id>+<base64>}) the checkpoint must also be signed by
     */
    public Report verify(Path path, Optional<String> pinnedKey) {
        if (Files.isRegularFile(path)) {
            Path temp = null;
            try {
                temp = Files.createTempDirectory("chancery-verify-export");
                Path bag = ExportFiles.unzip(path, temp);
                return verifyFolder(bag, pinnedKey);
            } catch (IOException e) {
                return new Report(0, 0, List.of(new ExportProblem(path.getFileName().toString(), null,
                        "The file is not a readable zip of a bag: " + e.getMessage())));
            } catch (InvalidInputException e) {
                return new Report(0, 0, List.of(new ExportProblem(path.getFileName().toString(), null, e.getMessage())));
            } finally {
                if (temp != null) {
                    try {
                        ExportFiles.deleteTree(temp);
                    } catch (IOException ignored) {
                        // a leftover temporary folder does not change the verdict
                    }
                }
            }
        }
        return verifyFolder(path, pinnedKey);
    }

    private Report verifyFolder(Path bag, Optional<String> pinnedKey) {
        List<ExportProblem> problems = new ArrayList<>(BagChecker.check(bag));
        if (!Files.isDirectory(bag)) {
            return new Report(0, 0, problems);
        }
        for (String required : List.of("manifest-sha256.txt", "manifest-sha512.txt", "tagmanifest-sha256.txt",
                "tagmanifest-sha512.txt")) {
            if (!Files.isRegularFile(bag.resolve(required))) {
                problems.add(new ExportProblem(required, null,
                        "The file is missing; every Chancery bag carries it, so the bag was altered."));
            }
        }
        Anchor anchor = anchor(bag, pinnedKey, problems);
        long records = new RecordPass(bag, anchor.size(), anchor.root(), problems).run();
        return new Report(records, anchor.size(), problems);
    }

    /** What proofs are checked against: the checkpoint's size and root, read even if its signature fails. */
    private record Anchor(long size, Hash root) {}

    private Anchor anchor(Path bag, Optional<String> pinnedKey, List<ExportProblem> problems) {
        String checkpoint = read(bag, ProofJson.CHECKPOINT_PATH, problems);
        String key = read(bag, ProofJson.KEY_PATH, problems);
        if (checkpoint == null) {
            return new Anchor(-1, null);
        }
        if (key != null) {
            signature(checkpoint, key.strip(), ProofJson.KEY_PATH, "the bag's key", problems);
        }
        if (pinnedKey.isPresent()) {
            if (key != null && !key.strip().equals(pinnedKey.get().strip())) {
                problems.add(new ExportProblem(ProofJson.KEY_PATH, null, "The bag's key " + key.strip()
                        + " is not the pinned key " + pinnedKey.get().strip() + "."));
            }
            signature(checkpoint, pinnedKey.get().strip(), ProofJson.CHECKPOINT_PATH, "the pinned key", problems);
        }
        String[] lines = checkpoint.split("\n", -1);
        try {
            return new Anchor(Long.parseLong(lines[1]), Hash.fromBase64(lines[2]));
        } catch (RuntimeException e) {
            problems.add(new ExportProblem(ProofJson.CHECKPOINT_PATH, null,
                    "The checkpoint has no tree size and root hash on its second and third lines."));
            return new Anchor(-1, null);
        }
    }

    private static void signature(String checkpoint, String key, String keyFile, String whose,
            List<ExportProblem> problems) {
        CheckpointVerifier verifier;
        try {
            verifier = new CheckpointVerifier(key, null);
        } catch (ChanceryException e) {
            problems.add(new ExportProblem(keyFile, null, "The key is not a valid verifier key: " + e.getMessage()));
            return;
        }
        if (verifier.verify(checkpoint) instanceof NoteVerification.Rejected r) {
            for (String p : r.problems()) {
                problems.add(new ExportProblem(ProofJson.CHECKPOINT_PATH, null,
                        "The checkpoint does not verify with " + whose + ": " + p));
            }
        }
    }

    private static String read(Path bag, String rel, List<ExportProblem> problems) {
        try {
            return Files.readString(bag.resolve(rel), StandardCharsets.UTF_8);
        } catch (IOException e) {
            problems.add(new ExportProblem(rel, null, "The file is missing or unreadable; this is not a Chancery export"
                    + " with proofs."));
            return null;
        }
    }
}
