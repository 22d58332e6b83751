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
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.color.PDOutputIntent;

/**
 * A readable PDF/A-3b report: a cover page with the query, who exported, when, counts and the checkpoint; then one
 * entry per tweet with author, time, text, links, the payload's SHA-256 and its log entry; each tweet's original JSON
 * is embedded as an associated file ({@code <id>.json}, relationship Source), byte for byte. PDF/A-3 rather than
 * PDF/A-2 because only part 3 allows arbitrary attachments such as the JSON.
 *
 * <p>PDF/A needs: the font embedded (DejaVu Sans, bundled, subset), XMP metadata with the PDF/A identification
 * that matches the document information, and an sRGB output intent (the JDK's sRGB ICC profile). Right-to-left
 * runs are drawn in visual order so that text extraction gives them back in logical order; Arabic letters are not
 * joined (no shaping library here). Characters DejaVu Sans lacks (CJK, colour emoji) appear as {@code ?} in the
 * visible text, while the attached JSON keeps them. PDFBox keeps
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
    /** The bundled font (see SOURCES.md next to it). */
    static final String FONT = "/org/chancery/export/DejaVuSans.ttf";
    private static final String SRGB = "sRGB IEC61966-2.1";

    private final PDFont font;
    private final PDFont bold;
    private final Map<String, PDComplexFileSpecification> attachments = new LinkedHashMap<>();
    private final Map<Integer, Boolean> encodable = new HashMap<>();
    private PDPageContentStream page;
    private float y;

    PdfExport(Path file) throws IOException {
        this.file = file;
        this.doc = new PDDocument(IOUtils.createTempFileOnlyStreamCache());
        try (java.io.InputStream in = PdfExport.class.getResourceAsStream(FONT)) {
            if (in == null) {
                throw new IOException("The font " + FONT + " is missing from the class path.");
            }
            this.font = PDType0Font.load(doc, in, true);
        } catch (IOException | RuntimeException e) {
            doc.close();
            throw e;
        }
        this.bold = font; // one face keeps the jar small; headings stand out by their place instead
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
        spec.getCOSObject().setName(COSName.getPDFName("AFRelationship"), "Source");
        attachments.put(t.id() + ".json", spec);
    }

    private void wrapped(PDFont f, String text) throws IOException {
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

    private void line(PDFont f, String text) throws IOException {
        if (page == null || y < MARGIN) {
            newPage();
        }
        String shown = visible(f, visualOrder(text));
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

    /**
     * The line in the order its characters are drawn left to right: right-to-left runs reversed and runs reordered
     * (Unicode bidirectional algorithm, paragraph direction from the first strong character).
     */
    static String visualOrder(String text) {
        if (!java.text.Bidi.requiresBidi(text.toCharArray(), 0, text.length())) {
            return text;
        }
        java.text.Bidi bidi = new java.text.Bidi(text, java.text.Bidi.DIRECTION_DEFAULT_LEFT_TO_RIGHT);
        int n = bidi.getRunCount();
        byte[] levels = new byte[n];
        String[] runs = new String[n];
        for (int i = 0; i < n; i++) {
            String run = text.substring(bidi.getRunStart(i), bidi.getRunLimit(i));
            levels[i] = (byte) bidi.getRunLevel(i);
            runs[i] = levels[i] % 2 == 1 ? new StringBuilder(run).reverse().toString() : run;
        }
        java.text.Bidi.reorderVisually(levels, 0, runs, 0, n);
        return String.join("", runs);
    }

    /** The text with every character the font cannot show replaced by '?'. */
    private String visible(PDFont f, String text) {
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
        // Whole seconds: the document information's date has no fraction, and XMP must say the same instant.
        java.time.Instant at = t.exportedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        created.setTimeInMillis(at.toEpochMilli());
        doc.getDocumentInformation().setCreationDate(created);
        doc.getDocumentInformation().setModificationDate(created);
        COSArray associated = new COSArray();
        attachments.values().forEach(spec -> {
            spec.getEmbeddedFile().setModDate(created);
            associated.add(spec);
        });
        doc.getDocumentCatalog().getCOSObject().setItem(COSName.getPDFName("AF"), associated);
        PDMetadata metadata = new PDMetadata(doc);
        metadata.importXMPMetadata(xmp("Chancery export: " + t.query(), t.exportedBy(), at.toString())
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        doc.getDocumentCatalog().setMetadata(metadata);
        PDOutputIntent intent = new PDOutputIntent(doc, new java.io.ByteArrayInputStream(
                java.awt.color.ICC_Profile.getInstance(java.awt.color.ColorSpace.CS_sRGB).getData()));
        intent.setInfo(SRGB);
        intent.setOutputCondition(SRGB);
        intent.setOutputConditionIdentifier(SRGB);
        intent.setRegistryName("http://www.color.org");
        doc.getDocumentCatalog().addOutputIntent(intent);
        doc.save(file.toFile());
        doc.close();
        return FileDigest.hex(file, "SHA-256");
    }

    /** The XMP packet: PDF/A-3b identification, and title, author, dates and producer as in the document information. */
    static String xmp(String title, String author, String at) {
        return "<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
                + "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
                + "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
                + "<rdf:Description rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\""
                + " xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\""
                + " xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n"
                + "<pdfaid:part>3</pdfaid:part>\n<pdfaid:conformance>B</pdfaid:conformance>\n"
                + "<dc:format>application/pdf</dc:format>\n"
                + "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">" + escape(title) + "</rdf:li></rdf:Alt></dc:title>\n"
                + "<dc:creator><rdf:Seq><rdf:li>" + escape(author) + "</rdf:li></rdf:Seq></dc:creator>\n"
                + "<xmp:CreateDate>" + at + "</xmp:CreateDate>\n<xmp:ModifyDate>" + at + "</xmp:ModifyDate>\n"
                + "<pdf:Producer>Chancery</pdf:Producer>\n"
                + "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>";
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                default -> {
                    if (c >= 0x20 || c == '\t') {
                        b.appendCodePoint(c); // XML 1.0 forbids the other control characters
                    }
                }
            }
        });
        return b.toString();
    }

    @Override
    public void close() throws IOException {
        doc.close();
    }
}
