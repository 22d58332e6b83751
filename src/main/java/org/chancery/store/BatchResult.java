package org.chancery.store;

/**
 * What a batch did to the archive.
 *
 * @param added           tweets the archive did not hold before
 * @param observations    new payloads of tweets it held (new metrics, an edit, a deletion notice)
 * @param alreadyArchived payloads byte-identical to one already archived, not stored again
 * @param disposedOf      payloads of tweets disposed of earlier under a disposition certificate, refused: a
 *                        lawful destruction is not undone by capturing the same statement again
 */
public record BatchResult(int added, int observations, int alreadyArchived, int disposedOf) {
    public static final BatchResult EMPTY = new BatchResult(0, 0, 0, 0);

    /** A result of the store itself, which knows nothing of disposition. */
    public BatchResult(int added, int observations, int alreadyArchived) {
        this(added, observations, alreadyArchived, 0);
    }

    public BatchResult plus(BatchResult other) {
        return new BatchResult(added + other.added, observations + other.observations,
                alreadyArchived + other.alreadyArchived, disposedOf + other.disposedOf);
    }
}
