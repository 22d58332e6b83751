package org.chancery.retention;

import java.util.Objects;

/**
 * One problem found in a policy or registry file, located so that a person can fix it.
 *
 * @param source  the file as named to the user, e.g. {@code retention-policies/staff.yaml}
 * @param line    1-based line number, 0 when unknown
 * @param field   dotted field path, e.g. {@code retention.period} or {@code accounts[3].roles[0].from};
 *                null for problems of the whole file (syntax errors, duplicate ids across files)
 * @param message what is wrong and what was expected, without the location
 */
public record SourceProblem(String source, int line, String field, String message) {
    public SourceProblem {
        Objects.requireNonNull(source, "problem source");
        Objects.requireNonNull(message, "problem message");
        if (line < 0) {
            throw new IllegalArgumentException("problem line must not be negative, got " + line);
        }
    }

    /** {@code retention-policies/staff.yaml: line 7: field retention.period: expected …}. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(source);
        if (line > 0) {
            s.append(": line ").append(line);
        }
        if (field != null) {
            s.append(": field ").append(field);
        }
        return s.append(": ").append(message).toString();
    }
}
