package org.chancery.retention;

import java.util.List;

/**
 * Where decisions get legal holds from. {@link HoldRegistry} is one; tests and batch jobs may pass a fixed list
 * ({@code () -> holds}). Decisions read it on every call, so a hold placed between planning and execution is
 * seen at execution.
 */
@FunctionalInterface
public interface HoldSource {
    /** Every hold, active or released. */
    List<LegalHold> holds();
}
