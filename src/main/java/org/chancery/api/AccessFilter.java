package org.chancery.api;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.Map;

/**
 * Maps {@code Authorization: Bearer …} to a {@link Caller}: no header is the anonymous public; an unknown,
 * expired or revoked token is refused with 401 (never treated as public, so a client learns its token is bad).
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public final class AccessFilter implements ContainerRequestFilter {
    /** Request property holding the {@link Caller}. */
    public static final String CALLER = "chancery.caller";
    private final TokenStore tokens;

    public AccessFilter(TokenStore tokens) {
        this.tokens = tokens;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(CALLER, Caller.ANONYMOUS);
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            return;
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() > 7 + 256) {
            request.abortWith(unauthorized(request, "The Authorization header must be \"Bearer <token>\"."));
            return;
        }
        switch (tokens.lookup(header.substring(7).strip())) {
            case TokenStore.Valid v -> request.setProperty(CALLER, v.caller());
            case TokenStore.Invalid i -> request.abortWith(unauthorized(request, i.reason()));
        }
    }

    private static jakarta.ws.rs.core.Response unauthorized(ContainerRequestContext request, String detail) {
        jakarta.ws.rs.core.Response r = ProblemMapper.problem(401, "Unauthorized", detail,
                request.getUriInfo().getRequestUri().getRawPath(), Map.of());
        return jakarta.ws.rs.core.Response.fromResponse(r)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"chancery\"")
                .build();
    }

    static Caller caller(ContainerRequestContext request) {
        Object c = request.getProperty(CALLER);
        return c instanceof Caller caller ? caller : Caller.ANONYMOUS;
    }
}
