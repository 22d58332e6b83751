package org.chancery.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.chancery.InvalidInputException;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * A flat config file of {@code key: value} pairs: {@code .yaml}/{@code .yml} (a mapping) or anything else as Java
 * {@code .properties} in UTF-8. Commands read it first and let the environment and options override it.
 */
public final class ConfigFile {
    private ConfigFile() {}

    /**
     * The file's keys and values, in file order.
     *
     * @param keys the keys the command knows; any other key is an error naming it and the file
     * @throws InvalidInputException when the file cannot be read, is not a mapping, or holds an unknown key
     */
    public static Map<String, String> read(Path file, List<String> keys) {
        Map<String, String> out = new LinkedHashMap<>();
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        try {
            if (name.endsWith(".yaml") || name.endsWith(".yml")) {
                JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(Files.readAllBytes(file));
                if (root != null && !root.isObject()) {
                    throw new InvalidInputException("The config file " + file + " must be a mapping of keys to values.");
                }
                if (root != null) {
                    root.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
                }
            } else {
                Properties p = new Properties();
                try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    p.load(r);
                } catch (IllegalArgumentException e) {
                    // Properties says only "Malformed \\uxxxx encoding", without where: name the file, never its text.
                    throw new InvalidInputException("The config file " + file + " has a malformed \\uXXXX escape (a"
                            + " backslash-u must be followed by four hexadecimal digits).", e);
                }
                p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k).strip()));
            }
        } catch (JsonProcessingException e) {
            // The parser's message quotes the offending line, which may be the bearer token: say only where it is.
            throw new InvalidInputException("The config file " + file + " is not valid YAML at " + where(e) + ".");
        } catch (IOException e) {
            throw new InvalidInputException("Cannot read the config file " + file + ": " + e.getMessage(), e);
        }
        for (String k : out.keySet()) {
            if (!keys.contains(k)) {
                throw new InvalidInputException("Unknown key \"" + k + "\" in the config file " + file + "; expected "
                        + expected(keys) + ".");
            }
        }
        return out;
    }

    /** Line and column of a YAML error, from SnakeYAML's problem mark when there is one, never its text. */
    private static String where(JsonProcessingException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MarkedYAMLException m && m.getProblemMark() != null) {
                return "line " + (m.getProblemMark().getLine() + 1) + ", column " + (m.getProblemMark().getColumn() + 1);
            }
        }
        JsonLocation at = e.getLocation();
        return at == null ? "an unknown place" : "line " + at.getLineNr() + ", column " + at.getColumnNr();
    }

    private static String expected(List<String> keys) {
        if (keys.size() == 1) {
            return keys.get(0);
        }
        return String.join(", ", keys.subList(0, keys.size() - 1)) + " or " + keys.get(keys.size() - 1);
    }
}
