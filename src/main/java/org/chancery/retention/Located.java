package org.chancery.retention;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A node of a {@link LocatedTree} with its JSON pointer (for the line) and its dotted field path (for
 * messages, e.g. {@code rules[0].match.roles}). A missing field is a located node too: it reports the line of
 * the object that should have held it.
 */
final class Located {
    final LocatedTree tree;
    final JsonNode node;
    final String pointer;
    final String path;

    Located(LocatedTree tree, JsonNode node, String pointer, String path) {
        this.tree = tree;
        this.node = node;
        this.pointer = pointer;
        this.path = path;
    }

    Located field(String name) {
        JsonNode child = node.isObject() && node.has(name) ? node.get(name) : MissingNode.getInstance();
        return new Located(tree, child, pointer + "/" + name.replace("~", "~0").replace("/", "~1"),
                path.isEmpty() ? name : path + "." + name);
    }

    /** Elements of an array node (empty for anything else). */
    List<Located> items() {
        List<Located> out = new ArrayList<>();
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                out.add(new Located(tree, node.get(i), pointer + "/" + i, path + "[" + i + "]"));
            }
        }
        return out;
    }

    /** Field names of an object node, in document order. */
    List<String> fieldNames() {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    boolean missing() {
        return node.isMissingNode() || node.isNull();
    }

    int line() {
        return tree.line(pointer);
    }

    SourceProblem problem(String message) {
        return new SourceProblem(tree.source(), line(), path.isEmpty() ? null : path, message);
    }
}
