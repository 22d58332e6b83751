/**
 * The record office: the OCFL archive and the Merkle ledger opened together over one data folder, so that
 * every tweet version committed to storage gets its entry in the tamper-evident log and a new signed
 * checkpoint, and so that reads can be proven and the whole can be verified.
 *
 * <p>Invariants: an OCFL commit is followed by the ledger append for exactly its payloads, in commit order; a
 * payload redelivered after a crash is not logged twice; {@link org.chancery.archive.RecordOffice#verify}
 * re-derives everything from the files on disk and reports each problem with the item it concerns.
 *
 * <p>Retention is wired here too ({@link org.chancery.archive.RetentionService}): every non-tweet event (registry
 * version, legal hold placed or released, disposition plan, approval, certificate) is made durable in its own file
 * under the data folder and then logged with a new checkpoint ({@code EventRecorder}); a disposition certificate is
 * logged before its objects are purged, so the log never lacks the reason a logged tweet version is gone, and
 * verification accepts exactly the versions of objects a logged certificate names.
 */
package org.chancery.archive;
