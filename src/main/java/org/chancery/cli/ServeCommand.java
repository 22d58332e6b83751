package org.chancery.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.chancery.api.ApiConfig;
import org.chancery.api.ApiServer;
import org.chancery.api.ServeSettings;
import org.chancery.archive.RecordOffice;
import org.chancery.retention.PolicySet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code chancery serve}: the REST API until SIGTERM or Ctrl-C. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve the REST API (/api/v1) until interrupted. Settings, lowest to highest precedence:",
            "defaults (127.0.0.1:8080), --config FILE (.properties or .yaml: port, bind, stop-timeout),",
            "$CHANCERY_PORT and $CHANCERY_BIND, --port and --bind. On SIGTERM in-flight requests finish, then",
            "the archive and index close cleanly."})
final class ServeCommand implements Callable<Integer> {
    @ParentCommand
    private ChanceryCommand root;

    @Option(names = "--port", paramLabel = "PORT", description = "TCP port (0 for any free port).")
    private Integer port;

    @Option(names = "--bind", paramLabel = "ADDRESS", description = "Address to listen on.")
    private String bind;

    @Option(names = "--config", paramLabel = "FILE", description = "Config file (.properties or .yaml).")
    private Path config;

    @Override
    public Integer call() throws InterruptedException {
        ServeSettings settings = ServeSettings.resolve(config, root.context().env(), port, bind);
        PolicySet policies = root.loadPolicies();
        return serve(root, settings, policies, out -> { });
    }

    /** Opens the office, serves, and closes everything on shutdown; {@code banner} prints after start-up. */
    static int serve(ChanceryCommand root, ServeSettings settings, PolicySet policies,
            java.util.function.Consumer<String> banner) throws InterruptedException {
        RecordOffice office = root.openOffice();
        ApiServer server;
        try {
            server = ApiServer.start(new ApiConfig(settings.bind(), settings.port(), settings.stopTimeout(), root.dataDir(),
                    policies), office, root.context().clock());
        } catch (RuntimeException e) {
            office.close();
            throw e;
        }
        CountDownLatch closed = new CountDownLatch(1);
        // SIGTERM and Ctrl-C run shutdown hooks: stop taking requests, let in-flight ones finish, close the archive.
        Thread hook = new Thread(() -> {
            try {
                server.close();
            } finally {
                office.close();
                closed.countDown();
            }
        }, "chancery-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        String url = "http://" + (settings.bind().contains(":") ? "[" + settings.bind() + "]" : settings.bind()) + ":"
                + server.port() + ApiServer.BASE;
        PrintWriter out = root.context().out();
        out.println("Serving " + url + " (data " + root.dataDir().root() + "); stop with Ctrl-C or SIGTERM.");
        banner.accept(url);
        out.flush();
        server.join();
        closed.await();
        return 0;
    }
}
