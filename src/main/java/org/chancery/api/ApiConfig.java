package org.chancery.api;

import java.time.Duration;
import java.util.Objects;
import org.chancery.config.DataDir;
import org.chancery.retention.PolicySet;

/**
 * How the API server runs.
 *
 * @param bind            the address to listen on, e.g. {@code 127.0.0.1}
 * @param port            the TCP port, 0 for any free port
 * @param stopTimeout     how long a shutdown waits for in-flight requests
 * @param data            the data folder (tokens under {@code tokens/}, the audit trail under {@code audit/})
 * @param policies        the retention policies that decide access
 */
public record ApiConfig(String bind, int port, Duration stopTimeout, DataDir data, PolicySet policies) {
    public static final int DEFAULT_PORT = 8080;
    public static final String DEFAULT_BIND = "127.0.0.1";

    public ApiConfig {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(stopTimeout, "stopTimeout");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(policies, "policies");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0 to 65535, got " + port);
        }
        if (stopTimeout.isNegative()) {
            throw new IllegalArgumentException("stopTimeout must not be negative, got " + stopTimeout);
        }
    }
}
