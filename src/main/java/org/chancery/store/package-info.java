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
 * committed payloads, for the ledger), {@link org.chancery.store.StoreCheck} (what verification found).
 *
 * <p>Besides tweet versions an object may have attachment-only versions: {@code OcflArchive.addFiles} adds files
 * (media, linked documents, their metadata under {@code attachments/}) outside the tweet folders as one new
 * version, commits the journal first, forces the version and then records it in the id map as a version without
 * tweet lines, so tweet commits continue after it; after a crash between that commit and the id-map record, the
 * next write to the object records the missing version first. The inventory's SHA-512 digests, and so
 * {@code verify}, cover these files like any other.
 *
 * <p>Invariants: nothing archived is ever rewritten or removed (except by recorded disposition); a batch is
 * acknowledged only after it is on disk (journal forced, its directory forced when the file is created); a
 * version is indexed, reported and released from the journal only after its files, directories, inventory and
 * object root are forced; after any crash the root is a valid OCFL root and every acknowledged capture is
 * retrievable byte-for-byte; the same raw payload is stored once.
 */
package org.chancery.store;
