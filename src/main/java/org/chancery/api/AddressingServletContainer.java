package org.chancery.api;

import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.servlet.ServletContainer;

/**
 * Jersey's servlet, which first puts the client's address in the request attribute {@link #CLIENT}; Jersey shows
 * servlet request attributes as request properties, where the {@link AuditFilter} reads it. An
 * {@code HttpServletRequest} injected into the filter instead is an hk2 proxy that builds a request-scoped service
 * on every call, a measurable part of the cost of a read.
 */
final class AddressingServletContainer extends ServletContainer {
    /** Request attribute (and so Jersey request property) holding the client's address. */
    static final String CLIENT = "chancery.client";
    private static final long serialVersionUID = 1L;

    AddressingServletContainer(ResourceConfig config) {
        super(config);
    }

    @Override
    public void service(ServletRequest request, ServletResponse response) throws ServletException, IOException {
        request.setAttribute(CLIENT, request.getRemoteAddr());
        super.service(request, response);
    }
}
