package org.chancery.export;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes a BagIt 1.0 bag (RFC 8493) in one pass: every payload and tag file is hashed (SHA-512 and SHA-256) while it
 * is written, and its manifest line appended at once, so memory does not grow with the number of files. The tag
 * manifests get their last lines (bagit.txt, bag-info.txt, the payload manifests) when the bag is finished.
 */
final class BagWriter {
    static final String BAGIT_TXT = "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n";

    private final Path root;
    private final Writer manifest256;
    private final Writer manifest512;
    private final Writer tagManifest256;
    private final Writer tagManifest512;
    private long payloadBytes;
    private long payloadFiles;

    BagWriter(Path root) throws IOException {
        this.root = root;
        Files.createDirectories(root.resolve("data"));
        tagManifest256 = writer(root.resolve("tagmanifest-sha256.txt"));
        tagManifest512 = writer(root.resolve("tagmanifest-sha512.txt"));
        manifest256 = new java.io.OutputStreamWriter(tag("manifest-sha256.txt"), StandardCharsets.UTF_8);
        manifest512 = new java.io.OutputStreamWriter(tag("manifest-sha512.txt"), StandardCharsets.UTF_8);
    }

    private static Writer writer(Path file) throws IOException {
        return Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE);
    }

    Path root() {
        return root;
    }

    /** A new payload file at {@code path} (relative to the bag, under {@code data/}); close it to list it. */
    OutputStream payload(String path) throws IOException {
        if (!path.startsWith("data/")) {
            throw new IllegalArgumentException("Payload path " + path + " is not under data/.");
        }
        return open(path, d -> {
            payloadBytes += d.bytes();
            payloadFiles++;
            line(manifest256, d.sha256(), path);
            line(manifest512, d.sha512(), path);
        });
    }

    /** A new tag file at {@code path} (relative to the bag, outside {@code data/}); close it to list it. */
    OutputStream tag(String path) throws IOException {
        return open(path, d -> {
            line(tagManifest256, d.sha256(), path);
            line(tagManifest512, d.sha512(), path);
        });
    }

    void tag(String path, String text) throws IOException {
        try (OutputStream out = tag(path)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    private OutputStream open(String path, java.util.function.Consumer<HashingOutputStream.Digests> listed)
            throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        // A bag is a handful of long streams (packed payloads, proofs, records, WARC): each is buffered, written
        // and hashed in large chunks by the hashing stream.
        return new HashingOutputStream(Files.newOutputStream(file, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE), path, listed);
    }

    /** RFC 8493 §2.1.3: a path's CR, LF and % are percent-encoded in manifests. */
    static String encodePath(String path) {
        return path.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    private static void line(Writer w, String digest, String path) {
        try {
            w.write(digest + "  " + encodePath(path) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Payload-Oxum value: payload octets, a dot, payload file count. */
    String payloadOxum() {
        return payloadBytes + "." + payloadFiles;
    }

    /**
     * Writes bagit.txt and bag-info.txt, closes the payload manifests (listing them in the tag manifests) and the
     * tag manifests. Every payload stream must be closed before.
     */
    void finish(String bagInfo) throws IOException {
        tag("bagit.txt", BAGIT_TXT);
        tag("bag-info.txt", bagInfo);
        manifest256.close();
        manifest512.close();
        tagManifest256.close();
        tagManifest512.close();
    }
}
