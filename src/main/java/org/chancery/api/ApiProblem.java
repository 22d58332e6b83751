package org.chancery.api;

import java.util.Map;
import java.util.Objects;
import org.chancery.ChanceryException;

/**
 * A request that cannot be answered as asked; mapped to an RFC 9457 problem with this status.
 *
 * @see ProblemMapper
 */
public final class ApiProblem extends ChanceryException {
    private final int status;
    private final String title;
    private final transient Map<String, Object> extensions;

    public ApiProblem(int status, String title, String detail) {
        this(status, title, detail, Map.of());
    }

    public ApiProblem(int status, String title, String detail, Map<String, Object> extensions) {
        super(detail);
        this.status = status;
        this.title = Objects.requireNonNull(title, "title");
        this.extensions = Map.copyOf(extensions);
    }

    /** 400 naming the parameter that is wrong. */
    public static ApiProblem badParameter(String parameter, String detail) {
        return new ApiProblem(400, "Bad parameter", "Parameter '" + parameter + "': " + detail,
                Map.of("parameter", parameter));
    }

    public static ApiProblem notFound(String detail) {
        return new ApiProblem(404, "Not found", detail);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** Extra members of the problem body (e.g. the disposition certificate of a 410). */
    public Map<String, Object> extensions() {
        return extensions;
    }
}
