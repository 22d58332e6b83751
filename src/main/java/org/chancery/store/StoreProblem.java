package org.chancery.store;

import java.util.Objects;

/**
 * Something {@link OcflArchive#verify()} found wrong.
 *
 * @param item    what is wrong: an OCFL object id, optionally followed by a file ({@code <object> raw/v2.bin}),
 *                or {@code idmap} for the id map
 * @param problem a whole sentence saying what was found and what was expected
 */
public record StoreProblem(String item, String problem) {
    public StoreProblem {
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(problem, "problem");
    }
}
