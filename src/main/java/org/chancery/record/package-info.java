/**
 * The canonical values of the archive: a {@link org.chancery.record.Tweet} and what it is made of, the
 * {@link org.chancery.record.RawPayload} it came from, and the {@link org.chancery.record.Capture} that pairs them.
 *
 * <p>Invariants: every value here is immutable and validated in its constructor; ids are decimal digit strings;
 * instants are UTC; text is never truncated; a {@code Capture} always carries the exact bytes it was normalized
 * from. This package depends on nothing else in Chancery.
 */
package org.chancery.record;
