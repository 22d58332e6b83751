/**
 * Retention: the account registry, retention policies, legal holds and disposition planning. Decisions are
 * pure; storage, indexing, the ledger and the CLI are wired by their own packages.
 *
 * <h2>Account registry</h2>
 * {@link org.chancery.retention.AccountRegistry} is an immutable list of numbered
 * {@link org.chancery.retention.RegistryVersion}s. Each import (a Chancery YAML/JSON file, see
 * {@code AccountCodec}, or the congresstweets-accounts lists, see
 * {@link org.chancery.retention.CongressTweetsAccounts}) makes a new version unless nothing changed; a version's
 * {@link org.chancery.retention.RegistryVersion#canonicalBytes()} is what the archive keeps and the ledger logs.
 * An account's role periods never overlap, so {@code roleAt(authorId, instant)} has one answer or none.
 *
 * <h2>Policies and precedence</h2>
 * {@link org.chancery.retention.PolicySet#load(java.nio.file.Path)} reads {@code retention-policies/*.yaml} and
 * refuses the whole set on any problem, listing each as file, line and field. A record's schedule is the
 * highest-priority policy with a matching rule; priorities are unique, so exactly one policy applies, or none:
 * the record is then {@link org.chancery.retention.Schedule.Unscheduled unscheduled} and is never disposed of.
 * The author's role is the one in force when the tweet was posted.
 *
 * <h2>Access</h2>
 * Levels {@code public < internal < restricted}; viewer roles: {@code public} sees public; {@code staff} sees
 * public and internal; {@code archivist}, {@code legal} and {@code admin} see everything. An embargo makes the
 * level stricter (never looser) for a period after posting. Unscheduled records default to {@code internal}.
 *
 * <h2>Legal holds</h2>
 * {@link org.chancery.retention.HoldRegistry} keeps holds as an append-only, fsynced JSONL event log. A hold's
 * scope is evaluated on each record at decision time, so records captured after the hold was placed are covered
 * when they match. A hold in force makes every record it covers {@link org.chancery.retention.Disposition.Held},
 * whatever its schedule. Released holds keep their history.
 *
 * <h2>Disposition</h2>
 * {@link org.chancery.retention.DispositionPlanner} plans by OCFL object: an object is planned only when all of
 * its records are eligible and none is held. A second person approves (the planner cannot). At execution the
 * plan is re-decided ({@code recheck}) against the objects' current records and holds; only what is still
 * disposable may go, and a {@link org.chancery.retention.DispositionCertificate} records it with salted
 * commitments to the destroyed payloads. For objects whose action is {@code review}, the approval is the
 * recorded review decision.
 *
 * <p>Invariants: nothing is eligible before its eligibility date; nothing held, unscheduled or permanent is ever
 * eligible; every time is UTC; every value hashed or logged is {@link org.chancery.retention.CanonicalJson}.
 */
package org.chancery.retention;
