package org.chancery.capture;

import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import org.chancery.InvalidInputException;
import org.chancery.record.SourceFormat;

/** The importer for each file format Chancery reads. */
public final class Importers {
    private final Map<SourceFormat, Importer> byFormat = new EnumMap<>(SourceFormat.class);

    /** @param clock gives the import instant, used as capture time when a source records none */
    public Importers(Clock clock) {
        for (Importer i : new Importer[] {new ApiV2Importer(clock), new ApiV1Importer(clock),
            new TwitterArchiveImporter(clock), new CongressTweetsImporter(clock), new SfmWarcImporter(clock)}) {
            byFormat.put(i.format(), i);
        }
    }

    public Importer get(SourceFormat format) {
        Importer i = byFormat.get(format);
        if (i == null) {
            throw new InvalidInputException("Format " + format + " cannot be imported from files.");
        }
        return i;
    }
}
