package org.chancery.index;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.SortField;
import org.apache.lucene.util.BytesRef;
import org.chancery.InvalidInputException;

/**
 * Where a page ended: the sort values of its last hit (search-after), which always end with the tweet id, so
 * the next page starts strictly after that hit whatever was indexed in between. Relevance scores move when
 * the collection changes, so a relevance cursor also names the point-in-time searcher it came from; while
 * that searcher is retained, later pages are read from it.
 *
 * <p>Wire form: base64url of {@code c1|<fingerprint>|<searcher version>|<value>|…}.
 */
record Cursor(String fingerprint, long searcherVersion, List<String> values) {
    private static final String VERSION = "c1";

    static Cursor of(String fingerprint, long searcherVersion, FieldDoc last) {
        List<String> values = new ArrayList<>();
        for (Object o : last.fields) {
            values.add(switch (o) {
                case Float f -> Integer.toHexString(Float.floatToIntBits(f));
                case Long l -> Long.toString(l);
                case BytesRef b -> b.utf8ToString();
                default -> throw new IllegalStateException("unexpected sort value type " + o.getClass());
            });
        }
        return new Cursor(fingerprint, searcherVersion, values);
    }

    String encode() {
        String plain = VERSION + "|" + fingerprint + "|" + searcherVersion + "|" + String.join("|", values);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads a cursor given back by a client; anything not made by {@link #encode} for this query is refused. */
    static Cursor decode(String wire, String fingerprint, SortField[] sort) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(wire), StandardCharsets.UTF_8);
            String[] parts = plain.split("\\|", -1);
            if (parts.length != 3 + sort.length || !parts[0].equals(VERSION) || !parts[1].equals(fingerprint)) {
                throw invalid();
            }
            long version = Long.parseLong(parts[2]);
            List<String> values = List.of(parts).subList(3, parts.length);
            Cursor c = new Cursor(parts[1], version, values);
            c.after(sort);
            return c;
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    /** The search-after position; its doc id is the largest, so hits equal on every sort value are skipped. */
    FieldDoc after(SortField[] sort) {
        Object[] fields = new Object[sort.length];
        for (int i = 0; i < sort.length; i++) {
            String v = values.get(i);
            fields[i] = switch (sort[i].getType()) {
                case SCORE -> Float.intBitsToFloat(Integer.parseUnsignedInt(v, 16));
                case LONG -> Long.parseLong(v);
                case STRING -> {
                    if (v.isEmpty()) {
                        throw new IllegalArgumentException("empty id");
                    }
                    yield new BytesRef(v);
                }
                default -> throw new IllegalStateException("unexpected sort type " + sort[i].getType());
            };
        }
        float score = sort[0].getType() == SortField.Type.SCORE ? (Float) fields[0] : Float.NaN;
        return new FieldDoc(Integer.MAX_VALUE, score, fields);
    }

    private static InvalidInputException invalid() {
        return new InvalidInputException("The cursor is not valid: it was not issued for this query and sort order.");
    }
}
