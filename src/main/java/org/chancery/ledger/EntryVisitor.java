package org.chancery.ledger;

/** Receives each entry of the log as an audit reads it, so that callers need not read the log a second time. */
@FunctionalInterface
public interface EntryVisitor {
    /**
     * @param index the entry's position in the log
     * @param entry the entry bytes (the caller may keep them)
     * @param leaf  SHA-256(0x00 || entry), recomputed from those bytes
     */
    void entry(long index, byte[] entry, byte[] leaf);
}
