package org.chancery.api;

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
import org.chancery.archive.RecordOffice;
import org.chancery.index.SearchRequest;
import org.chancery.index.SearchResult;
import org.chancery.index.SortOrder;
import org.chancery.retention.Account;
import org.chancery.retention.RegistryVersion;

/** {@code /accounts}: the current account registry, and each account's statements in order. */
@Path("accounts")
public final class AccountsResource {
    private final RecordOffice office;
    private final Gate gate;

    @Inject
    public AccountsResource(RecordOffice office, Gate gate) {
        this.office = office;
        this.gate = gate;
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

    private static void requireHandle(String handle) {
        if (handle == null || !handle.matches("[A-Za-z0-9_]{1,50}")) {
            throw ApiProblem.badParameter("handle", "a handle is 1 to 50 letters, digits or underscores.");
        }
    }

    private Account find(String handle) {
        requireHandle(handle);
        String wanted = handle.toLowerCase(Locale.ROOT);
        List<Account> accounts = office.accounts().current().accounts();
        for (Account a : accounts) {
            if (a.handles().stream().anyMatch(h -> h.handle().toLowerCase(Locale.ROOT).equals(wanted))) {
                return a;
            }
        }
        throw ApiProblem.notFound("The account registry has no account with the handle " + handle + ".");
    }
}
