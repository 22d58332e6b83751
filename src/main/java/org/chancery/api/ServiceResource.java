package org.chancery.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import com.fasterxml.jackson.databind.JsonNode;
import org.chancery.archive.RecordOffice;
import org.chancery.retention.ViewerRole;

/** Health, the OpenAPI description, and the audit trail (admins only). */
@Path("")
public final class ServiceResource {
    /** Where the hand-written OpenAPI document is kept on the class path. */
    public static final String OPENAPI = "/org/chancery/api/openapi.json";
    private final RecordOffice office;
    private final AuditLog audit;

    @Inject
    public ServiceResource(RecordOffice office, AuditLog audit) {
        this.office = office;
        this.audit = audit;
    }

    @GET
    @Path("health")
    @Produces(MediaType.APPLICATION_JSON)
    public Views.Health health() {
        return new Views.Health("ok", office.ledger().log().size());
    }

    @GET
    @Path("openapi.json")
    @Produces(MediaType.APPLICATION_JSON)
    public byte[] openapi() {
        try (InputStream in = ServiceResource.class.getResourceAsStream(OPENAPI)) {
            if (in == null) {
                throw new IllegalStateException("the OpenAPI document " + OPENAPI + " is missing from the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @GET
    @Path("audit")
    @Produces(MediaType.APPLICATION_JSON)
    public List<JsonNode> audit(@QueryParam("since") String since, @QueryParam("who") String who,
            @QueryParam("path") String path, @QueryParam("limit") String limit,
            @Context ContainerRequestContext request) {
        Caller caller = AccessFilter.caller(request);
        if (caller.role() != ViewerRole.ADMIN) {
            if (caller.anonymous()) {
                throw new ApiProblem(401, "Unauthorized", "The audit trail is for administrators: send an admin token.");
            }
            throw new ApiProblem(403, "Forbidden", "The audit trail is for administrators; the role "
                    + caller.role().wireName() + " may not read it.");
        }
        Instant from;
        try {
            from = since == null || since.isEmpty() ? Instant.EPOCH : Instant.parse(since);
        } catch (DateTimeParseException e) {
            throw ApiProblem.badParameter("since", "expected an instant such as 2026-01-02T03:04:05Z.");
        }
        int max = Params.intIn("limit", limit, 1, 10_000, 1_000);
        List<JsonNode> lines = audit.read(n -> !Instant.parse(n.path("at").asText()).isBefore(from)
                && (who == null || who.equals(n.path("who").asText()))
                && (path == null || path.equals(n.path("path").asText())), max);
        request.setProperty(AuditFilter.COUNT, lines.size());
        return lines;
    }
}
