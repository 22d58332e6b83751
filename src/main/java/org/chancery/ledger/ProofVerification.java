package org.chancery.ledger;

/** Outcome of checking an inclusion or consistency proof: a mismatch is an answer, not an exception. */
public sealed interface ProofVerification {
    /** True for {@link Valid}. */
    default boolean valid() {
        return this instanceof Valid;
    }

    /** The proof holds. */
    record Valid() implements ProofVerification {}

    /**
     * The proof does not hold.
     *
     * @param reason one sentence saying which check failed
     */
    record Invalid(String reason) implements ProofVerification {
        public Invalid {
            if (reason == null || reason.isBlank()) {
                throw new IllegalArgumentException("An invalid proof needs a reason.");
            }
        }
    }
}
