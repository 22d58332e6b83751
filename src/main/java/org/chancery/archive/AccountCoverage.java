package org.chancery.archive;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.chancery.capture.xapi.Coverage;
import org.chancery.capture.xapi.Cursor;
import org.chancery.capture.xapi.CursorStore;
import org.chancery.capture.xapi.RunLog;
import org.chancery.capture.xapi.RunRecord;
import org.chancery.index.AccessScope;
import org.chancery.index.Hit;
import org.chancery.index.SearchRequest;
import org.chancery.index.SearchResult;
import org.chancery.index.SortOrder;
import org.chancery.record.Tweet;
import org.chancery.retention.Account;
import org.chancery.store.StoredTweet;

/**
 * The one way an account's coverage statement is computed, so that {@code chancery coverage --json} and {@code GET
 * /accounts/{handle}/coverage} give the same statement for the same archive. The account is found by its capture
 * cursor, else the account registry, else the archived tweets posted under the handle; an account that was imported
 * but never captured gets its days with a statement that no X API capture ran, not an error. The days count the
 * tweets the caller's scope lets search return, one tweet's history at a time, so that the statement never reveals
 * what search would hide and the account's archive is never held in memory.
 */
public final class AccountCoverage {
    private final RecordOffice office;
    private final CursorStore cursors;
    private final RunLog runLog;

    /**
     * @param office  the archive
     * @param cursors the X API capture cursors
     * @param runLog  the X API capture run log
     */
    public AccountCoverage(RecordOffice office, CursorStore cursors, RunLog runLog) {
        this.office = office;
        this.cursors = cursors;
        this.runLog = runLog;
    }

    /**
     * The account's statement, or empty when the handle names no account the caller may learn of.
     *
     * @param handle       the handle, with or without {@code @}, in any case
     * @param first        first day of posting counted, or null for no lower bound
     * @param last         last day of posting counted (inclusive), or null for no upper bound
     * @param scope        what the caller may see; null for everything (the command line, an admin)
     * @param unregistered whether the caller may learn of accounts the registry does not list (from capture
     *                     cursors or archived tweets): true for the command line and authenticated callers, false
     *                     for the public, who learn no user id or capture the registry does not publish
     */
    public Optional<Coverage> of(String handle, LocalDate first, LocalDate last, AccessScope scope, boolean unregistered) {
        String h = plain(handle);
        Optional<String> registeredId = registered(h);
        Optional<String> userId = (unregistered ? cursors.find(h).map(Cursor::userId) : Optional.<String>empty())
                .or(() -> registeredId)
                .or(() -> unregistered ? archivedAuthor(h, scope) : Optional.empty());
        if (userId.isEmpty()) {
            return Optional.empty();
        }
        List<RunRecord> runs = runLog.list().stream().filter(r -> r.handle().equals(h)).toList();
        return Optional.of(tally(h, userId.get(), first, last, scope).coverage(h, userId.get(), runs));
    }

    /** The sentence both the command line and the API give when {@link #of} finds no account. */
    public static String notFound(String handle, boolean unregistered) {
        return "No account with the handle " + plain(handle) + " is in the account registry"
                + (unregistered ? ", has been captured from the X API or has tweets in the archive." : ".");
    }

    /**
     * The statement as JSON with the days asked for: what {@code chancery coverage --json} prints and what the API
     * serves.
     *
     * @param failureDetail as in {@link Coverage#toJson(boolean)}
     */
    public static ObjectNode json(Coverage c, LocalDate first, LocalDate last, boolean failureDetail) {
        ObjectNode out = c.toJson(failureDetail);
        out.put("from", first == null ? null : first.toString());
        out.put("to", last == null ? null : last.toString());
        return out;
    }

    /** True for an account handle as X allows it (1 to 50 letters, digits or underscores), with or without @. */
    public static boolean isHandle(String handle) {
        return handle != null && withoutAt(handle).matches("[A-Za-z0-9_]{1,50}");
    }

    private static String plain(String handle) {
        return withoutAt(handle).toLowerCase(Locale.ROOT);
    }

    private static String withoutAt(String handle) {
        return handle.startsWith("@") ? handle.substring(1) : handle;
    }

    private Optional<String> registered(String handle) {
        for (Account a : office.accounts().current().accounts()) {
            if (a.handles().stream().anyMatch(x -> x.handle().toLowerCase(Locale.ROOT).equals(handle))) {
                return Optional.of(a.id());
            }
        }
        return Optional.empty();
    }

    /** The author id of an archived tweet the caller may see that was posted under the handle. */
    private Optional<String> archivedAuthor(String handle, AccessScope scope) {
        String cursor = null;
        do {
            SearchResult page = search("from:" + handle, cursor, scope);
            for (Hit hit : page.hits()) {
                for (StoredTweet s : office.store().history(hit.id())) {
                    String h = s.tweet().author().handle();
                    if (h != null && h.toLowerCase(Locale.ROOT).equals(handle)) {
                        return Optional.of(s.tweet().author().id());
                    }
                }
            }
            cursor = page.hits().isEmpty() ? null : page.nextCursor();
        } while (cursor != null);
        return Optional.empty();
    }

    private Coverage.Tally tally(String handle, String userId, LocalDate first, LocalDate last, AccessScope scope) {
        StringBuilder q = new StringBuilder("from:").append(handle);
        if (first != null) {
            q.append(" since:").append(first);
        }
        if (last != null) {
            q.append(" until:").append(last.plusDays(1));
        }
        Coverage.Tally tally = new Coverage.Tally();
        String cursor = null;
        do {
            SearchResult page = search(q.toString(), cursor, scope);
            for (Hit hit : page.hits()) {
                List<Tweet> versions = new ArrayList<>();
                for (StoredTweet s : office.store().history(hit.id())) {
                    if (s.tweet().author().id().equals(userId)) {
                        versions.add(s.tweet());
                    }
                }
                tally.add(versions);
            }
            cursor = page.hits().isEmpty() ? null : page.nextCursor();
        } while (cursor != null);
        return tally;
    }

    private SearchResult search(String query, String cursor, AccessScope scope) {
        return office.search(new SearchRequest(query, SortOrder.DATE_ASC, SearchRequest.MAX_LIMIT, cursor, Set.of(),
                false, null, Set.of(), scope));
    }
}
