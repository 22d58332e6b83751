/**
 * The archive itself: an OCFL 1.1 storage root under {@code DATA/store}, with the journal and id map that make
 * writes durable and reads O(1). {@link org.chancery.store.OcflArchive} implements
 * {@link org.chancery.store.Archive}; its Javadoc documents the on-disk layout exactly.
 *
 * <p>Parts: {@code Journal} (append-only, CRC-framed, fsynced acknowledgements), {@code IdMap} and
 * {@code IdMapFile} (tweet id and raw SHA-256 to payload, in primitive arrays, persisted as an append-only frame
 * file that can be rebuilt from the storage root), {@code RecordLine} (the records/observations line format),
 * {@code ObjectRepair} (returns an object to its last complete version after a crash inside ocfl-java's
 * commit), {@link org.chancery.store.StorageIo} (the seam through which every own write and fsync goes, so that
 * tests can inject a full disk or an I/O error), {@link org.chancery.store.CommitListener} (told about
 * committed payloads, for the ledger).
 *
 * <p>Invariants: nothing archived is ever rewritten or removed (except by recorded disposition); a batch is
 * acknowledged only after it is on disk (journal forced, its directory forced when the file is created); a
 * version is indexed, reported and released from the journal only after its files, directories, inventory and
 * object root are forced; after any crash the root is a valid OCFL root and every acknowledged capture is
 * retrievable byte-for-byte; the same raw payload is stored once.
 */
package org.chancery.store;
