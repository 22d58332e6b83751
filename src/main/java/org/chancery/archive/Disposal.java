package org.chancery.archive;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer for a tweet that was disposed of: the certificate that records it and, when the certificate is in
 * the log, the proof of that against the latest signed checkpoint.
 *
 * @param tweetId       the disposed tweet
 * @param objectId      the OCFL object it was in (purged whole)
 * @param certificateId e.g. {@code DC-4f2a…}
 * @param executedAt    when it was disposed of
 * @param policyId      the policy that made it eligible
 * @param policyVersion that policy's version
 * @param ruleId        the rule of that policy
 * @param certificate   the certificate's canonical JSON, exactly as logged
 * @param evidence      its ledger entry with an inclusion proof; empty if the certificate is not (yet) in the log
 */
public record Disposal(String tweetId, String objectId, String certificateId, Instant executedAt, String policyId,
        int policyVersion, String ruleId, String certificate, Optional<ProvenTweet.Evidence> evidence) {
    public Disposal {
        Objects.requireNonNull(tweetId, "tweetId");
        Objects.requireNonNull(certificateId, "certificateId");
        Objects.requireNonNull(executedAt, "executedAt");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(evidence, "evidence");
    }

    /** "Tweet 1 was disposed of on 2026-01-02 under campaign-personal v1 rule non-record-roles". */
    public String summary() {
        return "Tweet " + tweetId + " was disposed of on " + executedAt.toString().substring(0, 10) + " under "
                + policyId + " v" + policyVersion + " rule " + ruleId + " (certificate " + certificateId + ")";
    }

    Disposal withEvidence(Optional<ProvenTweet.Evidence> e) {
        return new Disposal(tweetId, objectId, certificateId, executedAt, policyId, policyVersion, ruleId, certificate, e);
    }
}
