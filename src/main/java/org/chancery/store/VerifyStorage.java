package org.chancery.store;

import io.ocfl.api.OcflFileRetriever;
import io.ocfl.api.exception.OcflIOException;
import io.ocfl.api.model.DigestAlgorithm;
import io.ocfl.core.storage.common.Listing;
import io.ocfl.core.storage.common.OcflObjectRootDirIterator;
import io.ocfl.core.storage.common.Storage;
import io.ocfl.core.storage.filesystem.FileSystemStorage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * The read side of an OCFL storage root for ocfl-java's {@link io.ocfl.core.validation.Validator}, answering exactly
 * as ocfl-java's {@link FileSystemStorage} does with fewer system calls, and counting the bytes the validator reads.
 * <ul>
 * <li>directories listed with {@link java.io.File#list()}, not a {@link DirectoryStream} (which Linux opens as a
 * secure stream, duplicating a descriptor per listing);</li>
 * <li>{@link #listDirectory}: one stat per entry ({@code FileSystemStorage} makes two for each directory: "is it a
 * regular file", then "is it a directory"), links followed as there;</li>
 * <li>{@link #listRecursive}: one listing per directory; {@code FileSystemStorage} lists every directory a second
 * time after its walk to learn whether it was empty, which the walk itself already knows. Entries are read without
 * following links, as {@code Files.walkFileTree} does;</li>
 * <li>{@link #read}: the whole file at once (the validator reads inventories, sidecars and declaration files whole).
 * </li>
 * </ul>
 * Verification only reads: every method that would change the storage root refuses.
 */
final class VerifyStorage implements Storage {
    private final Path root;
    private final FileSystemStorage plain;
    private final LongAdder bytesRead = new LongAdder();

    VerifyStorage(Path root) {
        this.root = root;
        this.plain = new FileSystemStorage(root);
    }

    /** Bytes of the files read through {@link #read} and {@link #readToString} so far. */
    long bytesRead() {
        return bytesRead.sum();
    }

    @Override
    public List<Listing> listDirectory(String directoryPath) {
        List<Listing> out = new ArrayList<>();
        Path dir = root.resolve(directoryPath);
        try {
            for (String name : names(dir)) {
                BasicFileAttributes a = attributes(dir.resolve(name));
                if (a != null && a.isRegularFile()) {
                    out.add(Listing.file(name));
                } else if (a != null && a.isDirectory()) {
                    out.add(Listing.directory(name));
                } else {
                    out.add(Listing.other(name));
                }
            }
        } catch (IOException e) {
            throw OcflIOException.from(e);
        }
        return out;
    }

    /**
     * The names in a directory, in the order the file system gives them. {@link java.io.File#list()} makes fewer
     * system calls than a {@link DirectoryStream} (which Linux opens as a secure stream: a duplicated descriptor
     * per listing); when it fails it does not say why, so the stream then lists the directory or says why not.
     */
    private static String[] names(Path dir) throws IOException {
        String[] names = dir.toFile().list();
        if (names != null) {
            return names;
        }
        List<String> listed = new ArrayList<>();
        try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
            for (Path child : children) {
                listed.add(child.getFileName().toString());
            }
        }
        return listed.toArray(String[]::new);
    }

    /** The attributes with links followed, or null where {@code Files.isRegularFile} and {@code isDirectory} say no. */
    private static BasicFileAttributes attributes(Path p) {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class);
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public List<Listing> listRecursive(String directoryPath) {
        Path start = root.resolve(directoryPath);
        List<Listing> out = new ArrayList<>();
        try {
            BasicFileAttributes a = Files.readAttributes(start, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!a.isDirectory()) {
                // Files.walkFileTree visits a start that is not a directory as a single file.
                out.add(new Listing(a.isRegularFile() ? Listing.Type.File : Listing.Type.Other, ""));
                return out;
            }
            walk(start, "", out);
        } catch (IOException e) {
            throw OcflIOException.from(e);
        }
        return out;
    }

    /** Lists {@code dir} (at {@code relative} under the walk's start) into {@code out}; true when it is empty. */
    private static boolean walk(Path dir, String relative, List<Listing> out) throws IOException {
        String[] children = names(dir);
        for (String child : children) {
            String name = relative.isEmpty() ? child : relative + "/" + child;
            Path path = dir.resolve(child);
            BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (a.isDirectory()) {
                if (walk(path, name, out)) {
                    out.add(Listing.directory(name));
                }
            } else {
                out.add(a.isRegularFile() ? Listing.file(name) : Listing.other(name));
            }
        }
        return children.length == 0;
    }

    @Override
    public boolean directoryIsEmpty(String directoryPath) {
        return plain.directoryIsEmpty(directoryPath);
    }

    @Override
    public OcflObjectRootDirIterator iterateObjects() {
        return plain.iterateObjects();
    }

    @Override
    public boolean fileExists(String filePath) {
        return plain.fileExists(filePath);
    }

    @Override
    public InputStream read(String filePath) {
        try {
            byte[] bytes = Files.readAllBytes(root.resolve(filePath));
            bytesRead.add(bytes.length);
            return new Bytes(bytes);
        } catch (IOException e) {
            throw OcflIOException.from(e);
        }
    }

    @Override
    public String readToString(String filePath) {
        try (InputStream in = read(filePath)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw OcflIOException.from(e);
        }
    }

    @Override
    public OcflFileRetriever readLazy(String filePath, DigestAlgorithm algorithm, String digest) {
        return plain.readLazy(filePath, algorithm, digest);
    }

    @Override
    public void write(String filePath, byte[] content, String mediaType) {
        throw refused();
    }

    @Override
    public void createDirectories(String path) {
        throw refused();
    }

    @Override
    public void copyDirectoryOutOf(String source, Path destination) {
        throw refused();
    }

    @Override
    public void copyFileInto(Path source, String destination, String mediaType) {
        throw refused();
    }

    @Override
    public void copyFileInternal(String sourceFile, String destinationFile) {
        throw refused();
    }

    @Override
    public void moveDirectoryInto(Path source, String destination) {
        throw refused();
    }

    @Override
    public void moveDirectoryInternal(String source, String destination) {
        throw refused();
    }

    @Override
    public void deleteDirectory(String path) {
        throw refused();
    }

    @Override
    public void deleteFile(String path) {
        throw refused();
    }

    @Override
    public void deleteFiles(Collection<String> paths) {
        throw refused();
    }

    @Override
    public void deleteEmptyDirsDown(String path) {
        throw refused();
    }

    @Override
    public void deleteEmptyDirsUp(String path) {
        throw refused();
    }

    @Override
    public void close() {
        plain.close();
    }

    /**
     * A stream over bytes already read, without {@code ByteArrayInputStream}'s lock: the validator reads inventories
     * one byte at a time to digest them, from one thread.
     */
    private static final class Bytes extends InputStream {
        private final byte[] bytes;
        private int at;

        Bytes(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public int read() {
            return at < bytes.length ? bytes[at++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            if (at >= bytes.length) {
                return -1;
            }
            int n = Math.min(len, bytes.length - at);
            System.arraycopy(bytes, at, b, off, n);
            at += n;
            return n;
        }

        @Override
        public int available() {
            return bytes.length - at;
        }
    }

    private UnsupportedOperationException refused() {
        return new UnsupportedOperationException("The storage root " + root + " is open for verification only.");
    }
}
