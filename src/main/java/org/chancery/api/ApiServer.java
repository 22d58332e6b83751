package org.chancery.api;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.chancery.StorageException;
import org.chancery.archive.RecordOffice;
import org.chancery.config.DataDir;
import org.chancery.retention.PolicySet;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.glassfish.hk2.utilities.binding.AbstractBinder;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

/**
 * The API server: Jetty 12 with Jersey under {@code /api/v1}. Start with {@link #start}; {@link #close} stops
 * accepting, lets in-flight requests finish (up to the configured timeout) and stops. The record office stays
 * open: whoever opened it closes it after the server. During a shutdown Jetty closes connections that stay silent
 * for a second (its connector's shutdown idle timeout), so an idle keep-alive client or a stalled upload cannot hold
 * the stop; a request whose bytes keep flowing runs to its end.
 */
public final class ApiServer implements AutoCloseable {
    /** Where the API lives. */
    public static final String BASE = "/api/v1";
    /** The resource classes {@link #start} registers (their dependencies bound by hk2); the OpenAPI test reads them. */
    public static final List<Class<?>> RESOURCES = List.of(TweetsResource.class, SearchResource.class,
            AccountsResource.class, LedgerResource.class, ServiceResource.class, RetentionResource.class,
            ExportsResource.class, ImportsResource.class);
    /** Largest request header block accepted, in bytes; larger requests get 431. */
    static final int MAX_HEADER_BYTES = 16 * 1024;

    private final Server server;
    private final int port;
    private final ExportJobs exports;
    private final ImportJobs imports;
    private final AuditLog audit;
    private final GracefulHandler graceful;

    private ApiServer(Server server, int port, ExportJobs exports, ImportJobs imports, AuditLog audit,
            GracefulHandler graceful) {
        this.server = server;
        this.port = port;
        this.exports = exports;
        this.imports = imports;
        this.audit = audit;
        this.graceful = graceful;
    }

    /** Starts the server; the returned handle names the bound port (useful with port 0). */
    public static ApiServer start(ApiConfig config, RecordOffice office, Clock clock) {
        TokenStore tokens = new TokenStore(config.data().root().resolve("tokens"), clock);
        AuditLog audit = new AuditLog(config.data().root().resolve("audit"));
        Gate gate = new Gate(office, config.policies(), clock);
        // Exports run side by side; an import runs alone, so no export sees tweets change under it.
        ReadWriteLock jobs = new ReentrantReadWriteLock();
        Path statuses = config.data().root().resolve("jobs");
        ExportJobs exports = new ExportJobs(config.data().root().resolve("exports").resolve("jobs"),
                statuses.resolve("exports"), office, config.policies(), audit, clock, config.stopTimeout(),
                jobs.readLock());
        ImportJobs imports = new ImportJobs(config.data().root().resolve("imports").resolve("jobs"),
                statuses.resolve("imports"), office, audit, clock, jobs.writeLock(), ImportJobs.MAX_UPLOAD_BYTES);

        ResourceConfig rc = new ResourceConfig();
        rc.register(JacksonFeature.withoutExceptionMappers());
        rc.register(new ProblemMapper());
        rc.register(new AccessFilter(tokens));
        rc.register(new AuditFilter(audit, clock));
        rc.register(new AbstractBinder() {
            @Override
            protected void configure() {
                bind(office).to(RecordOffice.class);
                bind(config.data()).to(DataDir.class);
                bind(gate).to(Gate.class);
                bind(audit).to(AuditLog.class);
                bind(config.policies()).to(PolicySet.class);
                bind(exports).to(ExportJobs.class);
                bind(imports).to(ImportJobs.class);
            }
        });
        RESOURCES.forEach(rc::register);
        rc.property(ServerProperties.WADL_FEATURE_DISABLE, true);
        rc.property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true);

        Server server = new Server();
        HttpConfiguration http = new HttpConfiguration();
        http.setRequestHeaderSize(MAX_HEADER_BYTES);
        http.setSendServerVersion(false);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(config.bind());
        connector.setPort(config.port());
        server.addConnector(connector);

        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addServlet(new ServletHolder(new AddressingServletContainer(rc)), BASE + "/*");
        GracefulHandler graceful = new GracefulHandler();
        graceful.setHandler(context);
        server.setHandler(graceful);
        server.setStopTimeout(config.stopTimeout().toMillis());
        server.setStopAtShutdown(false);
        try {
            server.start();
        } catch (Exception e) {
            try {
                server.stop();
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            imports.close();
            exports.close();
            audit.close();
            throw new StorageException("Cannot start the API server on " + config.bind() + ":" + config.port() + ": "
                    + e.getMessage(), e);
        }
        return new ApiServer(server, connector.getLocalPort(), exports, imports, audit, graceful);
    }

    /** The bound TCP port. */
    public int port() {
        return port;
    }

    /** Requests being handled now; a shutdown waits for them (tests use it to stop with a request in flight). */
    long requestsInFlight() {
        return graceful.getCurrentRequestCount();
    }

    /** Blocks until the server has stopped. */
    public void join() throws InterruptedException {
        server.join();
    }

    /**
     * Stops accepting connections, lets in-flight requests finish within the stop timeout, then stops; then lets
     * running import and export jobs finish within the stop timeout (queued ones end as interrupted; an import is told
     * to stop reading at once) so none writes after the record office is closed; then forces the audit trail's last
     * lines to disk.
     */
    @Override
    public void close() {
        imports.beginStop();
        exports.beginStop();
        try {
            server.stop();
        } catch (Exception e) {
            throw new StorageException("The API server did not stop cleanly: " + e.getMessage(), e);
        } finally {
            try {
                imports.close();
            } finally {
                try {
                    exports.close();
                } finally {
                    audit.close();
                }
            }
        }
    }
}
