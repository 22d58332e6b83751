package org.chancery.record;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/**
 * The text form {@link DateTimeFormatter#ISO_INSTANT} gives an instant ({@code 2017-07-10T14:58:16Z},
 * {@code 2017-07-10T14:58:16.120Z}), written and read without a formatter: verification reads and writes millions
 * of them, and the general formatter costs several times more than the hashing around it.
 *
 * <p>The canonical form: a four-digit year, {@code -MM-ddTHH:mm:ss}, then a fraction only when the nanoseconds are
 * not zero, in as few groups of three digits as hold them exactly, then {@code Z}. {@link #parseCanonical} accepts
 * exactly the strings {@link #format} writes for years 0000 to 9999; callers fall back to {@link Instant#parse} (or
 * refuse) for anything else.
 */
public final class IsoInstant {
    private static final long SECONDS_PER_DAY = 86_400;
    private static final Instant FIRST_FOUR_DIGIT = Instant.parse("0000-01-01T00:00:00Z");
    private static final Instant LAST_FOUR_DIGIT = Instant.parse("9999-12-31T23:59:59.999999999Z");

    /** The most ASCII bytes {@link #format(Instant, byte[])} writes ({@code +1000000000-12-31T23:59:59.999999999Z}). */
    static final int MAX_BYTES = 40;

    private IsoInstant() {}

    /** Appends the {@link DateTimeFormatter#ISO_INSTANT} form of {@code t} to {@code out}. */
    public static StringBuilder format(Instant t, StringBuilder out) {
        byte[] ascii = new byte[MAX_BYTES];
        int n = format(t, ascii);
        for (int i = 0; i < n; i++) {
            out.append((char) ascii[i]);
        }
        return out;
    }

    /**
     * Writes the {@link DateTimeFormatter#ISO_INSTANT} form of {@code t} as ASCII bytes from {@code out[0]}, which
     * must have room for {@link #MAX_BYTES}, and returns how many it wrote: the JSON writer puts every tweet's instants
     * straight into its output this way.
     */
    static int format(Instant t, byte[] out) {
        if (t.isBefore(FIRST_FOUR_DIGIT) || t.isAfter(LAST_FOUR_DIGIT)) {
            String text = DateTimeFormatter.ISO_INSTANT.format(t);
            for (int i = 0; i < text.length(); i++) {
                out[i] = (byte) text.charAt(i);
            }
            return text.length();
        }
        long seconds = t.getEpochSecond();
        int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, SECONDS_PER_DAY));
        digits(out, 0, date.getYear(), 4);
        out[4] = '-';
        digits(out, 5, date.getMonthValue(), 2);
        out[7] = '-';
        digits(out, 8, date.getDayOfMonth(), 2);
        out[10] = 'T';
        digits(out, 11, secondOfDay / 3600, 2);
        out[13] = ':';
        digits(out, 14, secondOfDay / 60 % 60, 2);
        out[16] = ':';
        digits(out, 17, secondOfDay % 60, 2);
        int n = 19;
        int nano = t.getNano();
        if (nano != 0) {
            out[n++] = '.';
            if (nano % 1_000_000 == 0) {
                n = digits(out, n, nano / 1_000_000, 3);
            } else if (nano % 1000 == 0) {
                n = digits(out, n, nano / 1000, 6);
            } else {
                n = digits(out, n, nano, 9);
            }
        }
        out[n++] = 'Z';
        return n;
    }

    /** Writes {@code value} (non-negative, below 10^width) in exactly {@code width} digits at {@code at}; the end. */
    private static int digits(byte[] out, int at, int value, int width) {
        int end = at + width;
        for (int i = end - 1; i >= at; i--) {
            out[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        return end;
    }

    /** The {@link DateTimeFormatter#ISO_INSTANT} form of {@code t}. */
    public static String format(Instant t) {
        return format(t, new StringBuilder(30)).toString();
    }

    /**
     * The instant whose canonical form (see the class description) is exactly the ASCII bytes
     * {@code bytes[from, to)}, or null when those bytes are anything else: another valid ISO-8601 spelling, a
     * year outside 0000 to 9999, an impossible date, or not a time at all.
     */
    public static Instant parseCanonical(byte[] bytes, int from, int to) {
        int n = to - from;
        if (n != 20 && n != 24 && n != 27 && n != 30 || bytes[to - 1] != 'Z'
                || bytes[from + 4] != '-' || bytes[from + 7] != '-' || bytes[from + 10] != 'T'
                || bytes[from + 13] != ':' || bytes[from + 16] != ':') {
            return null;
        }
        int year = number(bytes, from, 4);
        int month = number(bytes, from + 5, 2);
        int day = number(bytes, from + 8, 2);
        int hour = number(bytes, from + 11, 2);
        int minute = number(bytes, from + 14, 2);
        int second = number(bytes, from + 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59) {
            return null;
        }
        int nano = 0;
        if (n > 20) {
            if (bytes[from + 19] != '.') {
                return null;
            }
            int fraction = number(bytes, from + 20, n - 21);
            if (fraction <= 0 || fraction % 1000 == 0) {
                return null; // zero has no fraction; trailing 000 belongs to a shorter group
            }
            nano = n == 24 ? fraction * 1_000_000 : n == 27 ? fraction * 1000 : fraction;
        }
        if (day > 28 && day > LocalDate.of(year, month, 1).lengthOfMonth()) {
            return null;
        }
        LocalDate date = LocalDate.of(year, month, day);
        return Instant.ofEpochSecond(date.toEpochDay() * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second, nano);
    }

    /** {@link #parseCanonical(byte[], int, int)} for a string; null for anything but the canonical form. */
    public static Instant parseCanonical(CharSequence text) {
        int n = text.length();
        if (n > 30) {
            return null;
        }
        byte[] bytes = new byte[n];
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c > 0x7f) {
                return null;
            }
            bytes[i] = (byte) c;
        }
        return parseCanonical(bytes, 0, n);
    }

    /** The decimal number in {@code count} ASCII digits from {@code at}, or -1 if any is not a digit. */
    private static int number(byte[] bytes, int at, int count) {
        int v = 0;
        for (int i = at; i < at + count; i++) {
            int d = bytes[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }
}
