/**
 * The REST API ({@code /api/v1}) on embedded Jetty 12 and Jersey 4: retention-aware retrieval, search, accounts
 * and their coverage statements, ledger proofs, export and import jobs, and the audit trail.
 *
 * <p>Invariants: every resource is registered explicitly in {@link org.chancery.api.ApiServer}; what goes over
 * the wire is a {@link org.chancery.api.Views} record (or, for coverage, the JSON of
 * {@link org.chancery.capture.xapi.Coverage#toJson(boolean)}, shared with {@code chancery coverage --json}), never a
 * domain record; every error is an RFC 9457 {@code application/problem+json} body without stack traces; a caller sees a
 * tweet only if the retention decision at the injected clock's now lets the caller's role see it (public callers
 * get 404 for what they may not see, so existence does not leak; authenticated callers get 403 with the policy
 * reason; disposed tweets answer 410 with their certificate); search totals, hits and facet counts, and the days
 * of a coverage statement, leave out what the caller may not see (the index filters on each tweet's access facts,
 * see {@link org.chancery.index.AccessScope}); a coverage statement shows public callers how many capture runs
 * ran and failed but not what a failed run reported (its error may name files or hosts: authenticated callers only),
 * and an account being captured is not a restricted record but its capture is not published either: a handle known
 * only from the capture cursors and not from the account registry answers 404 to public callers, like an unknown
 * handle, so its user id and runs do not leak; every audited request is written to the hash-chained audit trail
 * before its response is sent, and a request whose audit line cannot be written fails with 500. Export jobs run
 * through the export package's {@code Exporter} (never a second implementation) with the requester's role, on a
 * bounded pool the server owns and drains on close; only the requester or an administrator sees a job or its
 * file. Import jobs run uploads through the capture package's importers and the record office's archive, exactly as
 * {@code chancery import} does, one at a time; job threads run at the lowest CPU priority where the system allows
 * it, so that requests keep their latency while jobs run. Each job's status is saved durably (the JSON its status
 * endpoint answers, under {@code DATA/jobs/}) at each state change and about once a second while it runs, and loaded
 * when the server starts, with the same owner: a job outlives a restart, and one its server stopped before it ended
 * is interrupted, never shown as still running.
 */
package org.chancery.api;
