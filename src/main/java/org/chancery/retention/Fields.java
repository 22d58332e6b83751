package org.chancery.retention;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * Typed reads of located fields that record a {@link SourceProblem} instead of throwing, so that one pass over
 * a file reports every problem. Each read returns null when the value is absent or wrong.
 */
final class Fields {
    private final List<SourceProblem> problems;

    Fields(List<SourceProblem> problems) {
        this.problems = problems;
    }

    List<SourceProblem> problems() {
        return problems;
    }

    void problem(Located at, String message) {
        problems.add(at.problem(message));
    }

    boolean requireObject(Located at) {
        if (!at.node.isObject()) {
            problem(at, "expected a mapping of fields, got " + describe(at));
            return false;
        }
        return true;
    }

    /** Reports each field of {@code at} not in {@code allowed}: typos must not silently change a schedule. */
    void onlyFields(Located at, Set<String> allowed) {
        for (String name : at.fieldNames()) {
            if (!allowed.contains(name)) {
                problem(at.field(name), "unknown field; expected one of " + String.join(", ", allowed));
            }
        }
    }

    String text(Located at, boolean required) {
        if (at.missing()) {
            if (required) {
                problem(at, "is required");
            }
            return null;
        }
        if (!at.node.isTextual() && !at.node.isNumber()) {
            problem(at, "expected text, got " + describe(at));
            return null;
        }
        String s = at.node.asText().strip();
        if (s.isEmpty()) {
            problem(at, "must not be empty");
            return null;
        }
        return s;
    }

    Integer nonNegativeInt(Located at, boolean required) {
        if (at.missing()) {
            if (required) {
                problem(at, "is required");
            }
            return null;
        }
        if (!at.node.isIntegralNumber() || !at.node.canConvertToInt() || at.node.intValue() < 0) {
            problem(at, "expected a whole number of 0 or more, got " + describe(at));
            return null;
        }
        return at.node.intValue();
    }

    Integer integer(Located at, boolean required) {
        if (at.missing()) {
            if (required) {
                problem(at, "is required");
            }
            return null;
        }
        if (!at.node.isIntegralNumber() || !at.node.canConvertToInt()) {
            problem(at, "expected a whole number, got " + describe(at));
            return null;
        }
        return at.node.intValue();
    }

    /** A single text or a list of texts; never null (empty when absent or wrong). */
    List<String> texts(Located at) {
        List<String> out = new ArrayList<>();
        if (at.missing()) {
            return out;
        }
        if (at.node.isArray()) {
            for (Located item : at.items()) {
                String s = text(item, true);
                if (s != null) {
                    out.add(s);
                }
            }
        } else {
            String s = text(at, true);
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }

    Period period(Located at, boolean required) {
        String s = text(at, required);
        if (s == null) {
            return null;
        }
        try {
            Period p = Period.parse(s);
            if (p.isNegative() || p.isZero()) {
                problem(at, "expected a positive ISO-8601 period like P7Y, got \"" + s + "\"");
                return null;
            }
            return p;
        } catch (DateTimeParseException e) {
            problem(at, "expected an ISO-8601 period like P7Y, got \"" + s + "\"");
            return null;
        }
    }

    /**
     * A date ({@code 2017-01-03}) or an instant with offset ({@code 2017-01-03T17:00:00Z}). A date as a start
     * means the start of that day (UTC); as an end it means the end of that day, so "until 2019-01-02" keeps
     * the whole of 2 January: ends are exclusive instants.
     */
    Instant instant(Located at, boolean end) {
        String s = text(at, false);
        if (s == null) {
            return null;
        }
        try {
            if (s.length() == 10) {
                LocalDate d = LocalDate.parse(s);
                return (end ? d.plusDays(1) : d).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeException e) {
            problem(at, "expected a date like 2017-01-03 or an instant like 2017-01-03T17:00:00Z, got \"" + s + "\"");
            return null;
        }
    }

    <E> E choice(Located at, boolean required, Function<String, E> parse, String expected) {
        String s = text(at, required);
        if (s == null) {
            return null;
        }
        try {
            return parse.apply(s.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problem(at, "expected " + expected + ", got \"" + s + "\"");
            return null;
        }
    }

    static Set<String> names(String... names) {
        return new LinkedHashSet<>(List.of(names));
    }

    private static String describe(Located at) {
        if (at.node.isObject()) {
            return "a mapping";
        }
        if (at.node.isArray()) {
            return "a list";
        }
        return at.node.isTextual() ? "\"" + at.node.asText() + "\"" : at.node.toString();
    }
}
