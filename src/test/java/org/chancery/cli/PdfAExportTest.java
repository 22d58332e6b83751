package org.chancery.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.color.PDOutputIntent;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * The PDF export is PDF/A-3b: identified in its XMP, fonts embedded, an sRGB output intent, the JSON attachments
 * kept; and Arabic text from real v1.1 search results can be read back from the page text.
 */
class PdfAExportTest {
    private static final Path FIXTURE = Path.of("src/test/resources/fixtures/export/search_arabic_japanese.json");
    private static final String PDFAID = "http://www.aiim.org/pdfa/ns/id/";

    @TempDir
    static Path dir;
    static Path pdf;
    static JsonNode statuses;

    @BeforeAll
    static void importAndExport() throws Exception {
        statuses = new ObjectMapper().readTree(FIXTURE.toFile()).path("statuses");
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.copy(FIXTURE, in.resolve(FIXTURE.getFileName()));
        Cli cli = new Cli(dir.resolve("data"));
        Cli.Result imported = cli.run("import", in.toString());
        assertEquals(0, imported.exitCode(), imported.out() + imported.err());
        pdf = dir.resolve("report.pdf");
        Cli.Result r = cli.run("export", "since:2000-01-01", "--format", "pdf", "--out", pdf.toString(), "--by", "Ada");
        assertEquals(0, r.exitCode(), r.out() + r.err());
    }

    @Test
    void xmpDeclaresPdfA3bAndAnSrgbOutputIntentIsPresent() throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            byte[] xmp = doc.getDocumentCatalog().getMetadata().toByteArray();
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            Document x = f.newDocumentBuilder().parse(new ByteArrayInputStream(xmp));
            assertEquals("3", x.getElementsByTagNameNS(PDFAID, "part").item(0).getTextContent());
            assertEquals("B", x.getElementsByTagNameNS(PDFAID, "conformance").item(0).getTextContent());
            List<PDOutputIntent> intents = doc.getDocumentCatalog().getOutputIntents();
            assertEquals(1, intents.size());
            byte[] icc;
            try (java.io.InputStream in = intents.get(0).getDestOutputIntent().createInputStream()) {
                icc = in.readAllBytes();
            }
            // An ICC profile names its colour space at bytes 16..19.
            assertEquals("RGB ", new String(icc, 16, 4, StandardCharsets.US_ASCII));
            assertEquals("GTS_PDFA1", intents.get(0).getCOSObject().getNameAsString(COSName.S));
            assertEquals(statuses.size(), doc.getDocumentCatalog().getNames().getEmbeddedFiles().getNames().size());
            assertEquals(statuses.size(), doc.getDocumentCatalog().getCOSObject().getCOSArray(COSName.getPDFName("AF")).size());
        }
    }

    @Test
    void everyFontOnEveryPageIsEmbedded() throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            int fonts = 0;
            for (PDPage page : doc.getPages()) {
                PDResources res = page.getResources();
                for (COSName name : res.getFontNames()) {
                    PDFont font = res.getFont(name);
                    assertTrue(font.isEmbedded(), font.getName() + " is not embedded");
                    fonts++;
                }
            }
            assertTrue(fonts > 0);
        }
    }

    @Test
    void arabicTextOfTheTweetsIsExtractableFromThePages() throws Exception {
        String text;
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            text = new PDFTextStripper().getText(doc);
        }
        List<String> words = new ArrayList<>();
        for (JsonNode s : statuses) {
            for (String w : s.path("text").asText().split("\\s+")) {
                if (!w.isEmpty() && w.codePoints().allMatch(c -> c >= 0x0621 && c <= 0x064A)) {
                    words.add(w);
                }
            }
        }
        assertTrue(words.size() > 20, words.toString());
        for (String w : words) {
            assertTrue(text.contains(w), "the page text lacks the Arabic word " + w);
        }
    }
}
