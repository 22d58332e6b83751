/**
 * Importers (and, in the sub-package {@code xapi}, the X API harvester): they turn payloads from every common source of tweets into
 * {@link org.chancery.record.Capture}s and hand them to a {@link org.chancery.capture.CaptureSink}.
 *
 * <p>Invariants: importers write nothing themselves (no storage I/O); a payload either becomes one complete
 * capture or one {@link org.chancery.capture.Rejection} naming source, line/entry and field, never a partial
 * record; a bad record never stops the records after it; raw bytes are sliced from the input exactly, never
 * re-serialised. Importers keep no state between reads, so {@link org.chancery.capture.FilesAhead} may read several
 * files at once; it hands the sink their captures and rejections in exactly the order one thread reading the files
 * one after another would.
 */
package org.chancery.capture;
