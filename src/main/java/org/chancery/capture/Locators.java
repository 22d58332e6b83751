package org.chancery.capture;

/**
 * Builds locator strings. An importer gives each payload a locator naming where it starts ("line 3",
 * "WARC record &lt;urn:uuid:…&gt; (https://…)") or an empty one for a whole file; readers append the part
 * inside the payload ("data[2]"), separated by ", ".
 */
final class Locators {
    private Locators() {}

    static String join(String prefix, String part) {
        if (prefix.isEmpty()) {
            return part;
        }
        return part.isEmpty() ? prefix : prefix + ", " + part;
    }

    /** The locator for a problem with the payload as a whole. */
    static String whole(Origin origin) {
        return origin.locator().isEmpty() ? "whole file" : origin.locator();
    }
}
