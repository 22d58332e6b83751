package org.chancery.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.chancery.ChanceryException;
import org.chancery.StorageException;
import org.chancery.api.ServeSettings;
import org.chancery.api.TokenStore;
import org.chancery.retention.PolicySet;
import org.chancery.retention.ViewerRole;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code chancery demo}: archive the bundled real sample, make an admin token, and serve. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Archive the bundled real sample (one day of congresstweets, 1684 tweets, with the",
            "congresstweets-accounts registry and the default retention policies; MIT, see demo/SOURCES.md),",
            "create an admin token, print the URL, the token and example calls, and serve until interrupted.",
            "The token is revoked when the demo stops (with --no-serve, at the next demo run).",
            "Running it again imports nothing twice."})
final class DemoCommand implements Callable<Integer> {
    private static final List<String> FILES = List.of("2017-07-10.json", "accounts.json", "SOURCES.md",
            "LICENSE-congresstweets", "LICENSE-congresstweets-accounts", "policies/campaign-personal.yaml",
            "policies/official-accounts.yaml", "policies/senior-officials.yaml", "policies/staff-official-capacity.yaml");

    /** Names the demo's admin tokens, so that a later run can find and revoke one a killed run left valid. */
    static final String TOKEN_PREFIX = "demo-admin-";
    /**
     * A tweet of @SenCapito, a senator: the senior-officials policy makes it public. (@JeffFlake, once shown here,
     * left the Senate before the bundled registry's time, so his tweets fall under no policy and stay internal.)
     */
    static final String PUBLIC_TWEET = "884529786806317056";
    static final String PUBLIC_ACCOUNT = "SenCapito";
    /** A retweet by @NRSC, a campaign account: restricted, so only the admin token shows it. */
    static final String RESTRICTED_TWEET = "884431765582073857";

    @ParentCommand
    private ChanceryCommand root;

    @Option(names = "--port", paramLabel = "PORT", description = "TCP port (default 8080; 0 for any free port).")
    private Integer port;

    @Option(names = "--bind", paramLabel = "ADDRESS", description = "Address to listen on (default 127.0.0.1).")
    private String bind;

    @Option(names = "--no-serve", description = "Prepare the data folder and token, then exit (for scripts and tests).")
    private boolean noServe;

    @Override
    public Integer call() throws InterruptedException {
        ServeSettings settings = ServeSettings.resolve(null, root.context().env(), port, bind);
        Path data = root.dataDir().root();
        Path demo = data.resolve("demo");
        for (String f : FILES) {
            extract("/demo/" + f, demo.resolve(f));
        }
        run("import", demo.resolve("2017-07-10.json").toString());
        run("accounts", "import", demo.resolve("accounts.json").toString());
        PolicySet policies = PolicySet.load(demo.resolve("policies"));
        TokenStore tokens = new TokenStore(data.resolve("tokens"), root.context().clock());
        PrintWriter out = root.context().out();
        // One demo token valid at a time: a run killed before its exit hook leaves its token, so the next run ends it.
        for (TokenStore.Entry e : tokens.list()) {
            if (e.name().startsWith(TOKEN_PREFIX) && e.revokedAt() == null) {
                tokens.revoke(e.name());
                out.println("Revoked the earlier demo token " + e.name() + ".");
            }
        }
        String name = TOKEN_PREFIX + root.context().clock().instant().getEpochSecond();
        String token = tokens.create(name, ViewerRole.ADMIN, null);
        out.println("Admin token (" + name + "), shown once: " + token);
        if (noServe) {
            out.println("It stays valid until the next demo run or \"chancery tokens revoke " + name + "\".");
            return 0;
        }
        out.println("It is revoked when the demo stops.");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                tokens.revoke(name);
            } catch (ChanceryException e) {
                // Revoked by hand meanwhile ("chancery tokens revoke"): the token is already what it should be.
                return;
            }
        }, "chancery-demo-token"));
        return ServeCommand.serve(root, settings, policies, url -> {
            String auth = "-H 'Authorization: Bearer " + token + "' ";
            out.println("Try (no token needed except where shown; the registry's role for each author decides access):");
            out.println("  curl " + url + "/health");
            out.println("  curl '" + url + "/search?q=%23healthcare&limit=5&facets=account'");
            out.println("  curl " + url + "/tweets/" + PUBLIC_TWEET);
            out.println("  curl -H 'Accept: application/x-ndjson' '" + url + "/search?q=from:" + PUBLIC_ACCOUNT + "'");
            out.println("  curl " + url + "/accounts/" + PUBLIC_ACCOUNT + "/coverage");
            out.println("  curl " + auth + url + "/tweets/" + RESTRICTED_TWEET);
            out.println("  curl " + auth + url + "/audit");
            out.println("  curl " + url + "/checkpoint");
        });
    }

    private void run(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of("--data", root.dataDir().root().toString()));
        all.addAll(List.of(args));
        int code = Main.run(root.context(), all.toArray(String[]::new));
        if (code != 0) {
            throw new ChanceryException("The demo could not run \"chancery " + String.join(" ", args) + "\" (exit " + code + ").");
        }
    }

    private static void extract(String resource, Path target) {
        try (InputStream in = DemoCommand.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new StorageException("The demo resource " + resource + " is missing from the class path.");
            }
            Files.createDirectories(target.getParent());
            Files.write(target, in.readAllBytes());
        } catch (IOException e) {
            throw new StorageException("Cannot write the demo file " + target + ": " + e.getMessage(), e);
        }
    }
}
