package org.chancery.export;

import java.util.List;

/** RFC 4180 fields: quoted when they hold a comma, quote, CR or LF (quotes doubled); records end in CRLF. */
final class Csv {
    private Csv() {}

    static String field(String value) {
        if (value == null) {
            return "";
        }
        boolean quote = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0;
        return quote ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }

    static String record(List<String> values) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                s.append(',');
            }
            s.append(field(values.get(i)));
        }
        return s.append("\r\n").toString();
    }
}
