package org.chancery.store;

import java.util.List;

/**
 * Told about payloads once they are durably committed to the OCFL root (content, version directory, inventory
 * and object root all fsynced).
 *
 * <p>Guarantee: every committed payload is delivered at least once, in a deterministic order (object id, then
 * records before observations, then line order). A payload is delivered again only after a crash or a failure
 * between the OCFL commit and the id-map update that follows the call; the repeated delivery carries the same
 * location and digest, so a listener can recognise it. After {@link OcflArchive#rebuildIdMap()} nothing is
 * redelivered: use {@link OcflArchive#forEachCommitted} to reconcile.
 *
 * <p>A listener that throws fails the flush: the journal is kept and the payloads are delivered again when the
 * archive is reopened.
 */
@FunctionalInterface
public interface CommitListener {
    CommitListener NONE = payloads -> { };

    void committed(List<CommittedPayload> payloads);
}
