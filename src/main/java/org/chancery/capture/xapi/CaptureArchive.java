package org.chancery.capture.xapi;

import java.util.List;
import org.chancery.record.Capture;

/**
 * Where the harvester hands captures: implementations archive them durably before returning, because the
 * harvester advances its cursor as soon as this returns.
 */
@FunctionalInterface
public interface CaptureArchive {
    Archived archive(String producer, List<Capture> captures);

    /**
     * What archiving did.
     *
     * @param added           tweets new to the archive
     * @param observations    new payloads of tweets already archived (changed metrics, edits, deletion notices)
     * @param alreadyArchived payloads byte-identical to archived ones
     */
    record Archived(int added, int observations, int alreadyArchived) {}
}
