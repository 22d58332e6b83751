package org.chancery.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** Reads the instants and dates options take: {@code 2026-01-31T12:00:00Z} or a UTC day {@code 2026-01-31}. */
final class Instants {
    private Instants() {}

    static Instant parse(String text, String option, Object command) {
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new ParameterException(new CommandLine(command), option + " must be an instant like"
                    + " 2026-01-31T12:00:00Z or a UTC day like 2026-01-31, got \"" + text + "\".");
        }
    }
}
