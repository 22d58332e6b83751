package org.chancery.api;

import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one audit line per request, refused ones included, before the response goes out. If the line cannot
 * be written the response is replaced by a 500 problem: nothing is answered unaudited. A read (GET, HEAD) is
 * answered once its line is written to the audit file; anything else once its line is forced to disk, so that no
 * change is acknowledged whose audit line a power loss could take (see {@link AuditLog}). Health and the OpenAPI
 * document read nothing from the archive and are not audited.
 */
@Priority(1)
public final class AuditFilter implements ContainerResponseFilter {
    /** Request property where a resource puts how many results it returns. */
    public static final String COUNT = "chancery.count";
    private static final Set<String> UNAUDITED = Set.of("health", "openapi.json");
    private static final Logger LOG = LoggerFactory.getLogger(AuditFilter.class);

    private final AuditLog audit;
    private final Clock clock;

    public AuditFilter(AuditLog audit, Clock clock) {
        this.audit = audit;
        this.clock = clock;
    }

    static AuditLog.Ack ackFor(String method) {
        return method.equals("GET") || method.equals("HEAD") ? AuditLog.Ack.WRITTEN : AuditLog.Ack.FORCED;
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getPath();
        if (UNAUDITED.contains(path)) {
            return;
        }
        Caller caller = AccessFilter.caller(request);
        Object count = request.getProperty(COUNT);
        String client = request.getProperty(AddressingServletContainer.CLIENT) instanceof String s ? s : null;
        try {
            audit.append(new AuditLog.Line(clock.instant(), caller.name(), caller.role().wireName(), request.getMethod(),
                    "/" + path, request.getUriInfo().getRequestUri().getRawQuery(), response.getStatus(),
                    count instanceof Number n ? n.longValue() : -1, client), ackFor(request.getMethod()));
        } catch (RuntimeException e) {
            LOG.error("Audit trail write failed; answering 500", e);
            var problem = ProblemMapper.problem(500, "Audit trail unavailable",
                    "The request was not answered because the audit trail could not be written.",
                    request.getUriInfo().getRequestUri().getRawPath(), Map.of());
            response.setStatus(500);
            response.getHeaders().clear();
            response.setEntity(problem.getEntity(), new java.lang.annotation.Annotation[0],
                    MediaType.valueOf(ProblemMapper.PROBLEM_JSON));
        }
    }
}
