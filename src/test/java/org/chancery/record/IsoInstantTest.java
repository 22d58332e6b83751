package org.chancery.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IsoInstantTest {
    private static final long YEAR_0 = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
    private static final long YEAR_10000 = Instant.parse("+10000-01-01T00:00:00Z").getEpochSecond();

    @Test
    void writesWhatTheIsoInstantFormatterWritesAndReadsItBack() {
        Random random = new Random(20261202);
        for (int i = 0; i < 200_000; i++) {
            long seconds = YEAR_0 + Math.floorMod(random.nextLong(), YEAR_10000 - YEAR_0);
            int nano = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant t = Instant.ofEpochSecond(seconds, nano);
            String expected = DateTimeFormatter.ISO_INSTANT.format(t);
            assertEquals(expected, IsoInstant.format(t));
            assertEquals(t, IsoInstant.parseCanonical(expected), expected);
        }
    }

    @Test
    void writesTheEdgesOfTheCalendarLikeTheFormatter() {
        for (String s : List.of("0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "1970-01-01T00:00:00Z",
                "1969-12-31T23:59:59.999Z", "2000-02-29T12:00:00.000001Z", "2016-12-31T23:59:59Z",
                "-0001-12-31T23:59:59Z", "+10000-01-01T00:00:00Z")) {
            Instant t = Instant.parse(s);
            assertEquals(DateTimeFormatter.ISO_INSTANT.format(t), IsoInstant.format(t), s);
        }
        assertEquals(Instant.parse("2000-02-29T12:00:00.000001Z"), IsoInstant.parseCanonical("2000-02-29T12:00:00.000001Z"));
    }

    @Test
    void writesTheFormattersTextAsAsciiBytesForEveryInstant() {
        Random random = new Random(1202);
        List<Instant> instants = new java.util.ArrayList<>(List.of(Instant.MIN, Instant.MAX, Instant.EPOCH,
                Instant.EPOCH.minusNanos(1), Instant.parse("0000-01-01T00:00:00Z"),
                Instant.parse("0000-01-01T00:00:00Z").minusNanos(1), Instant.parse("9999-12-31T23:59:59.999999999Z"),
                Instant.parse("+10000-01-01T00:00:00Z"), Instant.parse("2017-07-10T14:58:16.000000100Z")));
        for (int i = 0; i < 200_000; i++) {
            long seconds = i % 5 == 0 ? random.nextLong(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond())
                    : YEAR_0 + Math.floorMod(random.nextLong(), YEAR_10000 - YEAR_0);
            int nano = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            instants.add(Instant.ofEpochSecond(seconds, nano));
        }
        byte[] out = new byte[IsoInstant.MAX_BYTES];
        for (Instant t : instants) {
            java.util.Arrays.fill(out, (byte) '?');
            int n = IsoInstant.format(t, out);
            assertEquals(DateTimeFormatter.ISO_INSTANT.format(t), new String(out, 0, n, StandardCharsets.US_ASCII));
        }
    }

    @Test
    void readsNothingButTheCanonicalForm() {
        // Each is either not an instant at all or another spelling of one: the formatter never writes it.
        for (String s : List.of("2017-07-10T14:58:16.000Z", "2017-07-10T14:58:16.120000Z", "2017-07-10T14:58:16.1Z",
                "2017-07-10T14:58:16.12Z", "2017-07-10T14:58:16.1200Z", "2017-07-10T14:58:16.123000000Z",
                "2017-07-10T14:58Z", "2017-07-10T14:58:16+00:00", "2017-07-10T14:58:16z", "2017-07-10t14:58:16Z",
                "2017-07-10 14:58:16Z", "2017-07-10T24:00:00Z", "2017-07-10T23:59:60Z", "2017-02-29T00:00:00Z",
                "1900-02-29T00:00:00Z", "2017-04-31T00:00:00Z", "2017-13-01T00:00:00Z", "2017-00-01T00:00:00Z",
                "2017-07-00T00:00:00Z", "+2017-07-10T14:58:16Z", "20170-07-10T14:58:16Z",
                "2017-07-10T14:58:1aZ", "2017-07-10T14:58:16.12aZ", "2017-07-10T14:58:16.-12Z", "", "Z",
                "2017-07-10T14:58:16Z ", "\uff12017-07-10T14:58:16Z")) {
            assertNull(IsoInstant.parseCanonical(s), s);
            byte[] bytes = ("x" + s + "y").getBytes(StandardCharsets.UTF_8);
            assertNull(IsoInstant.parseCanonical(bytes, 1, bytes.length - 1), s);
            assertEquals(false, isFormatterOutput(s), s);
        }
        // The formatter's own text for years outside 0000 to 9999 is left to Instant.parse.
        assertNull(IsoInstant.parseCanonical("-2017-07-10T14:58:16Z"));
        assertEquals(true, isFormatterOutput("-2017-07-10T14:58:16Z"));
    }

    /** Whether the JDK formatter would print exactly this text for the instant it reads. */
    private static boolean isFormatterOutput(String s) {
        try {
            return DateTimeFormatter.ISO_INSTANT.format(Instant.parse(s)).equals(s);
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
