package org.chancery.export;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.chancery.InvalidInputException;

/** What an export is written as. */
public enum ExportFormat {
    /** A BagIt 1.0 bag (RFC 8493) with raw payloads, normalized records, a WARC file and inclusion proofs. */
    BAGIT,
    /** One CSV file (RFC 4180), UTF-8, optionally with a byte order mark. */
    CSV,
    /** One JSON Lines file of normalized records. */
    JSONL,
    /**
     * One WARC file of the raw payloads with a metadata record each: gzipped per record ({@code .warc.gz}) unless
     * the file's name ends in {@code .warc}, which gets plain WARC.
     */
    WARC,
    /** A Concordance DAT load file with a natives folder of raw payloads. */
    DAT,
    /** A readable PDF report, one entry per tweet, with each original JSON attached. */
    PDF;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @throws InvalidInputException naming the accepted formats when {@code name} is none of them
     */
    public static ExportFormat fromWireName(String name) {
        for (ExportFormat f : values()) {
            if (f.wireName().equals(name == null ? null : name.toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        throw new InvalidInputException("Export format \"" + name + "\" is unknown; use one of "
                + Arrays.stream(values()).map(ExportFormat::wireName).collect(Collectors.joining(", ")) + ".");
    }
}
