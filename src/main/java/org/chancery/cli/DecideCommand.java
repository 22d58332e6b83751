package org.chancery.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import org.chancery.archive.RecordOffice;
import org.chancery.record.Ids;
import org.chancery.retention.Decision;
import org.chancery.retention.Disposition;
import org.chancery.retention.PolicySet;
import org.chancery.retention.Schedule;
import org.chancery.retention.ViewerRole;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code chancery decide ID [--at INSTANT] [--json]}: what retention says about one archived tweet. */
@Command(name = "decide", mixinStandardHelpOptions = true,
        description = {"Explain retention for an archived tweet at an instant (default now): the policy (id and",
            "version) and rule that apply and why (the author's role when it was posted, per the registry), its",
            "access level and who may see it, its embargo end, its disposition eligibility date, and any legal",
            "holds that block disposition. Exit 1 if the policy set is invalid or the tweet is not archived."})
final class DecideCommand implements Callable<Integer> {
    private final ObjectMapper json = new ObjectMapper();

    @ParentCommand
    private ChanceryCommand root;

    @Parameters(paramLabel = "ID", description = "The tweet id.")
    private String id;

    @Option(names = "--at", paramLabel = "INSTANT", description = "Decide for this instant (or UTC day) instead of now.")
    private String at;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    private boolean asJson;

    @Override
    public Integer call() throws IOException {
        if (!Ids.isNumeric(id)) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "ID must be a numeric tweet id, got \"" + id + "\".");
        }
        Instant when = at == null ? root.context().clock().instant() : Instants.parse(at, "--at", this);
        PolicySet policies = root.loadPolicies();
        Decision d;
        try (RecordOffice office = root.openExistingOffice()) {
            d = office.retention(policies).decide(id, when);
        }
        PrintWriter out = root.context().out();
        if (asJson) {
            out.println(json.writeValueAsString(toJson(d)));
        } else {
            printText(d, out);
        }
        return 0;
    }

    private ObjectNode toJson(Decision d) {
        ObjectNode o = json.createObjectNode();
        o.put("tweetId", d.tweetId());
        o.put("decidedAt", d.decidedAt().toString());
        switch (d.schedule()) {
            case Schedule.Scheduled s -> {
                ObjectNode p = o.putObject("policy");
                p.put("id", s.policy().id());
                p.put("version", s.policy().version());
                p.put("rule", s.rule().id());
                p.put("title", s.policy().title());
            }
            case Schedule.Unscheduled u -> o.putNull("policy");
        }
        o.put("reason", d.schedule().reason());
        o.put("access", d.access().wireName());
        ObjectNode seen = o.putObject("visibleTo");
        for (Map.Entry<ViewerRole, Boolean> e : d.visibility().entrySet()) {
            seen.put(e.getKey().wireName(), e.getValue());
        }
        o.put("embargoEnd", d.embargoEnd() == null ? null : d.embargoEnd().toString());
        o.put("eligibleAt", d.eligibleAt() == null ? null : d.eligibleAt().toString());
        ObjectNode disp = o.putObject("disposition");
        switch (d.disposition()) {
            case Disposition.Retain r -> disp.put("state", "retain").put("reason", r.reason());
            case Disposition.Eligible e -> disp.put("state", "eligible").put("since", e.since().toString())
                    .put("action", e.action().wireName());
            case Disposition.Held h -> disp.put("state", "held");
        }
        com.fasterxml.jackson.databind.node.ArrayNode holds = o.putArray("holds");
        d.holdIds().forEach(holds::add);
        return o;
    }

    private static void printText(Decision d, PrintWriter out) {
        out.println("Tweet " + d.tweetId() + " at " + d.decidedAt());
        switch (d.schedule()) {
            case Schedule.Scheduled s -> out.println("Policy: " + s.policy().label() + " rule " + s.rule().id()
                    + " (" + s.policy().title() + ")");
            case Schedule.Unscheduled u -> out.println("Policy: none (unscheduled)");
        }
        out.println("Why: " + d.schedule().reason());
        StringBuilder who = new StringBuilder();
        for (Map.Entry<ViewerRole, Boolean> e : d.visibility().entrySet()) {
            who.append(' ').append(e.getKey().wireName()).append('=').append(e.getValue() ? "yes" : "no");
        }
        out.println("Access: " + d.access().wireName() + ";" + who);
        out.println("Embargo ends: " + (d.embargoEnd() == null ? "no embargo" : d.embargoEnd()));
        out.println("Eligible for disposition: " + (d.eligibleAt() == null ? "never (kept)" : d.eligibleAt()));
        out.println("Disposition now: " + switch (d.disposition()) {
            case Disposition.Retain r -> "retain (" + r.reason() + ")";
            case Disposition.Eligible e -> "eligible since " + e.since() + ", action " + e.action().wireName();
            case Disposition.Held h -> "held";
        });
        out.println("Legal holds: " + (d.holdIds().isEmpty() ? "none" : String.join(", ", d.holdIds())));
    }
}
