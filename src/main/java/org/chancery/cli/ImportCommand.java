package org.chancery.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.FileVisitResult;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.chancery.ChanceryException;
import org.chancery.InvalidInputException;
import org.chancery.capture.CaptureSink;
import org.chancery.capture.FilesAhead;
import org.chancery.capture.FormatDetector;
import org.chancery.capture.Importers;
import org.chancery.capture.Rejection;
import org.chancery.record.SourceFormat;
import org.chancery.archive.RecordOffice;
import org.chancery.store.ArchivingSink;
import org.chancery.store.BatchResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code chancery import FILE|DIR...}: archives tweets from collector files, format auto-detected. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Archive tweets from files or folders: X API v2 JSON/JSONL (twarc2), API v1.1 JSON/JSONL,",
            "a \"Download your archive\" export (.zip or folder), congresstweets days, Social Feed Manager WARCs.",
            "Rejected records are listed on stderr and in a report under DATA/reports; exit 1 if any."})
final class ImportCommand implements Callable<Integer> {
    private static final int BATCH_SIZE = 5_000;
    private static final int REJECTS_SHOWN = 20;
    /**
     * Files parsed at once. One, parsed on its own thread while the archive takes what was parsed: two at once were
     * measured at 1M (2 cores, 1 GB heap) at 5,549 tweets/s with the search index against 6,582 for one (more
     * garbage beside the index's buffer), and only +3 % for the store and log alone.
     */
    private static final int FILES_READ_AT_ONCE = 1;
    /** Captures and rejections a file read ahead may hold: a few MB, and more than a congresstweets day has. */
    private static final int EVENTS_AHEAD = 4_096;
    private static final List<String> DATA_SUFFIXES =
            List.of(".json", ".jsonl", ".ndjson", ".js", ".warc", ".warc.gz", ".gz", ".zip");

    @ParentCommand
    private ChanceryCommand root;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "Skip detection: api-v2, api-v1.1, twitter-archive, congresstweets or sfm-warc.")
    private String format;

    @Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = "Files or folders to import.")
    private List<Path> inputs;

    @Override
    public Integer call() throws IOException {
        CliContext ctx = root.context();
        Optional<SourceFormat> forced = Optional.ofNullable(format).map(f -> {
            try {
                return SourceFormat.fromCliName(f);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("--format: " + e.getMessage());
            }
        });
        List<Path> emptyFolders = new ArrayList<>();
        List<Path> files = expand(inputs, emptyFolders);
        Importers importers = new Importers(ctx.clock());
        FormatDetector detector = new FormatDetector();
        Path reportFile = root.dataDir().reports().resolve("import-"
                + DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(java.time.ZoneOffset.UTC)
                .format(ctx.clock().instant()) + "-rejects.txt");
        try (RejectReport report = new RejectReport(reportFile, ctx);
             RecordOffice office = root.openOfficeIndexingAccess();
             ImportProgress progress = ImportProgress.start(ctx);
             ArchivingSink sink = new ArchivingSink(office.archive(), BATCH_SIZE, report::add)) {
            CaptureSink counting = sink.thenEach(progress::step);
            for (Path folder : emptyFolders) {
                report.add(new Rejection(folder.toString(), "whole folder", "(folder)", "holds no collector file ("
                        + String.join(", ", DATA_SUFFIXES) + ", or a Twitter archive export folder)"));
            }
            int imported = 0;
            // Files are planned (found, format detected) a few ahead and read on other threads; everything below
            // still happens file by file in the order given, as if each were read only when its turn came.
            try (FilesAhead ahead = new FilesAhead("chancery-import-reader", FILES_READ_AT_ONCE, EVENTS_AHEAD)) {
                Deque<Step> steps = new ArrayDeque<>();
                Iterator<Path> unplanned = files.iterator();
                while (true) {
                    while (unplanned.hasNext() && ahead.wantsMore()) {
                        steps.add(plan(unplanned.next(), forced, detector, importers, ahead));
                    }
                    Step step = steps.pollFirst();
                    if (step == null) {
                        break;
                    }
                    switch (step) {
                        case Step.Skip skip -> report.add(skip.rejection());
                        case Step.Empty empty ->
                                ctx.err().println("chancery: " + empty.display() + ": empty, nothing to import");
                        case Step.Fail fail -> throw fail.failure();
                        case Step.Read read -> {
                            sink.producer("import " + read.format().cliName() + " " + read.display());
                            try {
                                read.events().replayInto(counting);
                            } catch (NoSuchFileException e) {
                                report.add(new Rejection(read.display(), "whole file", "(file)", "no such file"));
                                continue;
                            } catch (IOException | UncheckedIOException e) {
                                report.add(new Rejection(read.display(), "whole file", "(file)",
                                        "could not be read: " + e.getMessage()));
                                continue;
                            }
                            sink.flush();
                            imported++;
                        }
                    }
                }
            }
            BatchResult r = sink.finish();
            office.commit();
            progress.finish();
            // Records read add up: new + observations + already archived + disposed of + rejected. Files (or folders)
            // that could not be read at all are counted apart: they hold no record that was read.
            long wholeFiles = report.count() - sink.rejected();
            ctx.out().printf(Locale.ROOT, "Imported %d file(s): %d record(s) read, %d new, %d observation(s) of"
                            + " archived tweets, %d already archived, %d rejected%s.%n",
                    imported, sink.accepted() + sink.rejected(), r.added(), r.observations(), r.alreadyArchived(),
                    sink.rejected(), wholeFiles == 0 ? "" : "; " + wholeFiles + " file(s) or folder(s) not read");
            if (r.disposedOf() > 0) {
                ctx.out().printf(Locale.ROOT, "Not archived again: %d record(s) of tweets disposed of earlier under a"
                        + " disposition certificate (`show ID` names it).%n", r.disposedOf());
            }
            if (report.count() > 0) {
                ctx.out().println("Rejected records are listed in " + reportFile);
                return Main.FAILED;
            }
            return 0;
        }
    }

    /** What the import does with one file, decided before its turn. */
    private sealed interface Step {
        /** Not read: missing, or of no format Chancery knows. */
        record Skip(Rejection rejection) implements Step {}

        /** Holds nothing to import. */
        record Empty(String display) implements Step {}

        /** Detection failed outright: the import stops with this at the file's turn, as it always has. */
        record Fail(IOException failure) implements Step {}

        /** Read ahead into {@code events}. */
        record Read(String display, SourceFormat format, FilesAhead.Events events) implements Step {}
    }

    private static Step plan(Path file, Optional<SourceFormat> forced, FormatDetector detector, Importers importers,
                             FilesAhead ahead) {
        String display = file.toString();
        if (!Files.exists(file)) {
            return new Step.Skip(new Rejection(display, "whole file", "(file)", "no such file or folder"));
        }
        Optional<SourceFormat> fmt;
        try {
            fmt = forced.isPresent() ? forced : detector.detect(file);
        } catch (InvalidInputException e) {
            return new Step.Skip(new Rejection(display, "whole file", "(format)", e.getMessage()));
        } catch (IOException e) {
            return new Step.Fail(e);
        }
        if (fmt.isEmpty()) {
            return new Step.Empty(display);
        }
        SourceFormat format = fmt.get();
        // The importer is looked up on the reading's thread so that a format without one fails at this file's turn.
        return new Step.Read(display, format,
                ahead.add(sink -> importers.get(format).read(file, display, sink)));
    }

    /**
     * Folders become the data files under them, in name order; an archive export folder anywhere below stays
     * one input.
     */
    private static List<Path> expand(List<Path> inputs, List<Path> emptyFolders) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path in : inputs) {
            if (!Files.isDirectory(in) || FormatDetector.isArchiveExportFolder(in)) {
                files.add(in);
                continue;
            }
            // A folder named through a link is walked where it leads (a walk does not follow its start), its files
            // still named under the path given.
            Path root = Files.isSymbolicLink(in) ? in.toRealPath() : in;
            List<Path> found = new ArrayList<>();
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (!dir.equals(root) && FormatDetector.isArchiveExportFolder(dir)) {
                        found.add(in.resolve(root.relativize(dir)));
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && looksLikeData(file)) {
                        found.add(in.resolve(root.relativize(file)));
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
            if (found.isEmpty()) {
                emptyFolders.add(in);
            }
            found.sort(null);
            files.addAll(found);
        }
        return files;
    }

    private static boolean looksLikeData(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return !name.startsWith(".") && DATA_SUFFIXES.stream().anyMatch(name::endsWith);
    }

    /** Writes every rejection to the report file and the first few to stderr. */
    private static final class RejectReport implements AutoCloseable {
        private final Path file;
        private final CliContext ctx;
        private BufferedWriter writer;
        private long count;

        RejectReport(Path file, CliContext ctx) {
            this.file = file;
            this.ctx = ctx;
        }

        void add(Rejection r) {
            count++;
            if (count <= REJECTS_SHOWN) {
                ctx.err().println("rejected: " + r.oneLine());
            } else if (count == REJECTS_SHOWN + 1) {
                ctx.err().println("rejected: … more rejections are listed in the report only");
            }
            try {
                if (writer == null) {
                    Files.createDirectories(file.getParent());
                    writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                }
                writer.write(r.oneLine());
                writer.newLine();
            } catch (IOException e) {
                throw new ChanceryException("Cannot write the reject report " + file + ": " + e.getMessage(), e);
            }
        }

        long count() {
            return count;
        }

        @Override
        public void close() throws IOException {
            if (writer != null) {
                writer.close();
            }
        }
    }
}
