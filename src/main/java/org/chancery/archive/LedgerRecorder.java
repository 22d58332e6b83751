package org.chancery.archive;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.chancery.ledger.Ledger;
import org.chancery.ledger.TweetVersionEntry;
import org.chancery.store.CommitListener;
import org.chancery.store.CommittedPayload;
import org.chancery.store.StorageLocation;

/**
 * Writes one ledger entry per committed tweet version and a signed checkpoint after each commit.
 *
 * <p>The store may deliver the payloads of its last commit again after a crash (see {@link CommitListener}); those
 * can only be the newest entries of the log, so the log's tail is compared and what is already there skipped.
 */
final class LedgerRecorder implements CommitListener {
    private final Ledger ledger;
    private final LeafIndex leaves;

    LedgerRecorder(Ledger ledger, LeafIndex leaves) {
        this.ledger = ledger;
        this.leaves = leaves;
    }

    static TweetVersionEntry entryFor(CommittedPayload p) {
        StorageLocation at = p.location();
        return new TweetVersionEntry(p.tweetId(), at.objectId(), at.version(),
                at.logicalPath() + "#" + at.offset() + "+" + at.length(), p.sha256(), p.capturedAt());
    }

    @Override
    public void committed(List<CommittedPayload> payloads) {
        if (payloads.isEmpty()) {
            return;
        }
        Set<String> tail = tailEntries(payloads.size());
        List<byte[]> fresh = new ArrayList<>(payloads.size());
        List<String> ids = new ArrayList<>(payloads.size());
        for (CommittedPayload p : payloads) {
            byte[] entry = entryFor(p).encode();
            if (!tail.contains(new String(entry, StandardCharsets.UTF_8))) {
                fresh.add(entry);
                ids.add(p.tweetId());
            }
        }
        if (!fresh.isEmpty()) {
            // The first index comes from the append itself: other writers (export and retention events) append too.
            long first = ledger.appendAndCheckpoint(fresh).size() - fresh.size();
            leaves.record(ids, first);
        }
    }

    private Set<String> tailEntries(int count) {
        long size = ledger.log().size();
        Set<String> tail = new HashSet<>();
        for (long i = Math.max(0, size - count); i < size; i++) {
            tail.add(new String(ledger.log().entry(i), StandardCharsets.UTF_8));
        }
        return tail;
    }
}
