package org.chancery.retention;

import java.util.List;
import org.chancery.InvalidInputException;

/** A policy set or registry file was refused; {@link #problems()} lists every problem found, not just the first. */
public class InvalidSourceException extends InvalidInputException {
    private final transient List<SourceProblem> problems;

    public InvalidSourceException(String what, List<SourceProblem> problems) {
        super(message(what, problems));
        this.problems = List.copyOf(problems);
    }

    public List<SourceProblem> problems() {
        return problems;
    }

    private static String message(String what, List<SourceProblem> problems) {
        StringBuilder s = new StringBuilder(what).append(" is invalid (").append(problems.size())
                .append(problems.size() == 1 ? " problem):" : " problems):");
        for (SourceProblem p : problems) {
            s.append(System.lineSeparator()).append("  ").append(p);
        }
        return s.toString();
    }
}
