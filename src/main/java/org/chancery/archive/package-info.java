/**
 * The record office: the OCFL archive and the Merkle ledger opened together over one data folder, so that
 * every tweet version committed to storage gets its entry in the tamper-evident log and a new signed
 * checkpoint, and so that reads can be proven and the whole can be verified.
 *
 * <p>Invariants: an OCFL commit is followed by the ledger append for exactly its payloads, in commit order; a
 * payload redelivered after a crash is not logged twice; {@link org.chancery.archive.RecordOffice#verify}
 * re-derives everything from the files on disk and reports each problem with the item it concerns.
 */
package org.chancery.archive;
