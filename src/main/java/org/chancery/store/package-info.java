/**
 * The archive itself: an OCFL 1.1 storage root under {@code DATA/store}, with the journal and id map that make
 * writes durable and reads O(1).
 *
 * <p>Invariants: nothing archived is ever rewritten or removed (except by recorded disposition); a batch is
 * acknowledged only after it is on disk (files and directories fsynced); after any crash the root is a valid
 * OCFL root and every acknowledged capture is retrievable byte-for-byte.
 */
package org.chancery.store;
