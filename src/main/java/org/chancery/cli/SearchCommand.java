package org.chancery.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.chancery.InvalidInputException;
import org.chancery.archive.RecordOffice;
import org.chancery.index.Facet;
import org.chancery.index.FacetCount;
import org.chancery.index.Hit;
import org.chancery.index.QuerySyntaxException;
import org.chancery.index.SearchRequest;
import org.chancery.index.SearchResult;
import org.chancery.index.SortOrder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code chancery search QUERY}: the archive query language on the command line. */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = {"Search the archive. Words, \"phrases\", prefix*, AND/OR/NOT, -word, (grouping), and the operators",
            "from:handle to:handle @handle #tag $CASHTAG lang:xx since:YYYY-MM-DD until:YYYY-MM-DD (UTC, until",
            "exclusive) is:retweet|reply|quote|original|deleted|edited has:media|links url:domain class: role:.",
            "Totals and facet counts are exact. A malformed query is a usage error (exit 2) pointing at the position."})
final class SearchCommand implements Callable<Integer> {
    /** ANSI select graphic rendition: bold on, then all attributes off. */
    private static final String BOLD = "\u001b[1m";
    private static final String PLAIN = "\u001b[0m";

    private final ObjectMapper json = new ObjectMapper();

    @ParentCommand
    private ChanceryCommand root;

    @Spec
    private CommandSpec spec;

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

    @Option(names = "--json", description = {"One JSON object per hit (NDJSON): id, handle, createdAt, text, matched,",
        "highlight (the best matching passage, plain text) and marks ([start, end) code point offsets of the matches",
        "in highlight)."})
    private boolean asJson;

    @Override
    public Integer call() throws IOException {
        CliContext ctx = root.context();
        SortOrder order = switch (sort.toLowerCase(Locale.ROOT)) {
            case "relevance" -> SortOrder.RELEVANCE;
            case "date", "date-desc" -> SortOrder.DATE_DESC;
            case "date-asc" -> SortOrder.DATE_ASC;
            case "engagement" -> SortOrder.ENGAGEMENT;
            default -> throw new ParameterException(spec.commandLine(),
                    "--sort must be relevance, date, date-asc or engagement, got \"" + sort + "\".");
        };
        if (limit < 1 || limit > SearchRequest.MAX_LIMIT) {
            throw new ParameterException(spec.commandLine(), String.format(Locale.ROOT,
                    "--limit must be between 1 and %,d, got %d.", SearchRequest.MAX_LIMIT, limit));
        }
        try (RecordOffice office = root.openExistingOffice()) {
            if (countOnly) {
                ctx.out().println(office.count(query));
                return 0;
            }
            Set<Facet> wanted = facets ? EnumSet.allOf(Facet.class) : Set.of();
            SearchResult result = search(office, new SearchRequest(query, order, limit, cursor, wanted, true, null,
                    Set.of()));
            if (asJson) {
                printJson(result, ctx.out());
            } else {
                printText(result, ctx.out(), ctx.interactive());
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

    /** Runs the search; a cursor the index refuses is a bad --cursor value (a usage error), named as such. */
    private SearchResult search(RecordOffice office, SearchRequest request) {
        try {
            return office.search(request);
        } catch (QuerySyntaxException e) {
            throw e;
        } catch (InvalidInputException e) {
            if (cursor != null && e.getMessage().toLowerCase(Locale.ROOT).contains("cursor")) {
                throw new ParameterException(spec.commandLine(), "--cursor: " + e.getMessage()
                        + " Give the cursor printed after the previous page of this same search.");
            }
            throw e;
        }
    }

    private void printJson(SearchResult result, PrintWriter out) throws IOException {
        for (Hit h : result.hits()) {
            ObjectNode o = json.createObjectNode();
            o.put("id", h.id());
            o.put("handle", h.handle());
            o.put("createdAt", h.createdAt().toString());
            o.put("text", h.text());
            if (h.snippet() == null) {
                o.putNull("highlight");
            } else {
                PlainSnippet snippet = PlainSnippet.ofHtml(h.snippet());
                o.put("highlight", snippet.text());
                ArrayNode marks = o.putArray("marks");
                snippet.marks().forEach(m -> marks.addArray().add(m.start()).add(m.end()));
            }
            o.putPOJO("matched", h.matchedParts().stream().sorted().toList());
            out.println(json.writeValueAsString(o));
        }
    }

    /**
     * Prints hits for a reader: the snippet as plain text, its matches in bold when stdout is a terminal (ANSI
     * escapes in a file or pipe would only be noise there).
     */
    private static void printText(SearchResult result, PrintWriter out, boolean terminal) {
        out.printf(Locale.ROOT, "%,d tweet(s) match.%n", result.total());
        for (Hit h : result.hits()) {
            String parts = h.matchedParts().isEmpty() ? "" : " [" + String.join(", ", h.matchedParts()) + "]";
            out.println(h.createdAt() + "  @" + h.handle() + "  " + h.id() + parts);
            String shown = h.snippet() == null ? h.text()
                    : terminal ? PlainSnippet.ofHtml(h.snippet()).marked(BOLD, PLAIN) : PlainSnippet.ofHtml(h.snippet()).text();
            out.println("    " + shown.replace('\n', ' '));
        }
        for (Map.Entry<Facet, List<FacetCount>> f : result.facets().entrySet()) {
            StringBuilder line = new StringBuilder(f.getKey().label()).append(':');
            f.getValue().stream().limit(10).forEach(c -> line.append(' ').append(c.value()).append('=').append(c.count()));
            out.println(line);
        }
    }
}
