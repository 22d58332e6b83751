/**
 * Live capture from the X API v2: an HTTP client over {@code java.net.http} (no SDK) that honours rate limits
 * and retries faults, and a harvester that turns user timelines and tweet lookups into
 * {@link org.chancery.record.Capture}s through {@link org.chancery.capture.ApiV2Reader}.
 *
 * <p>Invariants: the bearer token is sent only in the {@code Authorization} header, never logged, never written
 * (evidence keeps the request URL, which carries no credential, and response headers only). Every HTTP response
 * the harvester reads is kept byte for byte as evidence under {@code DATA/capture/evidence/} before anything it
 * produced is archived, and the captures name it (provenance locator {@code evidence <sha256>, data[i]}). An
 * account's cursor ({@code DATA/capture/cursors/}) is advanced and fsynced only after the page's captures were
 * acknowledged by the archive, so an interrupted run resumes without a gap; a page fetched again after a crash
 * yields byte-identical payloads that the archive recognises, so there is no duplicate either. Unlike the
 * importers, this package does its own file I/O (cursors, evidence), but it never writes to the archive: it
 * hands captures to a {@link org.chancery.capture.xapi.CaptureArchive}.
 */
package org.chancery.capture.xapi;
