package org.chancery.store;

import java.util.List;

/**
 * What {@link OcflArchive#verify(java.util.function.Consumer)} found.
 *
 * @param problems every problem, each naming the object, file or id-map entry
 * @param complete whether every records and observations file could be read, so that every committed payload was
 *                 handed to the caller; when false, a payload missing from the walk is not evidence of anything
 */
public record StoreCheck(List<StoreProblem> problems, boolean complete) {
    public StoreCheck {
        problems = List.copyOf(problems);
    }
}
