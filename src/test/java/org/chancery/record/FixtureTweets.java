package org.chancery.record;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.chancery.InvalidInputException;
import org.chancery.capture.CollectingSink;
import org.chancery.capture.FormatDetector;
import org.chancery.capture.Importers;

/**
 * Every tweet the importers make of the collector files in src/test/resources/fixtures (congresstweets, API v2 and
 * v1.1 including twarc's, the X API capture samples, a "Download your archive" export, SFM WARC harvests), by format.
 */
public final class FixtureTweets {
    /** The fixture folders that hold collector files; the archive export is a folder of its own. */
    private static final List<String> FOLDERS = List.of("congresstweets", "api-v2", "api-v1.1", "xapi", "warc",
            "store", "index", "export", "twitter-archive/milahu104");

    private FixtureTweets() {}

    /**
     * The tweets of every fixture file whose format the detector tells, by format, in file order.
     *
     * @param tmp where gzip fixtures other than WARC files are decompressed (the JSON importers read plain files)
     */
    public static Map<SourceFormat, List<Tweet>> load(Path tmp) {
        Importers importers = new Importers(Clock.fixed(Instant.parse("2026-12-02T12:00:00Z"), ZoneOffset.UTC));
        FormatDetector detector = new FormatDetector();
        Map<SourceFormat, List<Tweet>> byFormat = new EnumMap<>(SourceFormat.class);
        try {
            for (Path input : inputs(tmp)) {
                Optional<SourceFormat> format;
                try {
                    format = detector.detect(input);
                } catch (InvalidInputException e) {
                    continue; // not a collector file (rules, counts): nothing to import
                }
                if (format.isEmpty()) {
                    continue;
                }
                CollectingSink sink = new CollectingSink();
                importers.get(format.get()).read(input, input.getFileName().toString(), sink);
                List<Tweet> tweets = byFormat.computeIfAbsent(format.get(), f -> new ArrayList<>());
                sink.accepted.forEach(c -> tweets.add(c.tweet()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return byFormat;
    }

    /** All tweets of {@link #load}, in one list. */
    public static List<Tweet> all(Path tmp) {
        return load(tmp).values().stream().flatMap(List::stream).toList();
    }

    private static List<Path> inputs(Path tmp) throws IOException {
        Path root;
        try {
            root = Path.of(FixtureTweets.class.getResource("/fixtures").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        List<Path> inputs = new ArrayList<>();
        for (String folder : FOLDERS) {
            Path dir = root.resolve(folder);
            if (folder.startsWith("twitter-archive/")) {
                inputs.add(dir);
                continue;
            }
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.sorted().toList()) {
                    String name = f.getFileName().toString();
                    if (name.startsWith("LICENSE") || name.endsWith(".md")) {
                        continue;
                    }
                    if (name.endsWith(".gz") && !name.endsWith(".warc.gz")) {
                        Path plain = tmp.resolve(folder + "-" + name.substring(0, name.length() - 3));
                        try (InputStream in = new GZIPInputStream(Files.newInputStream(f))) {
                            Files.copy(in, plain);
                        }
                        f = plain;
                    }
                    inputs.add(f);
                }
            }
        }
        return inputs;
    }
}
