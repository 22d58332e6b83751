package org.chancery.store;

/**
 * What a batch did to the archive.
 *
 * @param added           tweets the archive did not hold before
 * @param observations    new payloads of tweets it held (new metrics, an edit, a deletion notice)
 * @param alreadyArchived payloads byte-identical to one already archived, not stored again
 */
public record BatchResult(int added, int observations, int alreadyArchived) {
    public static final BatchResult EMPTY = new BatchResult(0, 0, 0);

    public BatchResult plus(BatchResult other) {
        return new BatchResult(added + other.added, observations + other.observations,
                alreadyArchived + other.alreadyArchived);
    }
}
