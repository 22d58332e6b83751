package org.chancery.export;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

/** Streams a file through a digest. */
final class FileDigest {
    private FileDigest() {}

    /** The file's digest in lower-case hex; {@code algorithm} is a JDK name such as {@code SHA-256}. */
    static String hex(Path file, String algorithm) throws IOException {
        MessageDigest md = HashingOutputStream.digest(algorithm);
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                md.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
