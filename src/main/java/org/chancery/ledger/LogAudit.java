package org.chancery.ledger;

import java.util.List;
import java.util.Map;

/**
 * Result of re-reading a whole {@link MerkleLog} from its entries file.
 *
 * @param problems       damaged records and derived files that disagree with the entries, in file order
 * @param readableSize   how many entries could be read in order (framing intact); roots exist only up to it
 * @param recomputedRoots tree roots recomputed from the entry bytes, for the sizes asked for that are readable
 */
public record LogAudit(List<LedgerProblem> problems, long readableSize, Map<Long, Hash> recomputedRoots) {
    public LogAudit {
        problems = List.copyOf(problems);
        recomputedRoots = Map.copyOf(recomputedRoots);
    }
}
