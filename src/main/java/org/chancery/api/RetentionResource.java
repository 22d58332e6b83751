package org.chancery.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.chancery.archive.RecordOffice;
import org.chancery.retention.PolicySet;
import org.chancery.retention.ViewerRole;

/** Read-only retention: the policies in force (anyone), and legal holds (legal and admin roles only). */
@Path("")
public final class RetentionResource {
    private final RecordOffice office;
    private final PolicySet policies;

    @Inject
    public RetentionResource(RecordOffice office, PolicySet policies) {
        this.office = office;
        this.policies = policies;
    }

    @GET
    @Path("policies")
    @Produces(MediaType.APPLICATION_JSON)
    public List<Views.PolicyView> policies(@Context ContainerRequestContext request) {
        request.setProperty(AuditFilter.COUNT, policies.policies().size());
        return policies.policies().stream().map(Views.PolicyView::of).toList();
    }

    @GET
    @Path("holds")
    @Produces(MediaType.APPLICATION_JSON)
    public List<Views.HoldView> holds(@Context ContainerRequestContext request) {
        Caller caller = AccessFilter.caller(request);
        if (caller.role() != ViewerRole.LEGAL && caller.role() != ViewerRole.ADMIN) {
            if (caller.anonymous()) {
                throw new ApiProblem(401, "Unauthorized", "Legal holds are for the legal and admin roles: send a token.");
            }
            throw new ApiProblem(403, "Forbidden", "Legal holds are for the legal and admin roles; the role "
                    + caller.role().wireName() + " may not read them.");
        }
        List<Views.HoldView> holds = office.holds().stream().map(Views.HoldView::of).toList();
        request.setProperty(AuditFilter.COUNT, holds.size());
        return holds;
    }
}
