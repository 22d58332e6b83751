package org.chancery.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.chancery.archive.RecordOffice;
import org.chancery.capture.xapi.Coverage;
import org.chancery.capture.xapi.Cursor;
import org.chancery.capture.xapi.CursorStore;
import org.chancery.capture.xapi.RunLog;
import org.chancery.capture.xapi.RunRecord;
import org.chancery.config.DataDir;
import org.chancery.index.Hit;
import org.chancery.index.SearchRequest;
import org.chancery.index.SearchResult;
import org.chancery.index.SortOrder;
import org.chancery.retention.Account;
import org.chancery.record.Tweet;
import org.chancery.retention.RegistryVersion;
import org.chancery.retention.ViewerRole;
import org.chancery.store.StoredTweet;

/**
 * {@code /accounts}: the current account registry, each account's statements in order, and its coverage statement.
 */
@Path("accounts")
public final class AccountsResource {
    private final RecordOffice office;
    private final Gate gate;
    private final DataDir data;

    @Inject
    public AccountsResource(RecordOffice office, Gate gate, DataDir data) {
        this.office = office;
        this.gate = gate;
        this.data = data;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Views.Accounts list(@Context ContainerRequestContext request) {
        RegistryVersion current = office.accounts().current();
        request.setProperty(AuditFilter.COUNT, current.accounts().size());
        return new Views.Accounts(current.number(), current.accounts().stream().map(Views.AccountView::of).toList());
    }

    @GET
    @Path("{handle}")
    @Produces(MediaType.APPLICATION_JSON)
    public Views.AccountView account(@PathParam("handle") String handle, @Context ContainerRequestContext request) {
        request.setProperty(AuditFilter.COUNT, 1);
        return Views.AccountView.of(find(handle));
    }

    @GET
    @Path("{handle}/timeline")
    @Produces(MediaType.APPLICATION_JSON)
    public Views.SearchPage timeline(@PathParam("handle") String handle, @QueryParam("since") String since,
            @QueryParam("until") String until, @QueryParam("limit") String limit, @QueryParam("cursor") String cursor,
            @Context ContainerRequestContext request) {
        requireHandle(handle);
        LocalDate from = Params.day("since", since);
        LocalDate to = Params.day("until", until);
        StringBuilder q = new StringBuilder("from:").append(handle);
        if (from != null) {
            q.append(" since:").append(from);
        }
        if (to != null) {
            q.append(" until:").append(to);
        }
        SearchRequest r = new SearchRequest(q.toString(), SortOrder.DATE_ASC,
                Params.intIn("limit", limit, 1, SearchResource.MAX_PAGE, 100), cursor == null || cursor.isEmpty() ? null : cursor,
                java.util.Set.of(), false, null, java.util.Set.of(), gate.scope(AccessFilter.caller(request).role()));
        SearchResult result;
        try {
            result = office.search(r);
        } catch (org.chancery.InvalidInputException e) {
            throw ApiProblem.badParameter("cursor", e.getMessage());
        }
        request.setProperty(AuditFilter.COUNT, result.hits().size());
        return Views.SearchPage.of(result);
    }

    /**
     * What the archive holds of the account, per UTC day of posting ({@code from}/{@code to}, inclusive, narrow
     * the days), with the X API capture runs behind it: the JSON of {@code chancery coverage --json} plus the days
     * asked for. The days count only tweets the caller may see now, so that a coverage statement never reveals
     * what search would hide. The runs describe the capture, not its content, and every caller sees how many ran
     * and failed; what a failed run reported (it may name files or hosts) is shown to authenticated callers only.
     * A handle known only from the capture cursors, not from the account registry, answers 404 to public callers
     * as an unknown handle would, so that the public learns no user id or capture the registry does not publish.
     * Tweets are counted one at a time into per-day totals: the account's archive is never held in memory.
     */
    @GET
    @Path("{handle}/coverage")
    @Produces(MediaType.APPLICATION_JSON)
    public ObjectNode coverage(@PathParam("handle") String handle, @QueryParam("from") String from,
            @QueryParam("to") String to, @Context ContainerRequestContext request) {
        requireHandle(handle);
        LocalDate first = Params.day("from", from);
        LocalDate last = Params.day("to", to);
        if (first != null && last != null && last.isBefore(first)) {
            throw ApiProblem.badParameter("to", "the last day " + last + " is before the first day " + first + ".");
        }
        ViewerRole role = AccessFilter.caller(request).role();
        boolean authenticated = role != ViewerRole.PUBLIC;
        String h = handle.toLowerCase(Locale.ROOT);
        Optional<String> registeredId = registered(h).map(Account::id);
        Optional<String> capturedId = authenticated || registeredId.isPresent()
                ? new CursorStore(data.capture().resolve("cursors")).find(h).map(Cursor::userId) : Optional.empty();
        String userId = capturedId.or(() -> registeredId).orElseThrow(() -> ApiProblem.notFound(
                "No account with the handle " + handle + " is in the account registry"
                        + (authenticated ? " or has been captured from the X API." : ".")));
        List<RunRecord> runs = new RunLog(data.capture().resolve("runs.jsonl")).list().stream()
                .filter(r -> r.handle().equals(h)).toList();
        Coverage c = visibleTweets(h, userId, first, last, role).coverage(h, userId, runs);
        request.setProperty(AuditFilter.COUNT, c.days().size());
        ObjectNode out = c.toJson(authenticated);
        out.put("from", first == null ? null : first.toString());
        out.put("to", last == null ? null : last.toString());
        return out;
    }

    /** Counts the account's tweets posted in the days that {@code role} may see now, one tweet's history at a time. */
    private Coverage.Tally visibleTweets(String handle, String userId, LocalDate first, LocalDate last, ViewerRole role) {
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
            SearchResult page = office.search(new SearchRequest(q.toString(), SortOrder.DATE_ASC, SearchRequest.MAX_LIMIT,
                    cursor, java.util.Set.of(), false, null, java.util.Set.of(), gate.scope(role)));
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

    private static void requireHandle(String handle) {
        if (handle == null || !handle.matches("[A-Za-z0-9_]{1,50}")) {
            throw ApiProblem.badParameter("handle", "a handle is 1 to 50 letters, digits or underscores.");
        }
    }

    private Account find(String handle) {
        requireHandle(handle);
        return registered(handle).orElseThrow(() ->
                ApiProblem.notFound("The account registry has no account with the handle " + handle + "."));
    }

    private Optional<Account> registered(String handle) {
        String wanted = handle.toLowerCase(Locale.ROOT);
        List<Account> accounts = office.accounts().current().accounts();
        for (Account a : accounts) {
            if (a.handles().stream().anyMatch(h -> h.handle().toLowerCase(Locale.ROOT).equals(wanted))) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
