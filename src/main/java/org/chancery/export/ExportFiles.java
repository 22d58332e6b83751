package org.chancery.export;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.chancery.InvalidInputException;

/** Zipping a bag, unzipping one safely, and removing a partial export. */
public final class ExportFiles {
    private ExportFiles() {}

    /** Zips {@code folder} into a new {@code zipFile}, every entry under the top-level folder {@code name}. */
    public static void zip(Path folder, Path zipFile, String name) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile).sorted(Comparator.comparing(Path::toString)).toList();
        }
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(zipFile, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE))) {
            for (Path f : files) {
                String rel = folder.relativize(f).toString().replace('\\', '/');
                zip.putNextEntry(new ZipEntry(name + "/" + rel));
                Files.copy(f, zip);
                zip.closeEntry();
            }
        }
    }

    /**
     * Unzips {@code zipFile} into the empty folder {@code into}, refusing any entry whose name is absolute or climbs
     * out of it (zip slip).
     *
     * @return the bag folder: the single top-level folder of the zip, or {@code into} itself
     * @throws InvalidInputException naming the entry that would escape
     */
    static Path unzip(Path zipFile, Path into) throws IOException {
        Path base = into.toAbsolutePath().normalize();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(zipFile))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                String name = e.getName();
                Path target = base.resolve(name).normalize();
                if (name.startsWith("/") || name.startsWith("\\") || name.contains(":") || !target.startsWith(base)
                        || target.equals(base)) {
                    throw new InvalidInputException("Zip entry \"" + name + "\" of " + zipFile
                            + " is absolute or escapes the bag; the zip is refused.");
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW)) {
                        copy(zip, out);
                    }
                }
            }
        }
        try (Stream<Path> top = Files.list(base)) {
            List<Path> entries = top.toList();
            return entries.size() == 1 && Files.isDirectory(entries.get(0)) ? entries.get(0) : base;
        }
    }

    private static void copy(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[1 << 16];
        for (int n; (n = in.read(buffer)) > 0; ) {
            out.write(buffer, 0, n);
        }
    }

    /** Removes a file or folder tree if present; used for partial exports and staging folders. */
    public static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
