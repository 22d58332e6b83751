package org.chancery.ledger;

import java.util.List;

/** Outcome of checking a signed checkpoint: problems are returned as data, never thrown. */
public sealed interface NoteVerification {
    /**
     * The note is well formed and carries a valid signature by the expected key.
     *
     * @param checkpoint the checkpoint it states
     */
    record Verified(Checkpoint checkpoint) implements NoteVerification {}

    /**
     * The note must not be trusted.
     *
     * @param problems one sentence per problem found, never empty
     */
    record Rejected(List<String> problems) implements NoteVerification {
        public Rejected {
            problems = List.copyOf(problems);
            if (problems.isEmpty()) {
                throw new IllegalArgumentException("A rejected note needs at least one problem.");
            }
        }
    }
}
