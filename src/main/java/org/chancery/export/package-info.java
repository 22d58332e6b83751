/**
 * Exports that prove themselves: a query's records, as the requester may see them under the retention decisions,
 * written as a BagIt 1.0 bag with RFC 9162 inclusion proofs, or as CSV, JSONL, WARC, a Concordance DAT load file or a PDF report;
 * and {@link org.chancery.export.ExportVerifier}, which checks a bag offline with nothing but the bag.
 *
 * <p>Invariants: records are streamed one page of search hits at a time (memory does not grow with the export), and
 * every file of a bag is hashed while it is written, so the manifests describe exactly the bytes on disk. A bag's
 * records, proofs ({@code proofs/inclusion.jsonl}), raw payloads (packed in {@code data/raw/payloads-*.bin}) and WARC
 * records are in one order, so the bag is written and verified sequentially. A record is exported only when
 * its decision lets the requesting role see it; disposed records are no longer in the archive and never appear.
 * Every proof in a bag is against the one signed checkpoint the bag carries. The export is recorded in the
 * tamper-evident log with its query, record count and digest.
 */
package org.chancery.export;
