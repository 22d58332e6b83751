package org.chancery.api;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** Parsing of query parameters, each failure a 400 naming the parameter. */
final class Params {
    private Params() {}

    static int intIn(String name, String value, int min, int max, int fallback) {
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            int v = Integer.parseInt(value);
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // answered below, like an out-of-range number
        }
        throw ApiProblem.badParameter(name, "expected a whole number from " + min + " to " + max + ".");
    }

    static long longIn(String name, String value, long min, long max) {
        if (value == null || value.isEmpty()) {
            throw ApiProblem.badParameter(name, "is required.");
        }
        try {
            long v = Long.parseLong(value);
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiProblem.badParameter(name, "expected a whole number from " + min + " to " + max + ".");
    }

    /** A UTC day {@code YYYY-MM-DD}, or null when absent. */
    static LocalDate day(String name, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiProblem.badParameter(name, "expected a UTC day as YYYY-MM-DD.");
        }
    }
}
