package org.chancery.capture;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The files of one archive export, from a zip or an unpacked folder, named relative to the export's root as the
 * export names them ({@code data/tweets.js}).
 *
 * <p>Zip entries whose name escapes the root ({@code ../x}, {@code /x}, {@code C:\x}: "zip slip") are rejected
 * when the zip is opened and never read. Every file is read as a stream and stops at a byte cap, so that a lying
 * or hostile entry cannot exhaust memory. When every entry of a zip sits in one top-level folder
 * ({@code twitter-2026-03-06-abc/data/...}), that folder is the root.
 */
final class ArchiveEntries implements Closeable {
    private final ZipFile zip;
    private final Map<String, ZipEntry> zipEntries;
    private final Map<String, Path> files;
    private final long maxEntryBytes;

    private ArchiveEntries(ZipFile zip, Map<String, ZipEntry> zipEntries, Map<String, Path> files, long maxEntryBytes) {
        this.zip = zip;
        this.zipEntries = zipEntries;
        this.files = files;
        this.maxEntryBytes = maxEntryBytes;
    }

    /**
     * Opens a zip file, an export folder (holding {@code data/}) or the {@code data/} folder itself.
     *
     * @param origin where rejections of unsafe or duplicate zip entries are reported from
     */
    static ArchiveEntries open(Path path, long maxEntryBytes, Origin origin, CaptureSink sink) throws IOException {
        if (Files.isDirectory(path)) {
            Path data = Files.isDirectory(path.resolve("data")) ? path.resolve("data") : path;
            Map<String, Path> files = new TreeMap<>();
            try (Stream<Path> list = Files.list(data)) {
                list.filter(Files::isRegularFile).forEach(p -> files.put("data/" + p.getFileName(), p));
            }
            return new ArchiveEntries(null, Map.of(), files, maxEntryBytes);
        }
        ZipFile zip = new ZipFile(path.toFile());
        try {
            return new ArchiveEntries(zip, safeEntries(zip, origin, sink), Map.of(), maxEntryBytes);
        } catch (RuntimeException e) {
            zip.close();
            throw e;
        }
    }

    private static Map<String, ZipEntry> safeEntries(ZipFile zip, Origin origin, CaptureSink sink) {
        Map<String, ZipEntry> safe = new TreeMap<>();
        Enumeration<? extends ZipEntry> all = zip.entries();
        while (all.hasMoreElements()) {
            ZipEntry entry = all.nextElement();
            String name = entry.getName();
            Optional<String> normal = normalize(name);
            if (normal.isEmpty()) {
                sink.reject(origin.at("entry " + name).reject("(zip entry)", "the entry name \"" + name
                        + "\" escapes the archive's root (zip slip); the entry was not read"));
                continue;
            }
            if (entry.isDirectory() || normal.get().isEmpty()) {
                continue;
            }
            if (safe.putIfAbsent(normal.get(), entry) != null) {
                sink.reject(origin.at("entry " + name).reject("(zip entry)", "a second entry is named \"" + normal.get()
                        + "\"; only the first was read"));
            }
        }
        return stripCommonFolder(safe);
    }

    private static Map<String, ZipEntry> stripCommonFolder(Map<String, ZipEntry> entries) {
        if (entries.isEmpty() || entries.keySet().stream().anyMatch(n -> n.startsWith("data/"))) {
            return entries;
        }
        String first = entries.keySet().iterator().next();
        int slash = first.indexOf('/');
        if (slash < 0) {
            return entries;
        }
        String folder = first.substring(0, slash + 1);
        if (!entries.keySet().stream().allMatch(n -> n.startsWith(folder))) {
            return entries;
        }
        Map<String, ZipEntry> stripped = new TreeMap<>();
        entries.forEach((n, e) -> stripped.put(n.substring(folder.length()), e));
        return stripped;
    }

    /**
     * The name with {@code .} and {@code ..} resolved and {@code /} as separator, or empty when it is absolute
     * or climbs above the root.
     */
    static Optional<String> normalize(String name) {
        if (name.startsWith("/") || name.startsWith("\\") || (name.length() > 1 && name.charAt(1) == ':')) {
            return Optional.empty();
        }
        List<String> parts = new ArrayList<>();
        for (String segment : name.split("[/\\\\]")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (parts.isEmpty()) {
                    return Optional.empty();
                }
                parts.remove(parts.size() - 1);
            } else {
                parts.add(segment);
            }
        }
        return Optional.of(String.join("/", parts));
    }

    /** Every readable file's name, sorted. */
    List<String> names() {
        return List.copyOf(zip != null ? zipEntries.keySet() : files.keySet());
    }

    boolean contains(String name) {
        return zip != null ? zipEntries.containsKey(name) : files.containsKey(name);
    }

    /**
     * The bytes of {@code name}, or empty after rejecting it when it is larger than the cap.
     *
     * @param origin the origin of the entry, for the rejection
     */
    Optional<byte[]> read(String name, Origin origin, CaptureSink sink) throws IOException {
        try (InputStream in = zip != null ? zip.getInputStream(zipEntries.get(name)) : Files.newInputStream(files.get(name))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[1 << 16];
            long total = 0;
            int n;
            while ((n = in.read(buffer)) > 0) {
                total += n;
                if (total > maxEntryBytes) {
                    sink.reject(origin.reject("(size)", name + " is larger than the limit of " + maxEntryBytes
                            + " bytes per file; it was not read"));
                    return Optional.empty();
                }
                out.write(buffer, 0, n);
            }
            return Optional.of(out.toByteArray());
        }
    }

    @Override
    public void close() throws IOException {
        if (zip != null) {
            zip.close();
        }
    }
}
