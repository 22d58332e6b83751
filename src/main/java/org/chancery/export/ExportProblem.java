package org.chancery.export;

import java.util.Objects;

/**
 * One thing wrong with an export.
 *
 * @param file     the file concerned, relative to the bag (e.g. {@code proofs/inclusion.jsonl}); {@code .} for the bag
 * @param recordId the tweet id concerned, or null when the problem is not about one record
 * @param what     one sentence saying what is wrong
 */
public record ExportProblem(String file, String recordId, String what) {
    public ExportProblem {
        Objects.requireNonNull(file, "file");
        if (what == null || what.isBlank()) {
            throw new IllegalArgumentException("An export problem needs a description.");
        }
    }

    @Override
    public String toString() {
        return file + (recordId == null ? "" : " [tweet " + recordId + "]") + ": " + what;
    }
}
