package org.chancery.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Base64;
import java.util.concurrent.Callable;
import org.chancery.NotFoundException;
import org.chancery.archive.Disposal;
import org.chancery.archive.ProvenTweet;
import org.chancery.archive.RecordOffice;
import org.chancery.capture.xapi.Unavailable;
import org.chancery.ledger.Hash;
import org.chancery.record.Ids;
import org.chancery.record.Tweet;
import org.chancery.record.TweetJson;
import org.chancery.store.StorageLocation;
import org.chancery.store.StoredTweet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code chancery show ID}: a record with its provenance and its inclusion proof. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = {"Print an archived tweet with its provenance (OCFL object, version, file, byte range,",
            "SHA-256) and its RFC 9162 inclusion proof against the latest signed checkpoint.",
            "--json prints the shape documented in docs/LEDGER.md. A tweet disposed of is answered with its",
            "disposition certificate and the certificate's inclusion proof (exit 0)."})
final class ShowCommand implements Callable<Integer> {
    private final ObjectMapper json = new ObjectMapper();

    @ParentCommand
    private ChanceryCommand root;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    private boolean asJson;

    @Parameters(paramLabel = "ID", description = "The tweet id.")
    private String id;

    @Override
    public Integer call() throws IOException {
        if (!Ids.isNumeric(id)) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "ID must be a numeric tweet id, got \"" + id + "\".");
        }
        try (RecordOffice office = root.openExistingOffice()) {
            PrintWriter out = root.context().out();
            java.util.Optional<ProvenTweet> found = office.find(id);
            if (found.isEmpty()) {
                Disposal d = office.disposal(id)
                        .orElseThrow(() -> new NotFoundException("The archive holds no tweet <" + id + ">."));
                // Disposal is an answer, not an error: the certificate says what happened and when.
                if (asJson) {
                    out.println(json.writeValueAsString(disposedJson(d)));
                } else {
                    printDisposed(d, out);
                }
                return 0;
            }
            ProvenTweet proven = found.get();
            if (asJson) {
                out.println(json.writeValueAsString(toJson(proven)));
            } else {
                printText(proven, out);
            }
        }
        return 0;
    }

    private ObjectNode disposedJson(Disposal d) throws IOException {
        ObjectNode node = json.createObjectNode();
        ObjectNode disposed = node.putObject("disposed");
        disposed.put("tweetId", d.tweetId());
        disposed.put("object", d.objectId());
        disposed.put("executedAt", d.executedAt().toString());
        disposed.put("policy", d.policyId());
        disposed.put("policyVersion", d.policyVersion());
        disposed.put("rule", d.ruleId());
        disposed.put("certificateId", d.certificateId());
        disposed.set("certificate", json.readTree(d.certificate()));
        if (d.evidence().isPresent()) {
            node.set("ledger", evidenceJson(d.evidence().get()));
        } else {
            node.putNull("ledger");
        }
        return node;
    }

    private static void printDisposed(Disposal d, PrintWriter out) {
        out.println(d.summary() + ".");
        out.println("It was in " + d.objectId() + ", which was purged whole.");
        out.println("Certificate: " + d.certificate());
        d.evidence().ifPresent(e -> printEvidence(e, out));
    }

    private ObjectNode evidenceJson(ProvenTweet.Evidence e) {
        ObjectNode ledger = json.createObjectNode();
        ledger.put("leafIndex", e.leafIndex());
        ledger.put("entry", e.entry());
        ledger.put("treeSize", e.proof().treeSize());
        ArrayNode path = ledger.putArray("inclusionProof");
        for (Hash h : e.proof().path()) {
            path.add(h.base64());
        }
        ledger.put("rootHash", e.checkpoint().root().base64());
        ledger.put("checkpoint", e.checkpoint().text());
        return ledger;
    }

    private static void printEvidence(ProvenTweet.Evidence e, PrintWriter out) {
        out.println("Log entry " + e.leafIndex() + ": " + e.entry());
        out.println("Inclusion proof in the tree of size " + e.proof().treeSize() + " (root "
                + e.checkpoint().root().base64() + "):");
        for (Hash h : e.proof().path()) {
            out.println("  " + h.base64());
        }
        out.println("Checkpoint:");
        out.print(e.checkpoint().text());
    }

    private ObjectNode toJson(ProvenTweet proven) throws IOException {
        StoredTweet stored = proven.stored();
        ObjectNode node = json.createObjectNode();
        node.set("tweet", json.readTree(new TweetJson().encode(stored.tweet())));
        StorageLocation at = stored.location();
        ObjectNode prov = node.putObject("storage");
        prov.put("object", at.objectId());
        prov.put("version", at.version());
        prov.put("path", at.logicalPath());
        prov.put("offset", at.offset());
        prov.put("length", at.length());
        prov.put("sha256", stored.raw().sha256());
        node.put("raw", Base64.getEncoder().encodeToString(stored.raw().bytes()));
        Unavailable.fromNotice(stored.tweet(), stored.raw()).ifPresent(u -> {
            ObjectNode gone = node.putObject("unavailable");
            gone.put("since", u.since().toString());
            gone.put("reason", u.reason());
            gone.put("detail", u.detail());
        });
        if (proven.evidence().isPresent()) {
            node.set("ledger", evidenceJson(proven.evidence().get()));
        } else {
            node.putNull("ledger");
        }
        return node;
    }

    private static void printText(ProvenTweet proven, PrintWriter out) {
        StoredTweet stored = proven.stored();
        Tweet t = stored.tweet();
        StorageLocation at = stored.location();
        out.println("Tweet " + t.id() + " by " + (t.author().handle() == null ? "" : "@" + t.author().handle() + " ")
                + "(user " + t.author().id() + ") at " + t.createdAt() + (t.deleted() ? " [deleted]" : ""));
        out.println(t.text());
        Unavailable.fromNotice(t, stored.raw()).ifPresent(u -> out.println(u.sentence()));
        out.println();
        out.println("Captured " + t.provenance().capturedAt() + " by " + t.provenance().tool() + " from "
                + t.provenance().format() + " " + t.provenance().source() + " (" + t.provenance().locator() + ")");
        out.println("Stored in " + at.objectId() + " " + at.version() + " " + at.logicalPath() + " bytes "
                + at.offset() + "+" + at.length() + ", SHA-256 " + stored.raw().sha256());
        if (proven.evidence().isEmpty()) {
            out.println("Not yet in the Merkle log (acknowledged, waiting in the journal for the next commit).");
            return;
        }
        printEvidence(proven.evidence().get(), out);
    }
}
