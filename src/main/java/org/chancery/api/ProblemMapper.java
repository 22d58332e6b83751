package org.chancery.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Map;
import org.chancery.InvalidInputException;
import org.chancery.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every exception into an RFC 9457 problem: {@code type}, {@code title}, {@code status}, {@code detail},
 * {@code instance}. Clients never see a stack trace; unexpected failures are logged here and answered with a
 * generic 500.
 */
public final class ProblemMapper implements ExceptionMapper<Throwable> {
    /** The problem media type. */
    public static final String PROBLEM_JSON = "application/problem+json";
    private static final Logger LOG = LoggerFactory.getLogger(ProblemMapper.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Context
    private UriInfo uri;

    @Override
    public Response toResponse(Throwable e) {
        return switch (e) {
            case ApiProblem p -> problem(p.status(), p.title(), p.getMessage(), instance(), p.extensions());
            case InvalidInputException i -> problem(400, "Bad request", i.getMessage(), instance(), Map.of());
            case NotFoundException n -> problem(404, "Not found", n.getMessage(), instance(), Map.of());
            case WebApplicationException w -> {
                int status = w.getResponse().getStatus();
                String title = Response.Status.fromStatusCode(status) == null ? "Error"
                        : Response.Status.fromStatusCode(status).getReasonPhrase();
                yield problem(status, title, webDetail(status), instance(), Map.of());
            }
            default -> {
                LOG.error("Request {} failed", instance(), e);
                yield problem(500, "Internal server error", "The server could not answer this request; the failure is logged.",
                        instance(), Map.of());
            }
        };
    }

    private static String webDetail(int status) {
        return switch (status) {
            case 404 -> "There is no such resource.";
            case 405 -> "That method is not allowed on this resource.";
            case 406 -> "None of the media types in Accept can be produced here.";
            case 415 -> "That media type is not accepted here.";
            default -> "The request could not be answered (HTTP " + status + ").";
        };
    }

    private String instance() {
        try {
            return uri == null ? null : uri.getRequestUri().getRawPath();
        } catch (RuntimeException outsideARequest) {
            return null;
        }
    }

    /** A problem response. */
    static Response problem(int status, String title, String detail, String instance, Map<String, Object> extensions) {
        ObjectNode n = JSON.createObjectNode();
        n.put("type", "about:blank");
        n.put("title", title);
        n.put("status", status);
        n.put("detail", detail);
        n.put("instance", instance);
        extensions.forEach((k, v) -> n.set(k, JSON.valueToTree(v)));
        return Response.status(status).type(MediaType.valueOf(PROBLEM_JSON)).entity(n.toString()).build();
    }
}
