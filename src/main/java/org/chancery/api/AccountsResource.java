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
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.chancery.archive.AccountCoverage;
import org.chancery.archive.RecordOffice;
import org.chancery.capture.xapi.Coverage;
import org.chancery.capture.xapi.CursorStore;
import org.chancery.capture.xapi.RunLog;
import org.chancery.config.DataDir;
import org.chancery.index.SearchRequest;
import org.chancery.index.SearchResult;
import org.chancery.index.SortOrder;
import org.chancery.retention.Account;
import org.chancery.retention.RegistryVersion;
import org.chancery.retention.ViewerRole;

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
     * A handle known only from the capture cursors or the archived tweets, not from the account registry, answers
     * 404 to public callers as an unknown handle would, so that the public learns no user id or capture the registry
     * does not publish. Computed by {@link AccountCoverage}, as {@code chancery coverage} is.
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
        Coverage c = new AccountCoverage(office, new CursorStore(data.capture().resolve("cursors")),
                new RunLog(data.capture().resolve("runs.jsonl"))).of(handle, first, last, gate.scope(role), authenticated)
                .orElseThrow(() -> ApiProblem.notFound(AccountCoverage.notFound(handle, authenticated)));
        request.setProperty(AuditFilter.COUNT, c.days().size());
        return AccountCoverage.json(c, first, last, authenticated);
    }

    private static void requireHandle(String handle) {
        if (handle == null || handle.startsWith("@") || !AccountCoverage.isHandle(handle)) {
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
