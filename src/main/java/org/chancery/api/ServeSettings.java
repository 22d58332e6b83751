package org.chancery.api;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.chancery.InvalidInputException;
import org.chancery.config.ConfigFile;

/**
 * Where {@code chancery serve} listens, from (lowest to highest precedence) defaults, a config file
 * ({@code .properties} or {@code .yaml}/{@code .yml}; keys {@code port}, {@code bind}, {@code stop-timeout}),
 * the environment ({@code CHANCERY_PORT}, {@code CHANCERY_BIND}) and command-line options. Validated here,
 * each problem naming the key and where it came from.
 *
 * @param stopTimeout how long shutdown waits for in-flight requests
 */
public record ServeSettings(String bind, int port, Duration stopTimeout) {
    public static final String ENV_PORT = "CHANCERY_PORT";
    public static final String ENV_BIND = "CHANCERY_BIND";
    private static final List<String> KEYS = List.of("port", "bind", "stop-timeout");

    /**
     * @param config the config file, or null
     * @param port   the {@code --port} option, or null
     * @param bind   the {@code --bind} option, or null
     */
    public static ServeSettings resolve(Path config, Map<String, String> env, Integer port, String bind) {
        Map<String, String[]> values = new LinkedHashMap<>();
        values.put("port", new String[] {Integer.toString(ApiConfig.DEFAULT_PORT), "default"});
        values.put("bind", new String[] {ApiConfig.DEFAULT_BIND, "default"});
        values.put("stop-timeout", new String[] {"PT10S", "default"});
        if (config != null) {
            ConfigFile.read(config, KEYS).forEach((k, v) -> values.put(k, new String[] {v, "config file " + config}));
        }
        if (env.get(ENV_PORT) != null) {
            values.put("port", new String[] {env.get(ENV_PORT), "$" + ENV_PORT});
        }
        if (env.get(ENV_BIND) != null) {
            values.put("bind", new String[] {env.get(ENV_BIND), "$" + ENV_BIND});
        }
        if (port != null) {
            values.put("port", new String[] {port.toString(), "--port"});
        }
        if (bind != null) {
            values.put("bind", new String[] {bind, "--bind"});
        }
        return new ServeSettings(bindAddress(values.get("bind")), portNumber(values.get("port")),
                timeout(values.get("stop-timeout")));
    }

    private static int portNumber(String[] v) {
        try {
            int p = Integer.parseInt(v[0].strip());
            if (p >= 0 && p <= 65_535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidInputException("The key \"port\" (from " + v[1] + ") must be a TCP port from 0 to 65535, got \""
                + v[0] + "\".");
    }

    private static String bindAddress(String[] v) {
        String host = v[0].strip();
        try {
            if (!host.isEmpty() && host.matches("[0-9A-Za-z.:\\-\\[\\]]+")) {
                InetAddress.getByName(host);
                return host;
            }
        } catch (UnknownHostException e) {
            // answered below
        }
        throw new InvalidInputException("The key \"bind\" (from " + v[1] + ") must be an IP address or a resolvable host name, got \""
                + v[0] + "\".");
    }

    private static Duration timeout(String[] v) {
        try {
            Duration d = Duration.parse(v[0].strip());
            if (!d.isNegative()) {
                return d;
            }
        } catch (DateTimeParseException e) {
            // answered below
        }
        throw new InvalidInputException("The key \"stop-timeout\" (from " + v[1] + ") must be an ISO-8601 duration such as PT10S, got \""
                + v[0] + "\".");
    }
}
