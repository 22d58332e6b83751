package org.chancery.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;

/**
 * A Concordance load file set: {@code export.dat} (UTF-8 with a byte order mark, a header row, each field between
 * þ (U+00FE) quotes, fields separated by U+0014, line breaks inside a field written as ® (U+00AE), records ending in
 * CRLF) and {@code natives/<id>.json}, each tweet's exact captured payload. The format has no escape: a þ or U+0014
 * inside a value would end the field, so those two characters are written as U+FFFD.
 */
final class DatExport implements ExportSink {
    static final String DAT = "export.dat";
    static final List<String> HEADER = List.of("BEGDOC", "TWEETID", "AUTHOR", "HANDLE", "CREATED", "TEXT", "URLS",
            "SHA256", "NATIVEPATH");
    static final char QUOTE = '\u00FE';
    static final char SEPARATOR = '\u0014';
    static final char NEWLINE = '\u00AE';

    private final Path folder;
    private final BufferedWriter out;
    private long sequence;

    DatExport(Path folder) throws IOException {
        this.folder = folder;
        Files.createDirectories(folder.resolve("natives"));
        this.out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(folder.resolve(DAT),
                StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), StandardCharsets.UTF_8), 1 << 16);
        out.write('\uFEFF');
        out.write(row(HEADER));
    }

    static String row(List<String> values) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                s.append(SEPARATOR);
            }
            s.append(QUOTE).append(value(values.get(i))).append(QUOTE);
        }
        return s.append("\r\n").toString();
    }

    private static String value(String v) {
        return v.replace(QUOTE, '\uFFFD').replace(SEPARATOR, '\uFFFD')
                .replace("\r\n", String.valueOf(NEWLINE)).replace('\n', NEWLINE).replace('\r', NEWLINE);
    }

    @Override
    public void add(ExportedRecord r) throws IOException {
        String id = r.tweet().id();
        String native_ = "natives/" + id + ".json";
        try (OutputStream n = Files.newOutputStream(folder.resolve(native_), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE)) {
            n.write(r.raw());
        }
        sequence++;
        out.write(row(List.of(String.format(Locale.ROOT, "CHY%08d", sequence), id,
                TweetRow.nullToEmpty(r.tweet().author().displayName()), TweetRow.nullToEmpty(r.tweet().author().handle()),
                r.tweet().createdAt().toString(), r.tweet().text(), TweetRow.urls(r.tweet()), r.sha256(),
                native_.replace('/', '\\'))));
    }

    @Override
    public String finish(ExportTotals totals) throws IOException {
        out.close();
        return FileDigest.hex(folder.resolve(DAT), "SHA-256");
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
