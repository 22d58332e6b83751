package org.chancery.export;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Validates a BagIt 1.0 bag (RFC 8493) in a folder: bagit.txt, every manifest and tag manifest (format, duplicate
 * and escaping paths, presence, digests), completeness (every payload file in every manifest, every tag file in every
 * tag manifest), Payload-Oxum, and bag-info.txt's form. Problems are returned, never thrown.
 */
final class BagChecker {
    private static final Pattern MANIFEST = Pattern.compile("(tag)?manifest-([a-z0-9]+)\\.txt");
    private static final Pattern LINE = Pattern.compile("([0-9A-Fa-f]+)[ \\t]+(.+)");
    private static final Pattern VERSION = Pattern.compile("BagIt-Version: ([0-9]+)\\.([0-9]+)");
    private static final Pattern ENCODING = Pattern.compile("Tag-File-Character-Encoding: (\\S+)");
    private static final Pattern LABEL = Pattern.compile("([^:\\s][^:]*[^:\\s]|[^:\\s]): ?(.*)");
    private static final Map<String, String> ALGORITHMS = Map.of("md5", "MD5", "sha1", "SHA-1", "sha256", "SHA-256",
            "sha512", "SHA-512");

    private final Path root;
    private final List<ExportProblem> problems = new ArrayList<>();

    private BagChecker(Path root) {
        this.root = root;
    }

    static List<ExportProblem> check(Path root) {
        BagChecker c = new BagChecker(root);
        c.run();
        return List.copyOf(c.problems);
    }

    private void problem(String file, String what) {
        problems.add(new ExportProblem(file, null, what));
    }

    private void run() {
        if (!Files.isDirectory(root)) {
            problem(".", "The bag " + root + " is not a folder.");
            return;
        }
        checkBagitTxt();
        List<String> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = new ArrayList<>();
            for (Path p : walk.sorted().toList()) {
                String rel = root.relativize(p).toString().replace('\\', '/');
                if (Files.isSymbolicLink(p)) {
                    problem(rel, "The file is a symbolic link; a bag holds only regular files.");
                } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    files.add(rel);
                }
            }
        } catch (IOException e) {
            problem(".", "The bag could not be read: " + e.getMessage());
            return;
        }
        Map<String, Map<String, String>> payloadManifests = new TreeMap<>();
        Map<String, Map<String, String>> tagManifests = new TreeMap<>();
        for (String f : files) {
            Matcher m = MANIFEST.matcher(f);
            if (m.matches()) {
                String algorithm = m.group(2);
                if (!ALGORITHMS.containsKey(algorithm)) {
                    problem(f, "The manifest uses the algorithm \"" + algorithm + "\", which this verifier does not know.");
                    continue;
                }
                Map<String, String> entries = readManifest(f, algorithm, m.group(1) != null);
                (m.group(1) == null ? payloadManifests : tagManifests).put(f, entries);
            }
        }
        if (payloadManifests.isEmpty()) {
            problem(".", "The bag has no payload manifest (manifest-<algorithm>.txt).");
        }
        for (String f : files) {
            boolean payload = f.startsWith("data/");
            if (payload) {
                payloadManifests.forEach((manifest, entries) -> {
                    if (!entries.containsKey(f)) {
                        problem(f, "The payload file is not listed in " + manifest + ".");
                    }
                });
            } else if (!f.startsWith("tagmanifest-")) {
                tagManifests.forEach((manifest, entries) -> {
                    if (!entries.containsKey(f)) {
                        problem(f, "The tag file is not listed in " + manifest + ".");
                    }
                });
            }
        }
        checkBagInfo(files);
    }

    private void checkBagitTxt() {
        Path file = root.resolve("bagit.txt");
        if (!Files.isRegularFile(file)) {
            problem("bagit.txt", "The bag declaration bagit.txt is missing.");
            return;
        }
        String text = text("bagit.txt");
        if (text == null) {
            return;
        }
        String[] lines = text.split("\r\n|\r|\n", -1);
        if (lines.length < 2 || !VERSION.matcher(lines[0]).matches()) {
            problem("bagit.txt", "The first line must be \"BagIt-Version: M.N\" exactly, got \""
                    + (lines.length > 0 ? lines[0] : "") + "\".");
        }
        if (lines.length < 2 || !ENCODING.matcher(lines[1]).matches()) {
            problem("bagit.txt", "The second line must be \"Tag-File-Character-Encoding: ENCODING\" exactly, got \""
                    + (lines.length > 1 ? lines[1] : "") + "\".");
        }
        for (int i = 2; i < lines.length; i++) {
            if (!lines[i].isEmpty()) {
                problem("bagit.txt", "Line " + (i + 1) + " is extra; bagit.txt has exactly two lines.");
            }
        }
    }

    /** The file as UTF-8 text, or null (with a problem) when it is not valid UTF-8. */
    private String text(String rel) {
        try {
            byte[] bytes = Files.readAllBytes(root.resolve(rel));
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            problem(rel, "The tag file is not valid UTF-8.");
        } catch (IOException e) {
            problem(rel, "The file could not be read: " + e.getMessage());
        }
        return null;
    }

    private Map<String, String> readManifest(String manifest, String algorithm, boolean tag) {
        Map<String, String> entries = new LinkedHashMap<>();
        String text = text(manifest);
        if (text == null) {
            return entries;
        }
        String[] lines = text.split("\r\n|\r|\n");
        int expectedLength = switch (algorithm) {
            case "md5" -> 32;
            case "sha1" -> 40;
            case "sha256" -> 64;
            default -> 128;
        };
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isEmpty()) {
                continue;
            }
            String where = manifest + " line " + (i + 1);
            Matcher m = LINE.matcher(lines[i]);
            if (!m.matches() || m.group(1).length() != expectedLength) {
                problem(manifest, "Line " + (i + 1) + " is not \"<" + algorithm + " digest> <path>\".");
                continue;
            }
            String path = decode(m.group(2));
            if (!safe(path)) {
                problem(manifest, "Line " + (i + 1) + " names \"" + path + "\", which is absolute or escapes the bag"
                        + " (path traversal); it is not followed.");
                continue;
            }
            if (!tag && !path.startsWith("data/")) {
                problem(manifest, "Line " + (i + 1) + " names \"" + path + "\", which is not in the payload (data/).");
                continue;
            }
            if (tag && path.startsWith("data/")) {
                problem(manifest, "Line " + (i + 1) + " names the payload file \"" + path + "\"; tag manifests list"
                        + " tag files only.");
                continue;
            }
            String digest = m.group(1).toLowerCase(Locale.ROOT);
            if (entries.containsKey(path)) {
                problem(manifest, "Line " + (i + 1) + " lists \"" + path + "\" again; each path may appear once.");
                continue;
            }
            entries.put(path, digest);
            Path file = root.resolve(path);
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                problems.add(new ExportProblem(path, null, "The file listed in " + where + " is missing."));
                continue;
            }
            try {
                String actual = FileDigest.hex(file, ALGORITHMS.get(algorithm));
                if (!actual.equals(digest)) {
                    problems.add(new ExportProblem(path, null, "Its " + algorithm + " is " + actual + ", but " + where
                            + " says " + digest + ": the file was changed."));
                }
            } catch (IOException e) {
                problems.add(new ExportProblem(path, null, "The file could not be read: " + e.getMessage()));
            }
        }
        return entries;
    }

    /** RFC 8493 §2.1.3: %0A, %0D and %25 are the only encoded characters. */
    private static String decode(String path) {
        return path.replace("%0A", "\n").replace("%0a", "\n").replace("%0D", "\r").replace("%0d", "\r")
                .replace("%25", "%");
    }

    /** A relative path with no empty, {@code .} or {@code ..} segment, no backslash and no drive letter. */
    static boolean safe(String path) {
        if (path.isEmpty() || path.startsWith("/") || path.contains("\\") || path.matches("^[A-Za-z]:.*")
                || path.startsWith("~")) {
            return false;
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }

    private void checkBagInfo(List<String> files) {
        if (!files.contains("bag-info.txt")) {
            return;
        }
        String text = text("bag-info.txt");
        if (text == null) {
            return;
        }
        String oxum = null;
        String[] lines = text.split("\r\n|\r|\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty() || (i > 0 && (line.startsWith(" ") || line.startsWith("\t")))) {
                continue; // blank, or a folded continuation of the previous value
            }
            Matcher m = LABEL.matcher(line);
            if (!m.matches()) {
                problem("bag-info.txt", "Line " + (i + 1) + " is not \"Label: value\".");
            } else if (m.group(1).equals("Payload-Oxum")) {
                oxum = m.group(2).strip();
            }
        }
        if (oxum != null) {
            long bytes = 0;
            long count = 0;
            for (String f : files) {
                if (f.startsWith("data/")) {
                    count++;
                    try {
                        bytes += Files.size(root.resolve(f));
                    } catch (IOException e) {
                        problem(f, "The file size could not be read: " + e.getMessage());
                    }
                }
            }
            if (!oxum.equals(bytes + "." + count)) {
                problem("bag-info.txt", "Payload-Oxum is " + oxum + ", but the payload holds " + bytes + " bytes in "
                        + count + " file(s) (" + bytes + "." + count + ").");
            }
        }
    }
}
