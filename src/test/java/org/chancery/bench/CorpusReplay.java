package org.chancery.bench;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a benchmark corpus in the congresstweets layout (one JSON file per day) by replaying a real day
 * again and again with fresh ids and times: every item keeps its real author, text and client; each replayed
 * day moves one day on from 2024-01-01 and keeps the item's time of day; ids are snowflakes of the new times.
 * So the tweets spread over accounts and months as a real archive's do.
 *
 * <p>Usage: {@code CorpusReplay SOURCE-DAY.json COUNT OUT-DIR}
 */
public final class CorpusReplay {
    private static final long TWITTER_EPOCH_MILLIS = 1288834974657L;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(ZoneOffset.UTC);

    private CorpusReplay() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: CorpusReplay SOURCE-DAY.json COUNT OUT-DIR");
            System.exit(2);
        }
        write(Path.of(args[0]), Long.parseLong(args[1]), Path.of(args[2]));
    }

    public static void write(Path source, long count, Path outDir) throws IOException {
        write(source, count, outDir, LocalDate.of(2024, 1, 1));
    }

    /** Like {@link #write(Path, long, Path)}, with the first replayed day {@code firstDay} (UTC). */
    public static void write(Path source, long count, Path outDir, LocalDate firstDay) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> items = new ArrayList<>();
        json.readTree(source.toFile()).forEach(items::add);
        Files.createDirectories(outDir);
        LocalDate day = firstDay;
        long written = 0;
        long sequence = 0;
        while (written < count) {
            Path file = outDir.resolve(day + ".json");
            try (JsonGenerator g = json.getFactory().createGenerator(file.toFile(), JsonEncoding.UTF8)) {
                g.writeStartArray();
                for (int i = 0; i < items.size() && written < count; i++, written++) {
                    ObjectNode item = (ObjectNode) items.get(i).deepCopy();
                    Instant original = java.time.OffsetDateTime.parse(item.get("time").asText()).toInstant();
                    long secondOfDay = original.getEpochSecond() % 86_400;
                    long millis = (day.toEpochDay() * 86_400 + secondOfDay) * 1000;
                    long id = ((millis - TWITTER_EPOCH_MILLIS) << 22) | (sequence++ & 0x3FFFFF);
                    item.put("id", Long.toString(id));
                    item.put("time", TIME.format(Instant.ofEpochMilli(millis)));
                    json.writeTree(g, item);
                }
                g.writeEndArray();
            }
            day = day.plusDays(1);
        }
    }
}
