package org.chancery.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.chancery.archive.RecordOffice;
import org.chancery.index.Facet;
import org.chancery.index.FacetCount;
import org.chancery.index.Hit;
import org.chancery.index.QuerySyntaxException;
import org.chancery.index.SearchRequest;
import org.chancery.index.SearchResult;
import org.chancery.index.SortOrder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code chancery search QUERY}: the archive query language on the command line. */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = {"Search the archive. Words, \"phrases\", prefix*, AND/OR/NOT, -word, (grouping), and the operators",
            "from:handle to:handle @handle #tag $CASHTAG lang:xx since:YYYY-MM-DD until:YYYY-MM-DD (UTC, until",
            "exclusive) is:retweet|reply|quote|original|deleted|edited has:media|links url:domain class: role:.",
            "Totals and facet counts are exact. A malformed query is a usage error (exit 2) pointing at the position."})
final class SearchCommand implements Callable<Integer> {
    private final ObjectMapper json = new ObjectMapper();

    @ParentCommand
    private ChanceryCommand root;

    @Parameters(paramLabel = "QUERY", description = "The query (quote it for the shell).")
    private String query;

    @Option(names = "--sort", paramLabel = "ORDER", defaultValue = "relevance",
            description = "relevance (default), date (newest first), date-asc, engagement.")
    private String sort;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "Hits per page, 1 to 10000.")
    private int limit;

    @Option(names = "--cursor", paramLabel = "CURSOR", description = "Continue after the page that printed it.")
    private String cursor;

    @Option(names = "--facets", description = "Also count the whole result by account, month, hashtag, lang, type.")
    private boolean facets;

    @Option(names = "--count", description = "Print only the exact number of matching tweets.")
    private boolean countOnly;

    @Option(names = "--json", description = "One JSON object per hit (NDJSON): id, handle, createdAt, text, highlight.")
    private boolean asJson;

    @Override
    public Integer call() throws IOException {
        CliContext ctx = root.context();
        SortOrder order = switch (sort.toLowerCase(Locale.ROOT)) {
            case "relevance" -> SortOrder.RELEVANCE;
            case "date", "date-desc" -> SortOrder.DATE_DESC;
            case "date-asc" -> SortOrder.DATE_ASC;
            case "engagement" -> SortOrder.ENGAGEMENT;
            default -> throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--sort must be relevance, date, date-asc or engagement, got \"" + sort + "\".");
        };
        try (RecordOffice office = root.openExistingOffice()) {
            if (countOnly) {
                ctx.out().println(office.count(query));
                return 0;
            }
            Set<Facet> wanted = facets ? EnumSet.allOf(Facet.class) : Set.of();
            SearchResult result = office.search(new SearchRequest(query, order, limit, cursor, wanted, true, null,
                    Set.of()));
            if (asJson) {
                printJson(result, ctx.out());
            } else {
                printText(result, ctx.out());
            }
            if (result.nextCursor() != null) {
                (asJson ? ctx.err() : ctx.out()).println("Next page: --cursor " + result.nextCursor());
            }
            return 0;
        } catch (QuerySyntaxException e) {
            ctx.err().println("chancery: " + e.getMessage());
            ctx.err().println("  " + query);
            ctx.err().println("  " + " ".repeat(Math.max(0, Math.min(e.position(), query.length()))) + "^");
            return Main.USAGE;
        }
    }

    private void printJson(SearchResult result, PrintWriter out) throws IOException {
        for (Hit h : result.hits()) {
            ObjectNode o = json.createObjectNode();
            o.put("id", h.id());
            o.put("handle", h.handle());
            o.put("createdAt", h.createdAt().toString());
            o.put("text", h.text());
            o.put("highlight", h.snippet());
            o.putPOJO("matched", h.matchedParts().stream().sorted().toList());
            out.println(json.writeValueAsString(o));
        }
    }

    private static void printText(SearchResult result, PrintWriter out) {
        out.printf(Locale.ROOT, "%,d tweet(s) match.%n", result.total());
        for (Hit h : result.hits()) {
            String parts = h.matchedParts().isEmpty() ? "" : " [" + String.join(", ", h.matchedParts()) + "]";
            out.println(h.createdAt() + "  @" + h.handle() + "  " + h.id() + parts);
            String shown = h.snippet() != null ? h.snippet() : h.text();
            out.println("    " + shown.replace('\n', ' '));
        }
        for (Map.Entry<Facet, List<FacetCount>> f : result.facets().entrySet()) {
            StringBuilder line = new StringBuilder(f.getKey().label()).append(':');
            f.getValue().stream().limit(10).forEach(c -> line.append(' ').append(c.value()).append('=').append(c.count()));
            out.println(line);
        }
    }
}
