package org.chancery.capture;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipException;
import org.chancery.record.Capture;
import org.chancery.record.SourceFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files read ahead with the real importers on real fixtures give the sink exactly what reading them one after
 * another gives it, a file that cannot be read fails at its own turn, and a consumer that stops ends every reader.
 */
class FilesAheadTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-02T10:00:00Z"), ZoneOffset.UTC);
    private static final String CONGRESS_DAY = "congresstweets/2017-07-10.json";

    @TempDir
    Path tmp;

    private final Importers importers = new Importers(CLOCK);
    private final FormatDetector detector = new FormatDetector();

    /** What a sink was given, in order: captures and rejections, and how each file's reading ended. */
    private static final class Recording implements CaptureSink {
        final List<Object> events = new ArrayList<>();

        @Override
        public void accept(Capture capture) {
            events.add(capture);
        }

        @Override
        public void reject(Rejection rejection) {
            events.add(rejection);
        }

        void failed(String display, IOException e) {
            events.add("failed " + display + ": " + e.getClass().getName() + ": " + e.getMessage());
        }
    }

    @Test
    void replaysFilesOfEveryFormatInTheOrderGivenExactlyAsReadingThemOneAfterAnother() throws IOException {
        Path day = Fixtures.path(CONGRESS_DAY, tmp);
        Path badDay = badCongressDay(day);
        List<Path> files = List.of(day, Fixtures.path("api-v2/2sets.jsonl.gz", tmp), badDay,
                Fixtures.path("api-v1.1/streaming_lines.json.gz", tmp),
                Fixtures.path("warc/3f31860b31a34935b5a3c03b97baced8-20230303160142076-00000-lan28ikm.warc.gz", tmp),
                Fixtures.path("twitter-archive/milahu104", tmp));

        Recording oneAfterAnother = new Recording();
        for (Path f : files) {
            try {
                importerFor(f).read(f, f.toString(), oneAfterAnother);
            } catch (IOException e) {
                oneAfterAnother.failed(f.toString(), e);
            }
        }
        Recording ahead = readAhead(files, 3, 16);

        for (Path f : files) {
            assertTrue(ahead.events.stream().anyMatch(e -> sourceOf(e).startsWith(f.toString())),
                    "every file gives events: " + f);
        }
        assertEquals(oneAfterAnother.events.size(), ahead.events.size(), "as many events");
        for (int i = 0; i < ahead.events.size(); i++) {
            Object expected = oneAfterAnother.events.get(i);
            Object got = ahead.events.get(i);
            if (expected instanceof Capture e && got instanceof Capture g) {
                assertEquals(e.id(), g.id(), "id of event " + i);
                assertTrue(Arrays.equals(e.raw().bytes(), g.raw().bytes()), "raw bytes of event " + i);
            }
            assertEquals(expected, got, "event " + i);
        }
        // Independently of the importers: the day's tweets come first, in the file's order, and the bad day's
        // broken items are rejected at their place between the other files' captures.
        JsonNode dayItems = Fixtures.tree(Fixtures.bytes(day));
        for (int i = 0; i < dayItems.size(); i++) {
            assertEquals(dayItems.get(i).get("id").asText(), ((Capture) ahead.events.get(i)).id(), "day item " + i);
        }
        List<Rejection> rejected = ahead.events.stream().filter(e -> e instanceof Rejection)
                .map(e -> (Rejection) e).filter(r -> r.source().equals(badDay.toString())).toList();
        assertEquals(List.of("item 1 time", "item 3 id"),
                rejected.stream().map(r -> r.locator() + " " + r.field()).toList(), rejected.toString());
        int firstOfBadDay = ahead.events.indexOf(rejected.get(0));
        assertEquals(badDay.toString(), sourceOf(ahead.events.get(firstOfBadDay - 1)), "item 0 of the bad day");
        assertFalse(sourceOf(ahead.events.get(firstOfBadDay - 2)).equals(badDay.toString()),
                "the file before the bad day ends right before it");
    }

    @Test
    void aFileThatCannotBeReadFailsAtItsTurnAndTheFilesAroundItAreReadWhole() throws IOException {
        Path day = Fixtures.path(CONGRESS_DAY, tmp);
        Path brokenZip = Files.write(tmp.resolve("broken.zip"), "not a zip file".getBytes(UTF_8));
        Path jsonl = Fixtures.path("api-v2/edited.jsonl", tmp);
        List<Path> files = List.of(day, brokenZip, jsonl);

        Recording ahead = new Recording();
        List<IOException> failures = new ArrayList<>();
        try (FilesAhead reader = new FilesAhead(uniqueThreadName(), 3, 16)) {
            List<FilesAhead.Events> added = new ArrayList<>();
            for (Path f : files) {
                added.add(reader.add(sink -> importerFor(f).read(f, f.toString(), sink)));
            }
            for (FilesAhead.Events events : added) {
                try {
                    events.replayInto(ahead);
                } catch (IOException e) {
                    failures.add(e);
                    ahead.events.add(e);
                }
            }
        }

        assertEquals(1, failures.size(), failures.toString());
        assertInstanceOf(ZipException.class, failures.get(0));
        int dayItems = Fixtures.tree(Fixtures.bytes(day)).size();
        assertSame(failures.get(0), ahead.events.get(dayItems), "the zip fails right after the day's captures");
        List<Object> after = ahead.events.subList(dayItems + 1, ahead.events.size());
        List<String> jsonlIds = new ArrayList<>();
        for (String line : Files.readAllLines(jsonl, UTF_8)) {
            for (JsonNode tweet : Fixtures.tree(line.getBytes(UTF_8)).get("data")) {
                jsonlIds.add(tweet.get("id").asText());
            }
        }
        assertEquals(jsonlIds, after.stream().map(e -> ((Capture) e).id()).toList(), "the last file read whole");
    }

    @Test
    void aSinkThatThrowsStopsEveryReadingAndItsExceptionReachesTheCaller() throws IOException {
        Path day = Fixtures.path(CONGRESS_DAY, tmp);
        String threads = uniqueThreadName();
        AtomicInteger produced = new AtomicInteger();
        IllegalStateException stop = new IllegalStateException("The import job was stopped.");
        AtomicInteger taken = new AtomicInteger();
        CaptureSink stopsAfterFive = new CaptureSink() {
            @Override
            public void accept(Capture capture) {
                if (taken.incrementAndGet() > 5) {
                    throw stop;
                }
            }

            @Override
            public void reject(Rejection rejection) {
                throw new AssertionError("the day has no bad item: " + rejection);
            }
        };

        FilesAhead reader = new FilesAhead(threads, 2, 16);
        List<FilesAhead.Events> added = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            added.add(reader.add(sink -> importerFor(day).read(day, day.toString(), counting(sink, produced))));
        }
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> added.get(0).replayInto(stopsAfterFive));

        assertSame(stop, thrown);
        assertEquals(List.of(), aliveThreadsNamed(threads), "every reader has ended when the exception arrives");
        int dayItems = Fixtures.tree(Fixtures.bytes(day)).size();
        assertTrue(produced.get() < 2 * dayItems, "readers stopped early: " + produced.get() + " events made");
        assertThrows(IllegalStateException.class, () -> added.get(1).replayInto(new Recording()));
        assertThrows(IllegalStateException.class, () -> reader.add(sink -> { }));
        reader.close();
    }

    @Test
    void aReadingHoldsNoMoreThanItsCapacityAndLaterFilesWaitForRoom() throws Exception {
        Path day = Fixtures.path(CONGRESS_DAY, tmp);
        String threads = uniqueThreadName();
        int capacity = 8;
        List<AtomicInteger> produced = List.of(new AtomicInteger(), new AtomicInteger(), new AtomicInteger());
        Recording ahead = new Recording();
        try (FilesAhead reader = new FilesAhead(threads, 2, capacity)) {
            List<FilesAhead.Events> added = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                AtomicInteger count = produced.get(i);
                assertEquals(i < 2, reader.wantsMore(), "room for reading " + (i + 1));
                added.add(reader.add(sink -> importerFor(day).read(day, day.toString(), counting(sink, count))));
            }
            awaitBlocked(threads + "-1");
            awaitBlocked(threads + "-2");

            assertEquals(capacity, produced.get(0).get(), "the first reading waits with its queue full");
            assertEquals(capacity, produced.get(1).get(), "the second reading waits with its queue full");
            assertEquals(0, produced.get(2).get(), "the third waits until the first is replayed");
            assertEquals(List.of(threads + "-1", threads + "-2"), aliveThreadsNamed(threads));

            added.get(0).replayInto(ahead);
            assertTrue(aliveThreadsNamed(threads).contains(threads + "-3"), "the third starts when the first is done");
            added.get(1).replayInto(ahead);
            added.get(2).replayInto(ahead);
        }
        assertEquals(List.of(), aliveThreadsNamed(threads));
        Recording oneAfterAnother = new Recording();
        for (int i = 0; i < 3; i++) {
            importerFor(day).read(day, day.toString(), oneAfterAnother);
        }
        assertEquals(oneAfterAnother.events, ahead.events);
    }

    @Test
    void readingsAreReplayedOnlyInTheOrderTheyWereAdded() throws IOException {
        Path jsonl = Fixtures.path("api-v2/edited.jsonl", tmp);
        try (FilesAhead reader = new FilesAhead(uniqueThreadName(), 2, 16)) {
            FilesAhead.Events first = reader.add(sink -> importerFor(jsonl).read(jsonl, "first", sink));
            FilesAhead.Events second = reader.add(sink -> importerFor(jsonl).read(jsonl, "second", sink));
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> second.replayInto(new Recording()));
            assertTrue(e.getMessage().contains("Reading 2"), e.getMessage());
            Recording sink = new Recording();
            first.replayInto(sink);
            second.replayInto(sink);
            assertEquals(List.of("first", "second"), sink.events.stream().map(FilesAheadTest::sourceOf).toList());
        }
    }

    private Recording readAhead(List<Path> files, int atOnce, int capacity) {
        Recording out = new Recording();
        try (FilesAhead reader = new FilesAhead(uniqueThreadName(), atOnce, capacity)) {
            List<FilesAhead.Events> added = new ArrayList<>();
            for (Path f : files) {
                added.add(reader.add(sink -> importerFor(f).read(f, f.toString(), sink)));
            }
            for (int i = 0; i < files.size(); i++) {
                try {
                    added.get(i).replayInto(out);
                } catch (IOException e) {
                    out.failed(files.get(i).toString(), e);
                }
            }
        }
        return out;
    }

    private Importer importerFor(Path file) throws IOException {
        SourceFormat format = detector.detect(file).orElseThrow();
        return importers.get(format);
    }

    /** The day with item 1's time and item 3's id broken: two rejections among good captures. */
    private Path badCongressDay(Path day) throws IOException {
        ArrayNode items = (ArrayNode) Fixtures.tree(Fixtures.bytes(day));
        ArrayNode bad = Fixtures.JSON.createArrayNode();
        for (int i = 0; i < 5; i++) {
            bad.add(items.get(i).deepCopy());
        }
        ((ObjectNode) bad.get(1)).put("time", "last Tuesday");
        ((ObjectNode) bad.get(3)).remove("id");
        return Files.write(tmp.resolve("2017-07-11-broken.json"), Fixtures.JSON.writeValueAsBytes(bad));
    }

    private static String sourceOf(Object event) {
        return switch (event) {
            case Capture c -> c.tweet().provenance().source();
            case Rejection r -> r.source();
            default -> String.valueOf(event);
        };
    }

    /** Counts what the importer makes before the reading's sink takes it. */
    private static CaptureSink counting(CaptureSink sink, AtomicInteger count) {
        return new CaptureSink() {
            @Override
            public void accept(Capture capture) {
                count.incrementAndGet();
                sink.accept(capture);
            }

            @Override
            public void reject(Rejection rejection) {
                count.incrementAndGet();
                sink.reject(rejection);
            }
        };
    }

    private static String uniqueThreadName() {
        return "files-ahead-test-" + System.nanoTime();
    }

    private static List<String> aliveThreadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith(prefix + "-")).sorted().toList();
    }

    /** Waits until the named reader waits on its full queue. */
    private static void awaitBlocked(String name) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (t.getName().equals(name) && t.getState() == Thread.State.WAITING) {
                    return;
                }
            }
            Thread.sleep(5);
        }
        throw new AssertionError(name + " did not come to wait on its full queue within 10 s");
    }
}
