package org.chancery.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * A readable PDF report: a cover page with the query, who exported, when, counts and the checkpoint; then one entry
 * per tweet with author, time, text, links, the payload's SHA-256 and its log entry; each tweet's original JSON is
 * embedded as an attachment ({@code <id>.json}), byte for byte.
 *
 * <p>The text uses the standard Helvetica font so the report needs no font files; characters it cannot show (emoji,
 * most non-Latin scripts) appear as {@code ?} in the visible text, while the attached JSON keeps them. PDFBox keeps
 * the page tree in memory until the file is saved (content streams go to a temporary file), so PDF is meant for
 * human-sized reports; use a bag for large exports.
 */
final class PdfExport implements ExportSink {
    private static final float MARGIN = 50;
    private static final float SIZE = 10;
    private static final float LEADING = 13;
    private static final float WIDTH = PDRectangle.A4.getWidth() - 2 * MARGIN;

    private final Path file;
    private final PDDocument doc;
    private final PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    private final Map<String, PDComplexFileSpecification> attachments = new LinkedHashMap<>();
    private final Map<Integer, Boolean> encodable = new HashMap<>();
    private PDPageContentStream page;
    private float y;

    PdfExport(Path file) throws IOException {
        this.file = file;
        this.doc = new PDDocument(IOUtils.createTempFileOnlyStreamCache());
        Files.createFile(file);
    }

    @Override
    public void add(ExportedRecord r) throws IOException {
        var t = r.tweet();
        line(bold, "@" + TweetRow.nullToEmpty(t.author().handle()) + "  " + TweetRow.nullToEmpty(t.author().displayName()));
        line(font, t.createdAt() + "   tweet " + t.id() + (t.deleted() ? "   [deleted]" : ""));
        for (String paragraph : t.text().split("\r\n|\r|\n", -1)) {
            wrapped(font, paragraph);
        }
        String links = TweetRow.urls(t);
        if (!links.isEmpty()) {
            wrapped(font, "Links: " + links);
        }
        line(font, "SHA-256 " + r.sha256());
        line(font, "Log entry " + r.leafIndex() + " of " + r.proof().treeSize() + "; original JSON attached as "
                + t.id() + ".json");
        y -= LEADING;
        PDEmbeddedFile embedded = new PDEmbeddedFile(doc, new java.io.ByteArrayInputStream(r.raw()));
        embedded.setSubtype("application/json");
        embedded.setSize(r.raw().length);
        PDComplexFileSpecification spec = new PDComplexFileSpecification();
        spec.setFile(t.id() + ".json");
        spec.setFileUnicode(t.id() + ".json");
        spec.setEmbeddedFile(embedded);
        spec.setFileDescription("Captured payload of tweet " + t.id() + ", SHA-256 " + r.sha256());
        attachments.put(t.id() + ".json", spec);
    }

    private void wrapped(PDType1Font f, String text) throws IOException {
        StringBuilder current = new StringBuilder();
        for (String word : visible(f, text).split(" ", -1)) {
            String candidate = current.isEmpty() ? word : current + " " + word;
            if (!current.isEmpty() && f.getStringWidth(candidate) / 1000 * SIZE > WIDTH) {
                line(f, current.toString());
                current.setLength(0);
                current.append(word);
            } else {
                current.setLength(0);
                current.append(candidate);
            }
        }
        line(f, current.toString());
    }

    private void line(PDType1Font f, String text) throws IOException {
        if (page == null || y < MARGIN) {
            newPage();
        }
        String shown = visible(f, text);
        while (f.getStringWidth(shown) / 1000 * SIZE > WIDTH && shown.length() > 1) {
            shown = shown.substring(0, shown.length() - 1);
        }
        page.beginText();
        page.setFont(f, SIZE);
        page.newLineAtOffset(MARGIN, y);
        page.showText(shown);
        page.endText();
        y -= LEADING;
    }

    private void newPage() throws IOException {
        if (page != null) {
            page.close();
        }
        PDPage p = new PDPage(PDRectangle.A4);
        doc.addPage(p);
        page = new PDPageContentStream(doc, p);
        y = PDRectangle.A4.getHeight() - MARGIN;
    }

    /** The text with every character Helvetica (WinAnsi) cannot show replaced by '?'. */
    private String visible(PDType1Font f, String text) {
        StringBuilder s = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            boolean ok = encodable.computeIfAbsent(c, k -> {
                if (Character.isISOControl(k)) {
                    return false;
                }
                try {
                    f.encode(new String(Character.toChars(k)));
                    return true;
                } catch (IOException | IllegalArgumentException e) {
                    return false;
                }
            });
            s.append(ok ? new String(Character.toChars(c)) : "?");
        });
        return s.toString();
    }

    @Override
    public String finish(ExportTotals t) throws IOException {
        if (page != null) {
            page.close();
        }
        List<String> cover = new ArrayList<>(List.of(
                "Chancery export",
                "Query: " + t.query(),
                "Exported by " + t.exportedBy() + " at " + t.exportedAt() + " as the role " + t.role().wireName(),
                t.exported() + " record(s); " + t.withheld() + " withheld by retention decisions",
                "Checkpoint: " + t.checkpoint().origin() + ", size " + t.checkpoint().size() + ", root "
                        + t.checkpoint().root().base64()));
        t.policies().forEach((p, c) -> cover.add("Policy " + p + ": " + c.exported() + " exported, " + c.withheld()
                + " withheld"));
        cover.add("Each tweet's captured JSON is attached to this PDF. For proofs that anyone can check, export a bag.");
        PDPage first = new PDPage(PDRectangle.A4);
        if (doc.getNumberOfPages() == 0) {
            doc.addPage(first);
        } else {
            doc.getPages().insertBefore(first, doc.getPage(0));
        }
        page = new PDPageContentStream(doc, first);
        y = PDRectangle.A4.getHeight() - MARGIN;
        for (String c : cover) {
            wrapped(c == cover.get(0) ? bold : font, c);
        }
        page.close();
        page = null;
        PDEmbeddedFilesNameTreeNode tree = new PDEmbeddedFilesNameTreeNode();
        tree.setNames(attachments);
        PDDocumentNameDictionary names = new PDDocumentNameDictionary(doc.getDocumentCatalog());
        names.setEmbeddedFiles(tree);
        doc.getDocumentCatalog().setNames(names);
        doc.getDocumentInformation().setTitle("Chancery export: " + t.query());
        doc.getDocumentInformation().setAuthor(t.exportedBy());
        doc.getDocumentInformation().setProducer("Chancery");
        Calendar created = new GregorianCalendar(TimeZone.getTimeZone("UTC"), java.util.Locale.ROOT);
        created.setTimeInMillis(t.exportedAt().toEpochMilli());
        doc.getDocumentInformation().setCreationDate(created);
        doc.save(file.toFile());
        doc.close();
        return FileDigest.hex(file, "SHA-256");
    }

    @Override
    public void close() throws IOException {
        doc.close();
    }
}
