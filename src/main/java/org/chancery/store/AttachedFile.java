package org.chancery.store;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A file to add to an OCFL object beside its tweets (a media file, a linked document, their metadata), with
 * {@link OcflArchive#addFiles}.
 *
 * @param logicalPath where it goes in the object's state, e.g. {@code media/<sha256>.png}: relative, slash
 *                    separated, no empty, {@code .} or {@code ..} segment, and never under the archive's own
 *                    {@code raw/}, {@code records/} or {@code observations/}
 * @param bytes       its content
 */
public record AttachedFile(String logicalPath, byte[] bytes) {
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._-]+");

    public AttachedFile {
        Objects.requireNonNull(logicalPath, "logicalPath");
        Objects.requireNonNull(bytes, "bytes");
        String[] segments = logicalPath.split("/", -1);
        for (String s : segments) {
            if (!SEGMENT.matcher(s).matches() || s.equals(".") || s.equals("..")) {
                throw new IllegalArgumentException("The logical path \"" + logicalPath + "\" of an attached file is "
                        + "not a plain relative path of letters, digits, '.', '_' and '-'.");
            }
        }
        if (segments.length < 2 || segments[0].equals("raw") || segments[0].equals("records")
                || segments[0].equals("observations")) {
            throw new IllegalArgumentException("The logical path \"" + logicalPath + "\" of an attached file must "
                    + "lie in a folder other than raw/, records/ and observations/.");
        }
    }
}
