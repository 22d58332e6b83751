package org.chancery.archive;

import java.util.List;

/**
 * What {@code verify} found.
 *
 * @param objects        OCFL objects validated
 * @param payloads       committed tweet versions checked against the log
 * @param logSize        entries in the Merkle log
 * @param checkpoints    signed checkpoints checked
 * @param contentBytes   bytes of stored content re-hashed
 * @param problems       each problem with the item it concerns; empty when everything holds
 */
public record VerifyReport(long objects, long payloads, long logSize, long checkpoints, long contentBytes,
        List<Problem> problems) {
    public VerifyReport {
        problems = List.copyOf(problems);
    }

    public boolean clean() {
        return problems.isEmpty();
    }

    /** One problem: {@code item} names the object, file, log entry or checkpoint. */
    public record Problem(String item, String problem) {
        @Override
        public String toString() {
            return item + ": " + problem;
        }
    }
}
