package org.chancery.ledger;

/**
 * One finding of a ledger check, as data.
 *
 * @param item    what is affected, e.g. {@code entry 41}, {@code checkpoint 3 (size 1200)}, {@code log}
 * @param problem one sentence saying what is wrong
 */
public record LedgerProblem(String item, String problem) {
    public LedgerProblem {
        if (item == null || item.isBlank() || problem == null || problem.isBlank()) {
            throw new IllegalArgumentException("A ledger problem needs an item and a description.");
        }
    }
}
