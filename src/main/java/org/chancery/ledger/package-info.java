/**
 * The tamper-evident ledger: an RFC 9162 Merkle log of what the archive holds, with Ed25519-signed checkpoints
 * in the C2SP tlog-checkpoint / signed-note formats, so that anyone holding a checkpoint can later prove that
 * an entry was in the log and that the log only ever grew.
 *
 * <ul>
 *   <li>{@link org.chancery.ledger.MerkleTree}: the RFC 9162 §2.1 math (tree hash, inclusion and consistency
 *       proofs, their verification), pure functions over {@link org.chancery.ledger.Hash} values.
 *   <li>{@link org.chancery.ledger.MerkleLog}: the durable, append-only log of byte entries in a directory;
 *       {@link org.chancery.ledger.TweetVersionEntry} is the archive's canonical entry encoding.
 *   <li>{@link org.chancery.ledger.ArchiveKey}, {@link org.chancery.ledger.CheckpointSigner},
 *       {@link org.chancery.ledger.CheckpointVerifier}, {@link org.chancery.ledger.CheckpointStore}: signing,
 *       checking and keeping checkpoints.
 *   <li>{@link org.chancery.ledger.Ledger}: the facade the rest of Chancery uses.
 * </ul>
 *
 * <p>Invariants: entries are never rewritten or removed; an append returns only once its entries are on disk;
 * the entries file is the single source of truth and every other file (leaf hashes, offsets, the in-memory
 * subtree cache) can be rebuilt from it; checkpoint tree sizes never decrease; a proof or signature that does not
 * hold is reported as a value ({@link org.chancery.ledger.ProofVerification},
 * {@link org.chancery.ledger.NoteVerification}, {@link org.chancery.ledger.LedgerProblem}), not thrown.
 */
package org.chancery.ledger;
