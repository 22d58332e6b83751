package org.chancery.retention;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON or YAML document parsed into a Jackson tree together with the line of every value, so that validation
 * done on the tree can still say "line 7". Jackson's tree model drops locations; this keeps them by building
 * the tree from the streaming parser's token locations.
 */
final class LocatedTree {
    private static final JsonFactory JSON = JsonFactory.builder().build();
    private static final YAMLFactory YAML = YAMLFactory.builder().build();

    private final String source;
    private final JsonNode root;
    private final Map<String, Integer> lines;

    private LocatedTree(String source, JsonNode root, Map<String, Integer> lines) {
        this.source = source;
        this.root = root;
        this.lines = lines;
    }

    /**
     * Parses JSON (when the first non-blank byte is '{' or '[') or else YAML. Returns null after adding a
     * problem when the text is not well-formed or repeats a key.
     */
    static LocatedTree parse(byte[] bytes, String source, List<SourceProblem> problems) {
        JsonFactory factory = looksLikeJson(bytes) ? JSON : YAML;
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser p = factory.createParser(bytes)) {
            if (p.nextToken() == null) {
                problems.add(new SourceProblem(source, 1, null, "the file is empty"));
                return null;
            }
            Builder b = new Builder(source, lines, problems);
            JsonNode root = b.read(p, "");
            if (b.failed) {
                return null;
            }
            if (p.nextToken() != null) {
                problems.add(new SourceProblem(source, p.currentTokenLocation().getLineNr(), null,
                        "unexpected content after the end of the document"));
                return null;
            }
            return new LocatedTree(source, root, lines);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getLineNr());
            problems.add(new SourceProblem(source, line, null, "not well-formed: " + e.getOriginalMessage()));
            return null;
        } catch (IOException e) {
            problems.add(new SourceProblem(source, 0, null, "could not be read: " + e.getMessage()));
            return null;
        }
    }

    private static boolean looksLikeJson(byte[] bytes) {
        for (byte b : bytes) {
            if (b == '{' || b == '[') {
                return true;
            }
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n' && b != (byte) 0xEF && b != (byte) 0xBB && b != (byte) 0xBF) {
                return false;
            }
        }
        return false;
    }

    String source() {
        return source;
    }

    /** The document root as a located node with an empty field path. */
    Located root() {
        return new Located(this, root, "", "");
    }

    /** Line of the value at {@code pointer}, or of its nearest located ancestor (for missing fields). */
    int line(String pointer) {
        String p = pointer;
        while (true) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
            if (p.isEmpty()) {
                return 0;
            }
            p = p.substring(0, p.lastIndexOf('/'));
        }
    }

    private static final class Builder {
        private final String source;
        private final Map<String, Integer> lines;
        private final List<SourceProblem> problems;
        private boolean failed;

        Builder(String source, Map<String, Integer> lines, List<SourceProblem> problems) {
            this.source = source;
            this.lines = lines;
            this.problems = problems;
        }

        JsonNode read(JsonParser p, String pointer) throws IOException {
            JsonToken t = p.currentToken();
            lines.putIfAbsent(pointer, p.currentTokenLocation().getLineNr());
            JsonNodeFactory f = JsonNodeFactory.instance;
            switch (t) {
                case START_OBJECT -> {
                    ObjectNode o = f.objectNode();
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String name = p.currentName();
                        int keyLine = p.currentTokenLocation().getLineNr();
                        String child = pointer + "/" + name.replace("~", "~0").replace("/", "~1");
                        lines.put(child, keyLine);
                        p.nextToken();
                        JsonNode value = read(p, child);
                        if (o.has(name)) {
                            failed = true;
                            problems.add(new SourceProblem(source, keyLine, null, "key \"" + name + "\" appears twice"));
                        }
                        o.set(name, value);
                    }
                    return o;
                }
                case START_ARRAY -> {
                    ArrayNode a = f.arrayNode();
                    int i = 0;
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        a.add(read(p, pointer + "/" + i++));
                    }
                    return a;
                }
                case VALUE_STRING -> {
                    return f.textNode(p.getText());
                }
                case VALUE_NUMBER_INT -> {
                    return switch (p.getNumberType()) {
                        case INT -> f.numberNode(p.getIntValue());
                        case LONG -> f.numberNode(p.getLongValue());
                        default -> f.numberNode(p.getBigIntegerValue());
                    };
                }
                case VALUE_NUMBER_FLOAT -> {
                    return f.numberNode(p.getDecimalValue());
                }
                case VALUE_TRUE -> {
                    return f.booleanNode(true);
                }
                case VALUE_FALSE -> {
                    return f.booleanNode(false);
                }
                case VALUE_NULL -> {
                    return f.nullNode();
                }
                default -> {
                    failed = true;
                    problems.add(new SourceProblem(source, p.currentTokenLocation().getLineNr(), null,
                            "unexpected " + t + " in the document"));
                    return f.nullNode();
                }
            }
        }
    }
}
