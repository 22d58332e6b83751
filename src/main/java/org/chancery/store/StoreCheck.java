package org.chancery.store;

import java.util.List;

/**
 * What {@link OcflArchive#verify(java.util.function.Consumer)} found.
 *
 * @param problems every problem, each naming the object, file or id-map entry
 * @param complete whether every records and observations file could be read, so that every committed payload was
 *                 handed to the caller; when false, a payload missing from the walk is not evidence of anything
 * @param bytes    bytes of the files read and checked: every content file, and the inventories, sidecars and
 *                 declaration files that ocfl-java's validation read
 */
public record StoreCheck(List<StoreProblem> problems, boolean complete, long bytes) {
    public StoreCheck {
        problems = List.copyOf(problems);
    }
}
