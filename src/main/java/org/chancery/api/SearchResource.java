package org.chancery.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.chancery.InvalidInputException;
import org.chancery.archive.RecordOffice;
import org.chancery.index.Facet;
import org.chancery.index.Hit;
import org.chancery.index.QuerySyntaxException;
import org.chancery.index.SearchRequest;
import org.chancery.index.SearchResult;
import org.chancery.index.SortOrder;

/**
 * {@code /search}: one page as JSON, or every hit up to {@code limit} streamed as NDJSON or CSV. Totals, hits and
 * facet counts leave out the tweets the caller may not see (see {@link Gate#scope}).
 */
@Path("search")
public final class SearchResource {
    /** Largest JSON page. */
    static final int MAX_PAGE = 1_000;
    /** Largest NDJSON or CSV export. */
    static final int MAX_EXPORT = 100_000;
    static final String NDJSON = "application/x-ndjson";
    static final String CSV = "text/csv";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RecordOffice office;
    private final Gate gate;

    @Inject
    public SearchResource(RecordOffice office, Gate gate) {
        this.office = office;
        this.gate = gate;
    }

    /** JSON is preferred when the client accepts anything ({@code qs} is the server's own preference). */
    @GET
    @Produces(MediaType.APPLICATION_JSON + ";qs=1")
    public Views.SearchPage page(@QueryParam("q") String q, @QueryParam("sort") String sort,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor, @QueryParam("facets") String facets,
            @Context ContainerRequestContext request) {
        SearchRequest r = request(request, q, sort, Params.intIn("limit", limit, 1, MAX_PAGE, 20), cursor, facets);
        SearchResult result = run(r);
        request.setProperty(AuditFilter.COUNT, result.hits().size());
        return Views.SearchPage.of(result);
    }

    @GET
    @Produces(NDJSON + ";qs=0.5")
    public StreamingOutput ndjson(@QueryParam("q") String q, @QueryParam("sort") String sort,
            @QueryParam("limit") String limit, @Context ContainerRequestContext request) {
        return export(request, q, sort, limit, false);
    }

    @GET
    @Produces(CSV + ";charset=utf-8;qs=0.4")
    public StreamingOutput csv(@QueryParam("q") String q, @QueryParam("sort") String sort,
            @QueryParam("limit") String limit, @Context ContainerRequestContext request) {
        return export(request, q, sort, limit, true);
    }

    private StreamingOutput export(ContainerRequestContext request, String q, String sort, String limit, boolean csv) {
        int max = Params.intIn("limit", limit, 1, MAX_EXPORT, MAX_EXPORT);
        SearchRequest first = request(request, q, sort, Math.min(max, MAX_PAGE), null, null);
        // The first page is read before answering, so a bad query is still a 400 and the audit has the count.
        SearchResult page = run(first);
        long count = Math.min(max, page.total());
        request.setProperty(AuditFilter.COUNT, count);
        return out -> {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            if (csv) {
                w.write("id,handle,created_at,text\r\n");
            }
            SearchResult current = page;
            long written = 0;
            while (true) {
                for (Hit h : current.hits()) {
                    if (written++ >= max) {
                        break;
                    }
                    w.write(csv ? csvLine(h) : JSON.writeValueAsString(Views.SearchHit.of(h)) + "\n");
                }
                if (written >= max || current.nextCursor() == null) {
                    break;
                }
                current = run(first.withCursor(current.nextCursor()));
            }
            w.flush();
        };
    }

    private static String csvLine(Hit h) {
        return String.join(",", csv(h.id()), csv(h.handle()), csv(h.createdAt().toString()), csv(h.text())) + "\r\n";
    }

    private static String csv(String s) {
        if (s == null) {
            return "";
        }
        // A leading = + - @ makes spreadsheets run the cell as a formula; a quote mark keeps it text.
        String safe = !s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
        return "\"" + safe.replace("\"", "\"\"") + "\"";
    }

    private SearchRequest request(ContainerRequestContext ctx, String q, String sort, int limit, String cursor,
            String facets) {
        if (q == null || q.isBlank()) {
            throw ApiProblem.badParameter("q", "a search query is required.");
        }
        if (q.length() > 2_000) {
            throw ApiProblem.badParameter("q", "a search query may have at most 2,000 characters.");
        }
        Set<Facet> wanted = new LinkedHashSet<>();
        if (facets != null && !facets.isBlank()) {
            for (String f : facets.split(",")) {
                try {
                    wanted.add(Facet.fromLabel(f.strip().toLowerCase(Locale.ROOT)));
                } catch (InvalidInputException e) {
                    throw ApiProblem.badParameter("facets", e.getMessage());
                }
            }
        }
        Caller caller = AccessFilter.caller(ctx);
        return new SearchRequest(q, sort(sort), limit, cursor == null || cursor.isEmpty() ? null : cursor, wanted, false,
                null, Set.of(), gate.scope(caller.role()));
    }

    static SortOrder sort(String sort) {
        if (sort == null || sort.isEmpty()) {
            return SortOrder.RELEVANCE;
        }
        return switch (sort.toLowerCase(Locale.ROOT)) {
            case "relevance" -> SortOrder.RELEVANCE;
            case "newest", "date_desc" -> SortOrder.DATE_DESC;
            case "oldest", "date_asc" -> SortOrder.DATE_ASC;
            case "engagement" -> SortOrder.ENGAGEMENT;
            default -> throw ApiProblem.badParameter("sort", "expected relevance, newest, oldest or engagement.");
        };
    }

    private SearchResult run(SearchRequest r) {
        try {
            return office.search(r);
        } catch (QuerySyntaxException e) {
            throw ApiProblem.badParameter("q", e.getMessage());
        } catch (InvalidInputException e) {
            if (r.cursor() != null && e.getMessage().contains("cursor")) {
                throw ApiProblem.badParameter("cursor", e.getMessage());
            }
            throw e;
        }
    }
}
