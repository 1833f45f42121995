package rwsweep.driver.summary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import rwsweep.worker.Blas;
import rwsweep.worker.spec.TrialResult;
import rwsweep.worker.spec.TrialStatus;

/**
 * index.html of the real MNIST sweep, read back with the JDK's XML parser (the report is
 * well-formed XML by design): every image it references is a valid PNG beside it, every table it
 * shows equals the CSV of the same id cell for cell, and text is escaped, not interpreted.
 */
class ReportTest {
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @Test
    void theReportShowsExactlyTheCsvTablesAndValidPngs(@TempDir Path dir) throws Exception {
        List<TrialResult> results = SweepFixtures.trained();
        Files.createDirectories(dir.resolve("plots"));
        Files.writeString(dir.resolve("plots/stale-from-an-earlier-summary.png"), "old");
        String name = "mnist <b>tiny</b> & \"quoted\" 'sweep'";
        String yaml = "name: tiny\n# g < 3 && D > 1\ng: [0.5, 1.1, 2.0]\n";
        Path index = Summary.write(results, SummaryOptions.of(name, yaml).withPlanned(100), dir);
        assertEquals(dir.resolve("index.html"), index);
        assertFalse(Files.exists(dir.resolve("plots/stale-from-an-earlier-summary.png")), "stale plots are removed");

        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(index.toFile());
        assertEquals(name, text(doc, "h1").get(0), "the name is shown as text, escaped");
        assertEquals(yaml, text(doc, "pre").get(0), "the sweep file is shown verbatim");

        int ok = 0, diverged = 0, failed = 0;
        for (TrialResult r : results) {
            if (r.status() == TrialStatus.OK) ok++;
            else if (r.status() == TrialStatus.DIVERGED) diverged++;
            else failed++;
        }
        assertEquals(results.size() + " of 100 trials done (" + Math.round(100.0 * results.size() / 100) + "%): "
                + ok + " OK, " + diverged + " diverged, " + failed + " failed.", text(doc, "p").get(0));

        // Every image: inlined as a data: URI (the page needs no file beside it), PNG magic bytes,
        // decodable, the very bytes of the PNG file its figure links to, with the SVG beside it.
        NodeList imgs = doc.getElementsByTagName("img");
        Set<String> shownPlots = new HashSet<>();
        for (int i = 0; i < imgs.getLength(); i++) {
            Element img = (Element) imgs.item(i);
            String src = img.getAttribute("src");
            assertTrue(src.startsWith("data:image/png;base64,"), src.substring(0, Math.min(40, src.length())));
            byte[] bytes = java.util.Base64.getDecoder().decode(src.substring("data:image/png;base64,".length()));
            assertArrayEquals(PNG_MAGIC, Arrays.copyOf(bytes, 8));
            BufferedImage image = ImageIO.read(new java.io.ByteArrayInputStream(bytes));
            assertNotNull(image);
            assertTrue(image.getWidth() >= 700 && image.getHeight() >= 250, image.getWidth() + "×" + image.getHeight());
            NodeList links = ((Element) img.getParentNode()).getElementsByTagName("a");
            assertEquals(2, links.getLength(), "links to the PNG and the SVG");
            String file = ((Element) links.item(0)).getAttribute("href");
            assertArrayEquals(Files.readAllBytes(dir.resolve(file)), bytes, file);
            String svg = ((Element) links.item(1)).getAttribute("href");
            assertEquals(file.replace(".png", ".svg"), svg);
            assertTrue(Files.readString(dir.resolve(svg)).contains("<svg"), svg);
            shownPlots.add(file);
        }
        // Figure 3 only where g varies; the He panel has a single g. Figure 4 and curves for every panel.
        Set<String> expected = Set.of(
                "plots/figure3-tanh-gaussian-classify.png", "plots/figure3-relu-gaussian-classify.png",
                "plots/figure4-tanh-gaussian-classify.png", "plots/figure4-relu-gaussian-classify.png",
                "plots/figure4-tanh-he-classify.png",
                "plots/curves-tanh-gaussian-classify.png", "plots/curves-relu-gaussian-classify.png",
                "plots/curves-tanh-he-classify.png",
                "plots/init-tanh-gaussian-classify.png", "plots/init-relu-gaussian-classify.png");
        for (String e : expected) assertTrue(shownPlots.contains(e), e + " in " + shownPlots);
        assertTrue(shownPlots.contains("plots/trainability-tanh-classify.png"), "gaussian against he, tanh: " + shownPlots);
        assertEquals(expected.size() + 1, shownPlots.size(), "plus the trainability map plots/trainability-tanh-classify.png: " + shownPlots);
        try (var files = Files.list(dir.resolve("plots"))) {
            assertEquals(2 * shownPlots.size(), files.count(), "every plot written is shown, each as PNG and SVG");
        }

        // Every table: the same cells as tables/<id>.csv; every non-empty CSV is shown.
        NodeList tables = doc.getElementsByTagName("table");
        Set<String> shownTables = new HashSet<>();
        for (int i = 0; i < tables.getLength(); i++) {
            Element t = (Element) tables.item(i);
            String id = t.getAttribute("id");
            List<List<String>> csv = Csv.parse(Files.readString(dir.resolve("tables/" + id + ".csv")));
            List<List<String>> html = new ArrayList<>();
            NodeList trs = t.getElementsByTagName("tr");
            for (int r = 0; r < trs.getLength(); r++) {
                List<String> cells = new ArrayList<>();
                NodeList tds = ((Element) trs.item(r)).getChildNodes();
                for (int c = 0; c < tds.getLength(); c++) {
                    // the trial tables' curve drawings are the page's only cells without a CSV column (curves.csv has the numbers)
                    if (tds.item(c) instanceof Element cell && !cell.getAttribute("class").equals("extra")) cells.add(cell.getTextContent());
                }
                html.add(cells);
            }
            assertEquals(csv, html, id);
            shownTables.add(id);
        }
        try (var files = Files.list(dir.resolve("tables"))) {
            for (Path f : files.toList()) {
                String id = f.getFileName().toString().replace(".csv", "");
                boolean hasRows = Csv.parse(Files.readString(f)).size() > 1;
                assertEquals(hasRows, shownTables.contains(id), id);
            }
        }
        assertTrue(shownTables.containsAll(Set.of("progress", "paper-check", "best-g", "provenance",
                "figure3-tanh-gaussian-classify", "figure3-pairs-relu-gaussian-classify", "figure4-tanh-he-classify")), shownTables.toString());

        // Every trial is a row of its panel's trial table, with its key and a curve drawing; every
        // link of a table cell leads to a row of a trial table that holds that cell's setting.
        Set<String> ids = new HashSet<>();
        NodeList trs = doc.getElementsByTagName("tr");
        for (int i = 0; i < trs.getLength(); i++) {
            String id = ((Element) trs.item(i)).getAttribute("id");
            if (!id.isEmpty()) ids.add(id);
        }
        int trialRows = 0;
        for (String id : shownTables) {
            if (!id.startsWith("trials-")) continue;
            List<List<String>> rows = Csv.parse(Files.readString(dir.resolve("tables/" + id + ".csv")));
            assertEquals("key", rows.get(0).get(rows.get(0).size() - 1));
            trialRows += rows.size() - 1;
        }
        // a trial in two panels (its gain equals g, fixed and tied) is listed in both
        assertTrue(trialRows >= results.size(), trialRows + " rows for " + results.size() + " trials");
        java.util.Map<String, Element> rowsById = new java.util.HashMap<>();
        for (int i = 0; i < trs.getLength(); i++) {
            Element tr = (Element) trs.item(i);
            if (!tr.getAttribute("id").isEmpty()) rowsById.put(tr.getAttribute("id"), tr);
        }
        NodeList anchors = doc.getElementsByTagName("a");
        int cellLinks = 0;
        for (int i = 0; i < anchors.getLength(); i++) {
            String href = ((Element) anchors.item(i)).getAttribute("href");
            if (!href.startsWith("#")) continue;
            assertTrue(ids.contains(href.substring(1)), href + " leads to a row");
            cellLinks++;
        }
        assertTrue(cellLinks > 0);
        // a Figure 3 cell (g, D) leads to a trial of that g and D, the pair its text names
        Element fig3 = doc.getElementById("figure3-tanh-gaussian-classify");
        if (fig3 == null) {
            for (int i = 0; i < tables.getLength(); i++) {
                if (((Element) tables.item(i)).getAttribute("id").equals("figure3-tanh-gaussian-classify")) fig3 = (Element) tables.item(i);
            }
        }
        List<String> header = new ArrayList<>();
        NodeList ths = fig3.getElementsByTagName("th");
        for (int i = 0; i < ths.getLength(); i++) header.add(ths.item(i).getTextContent());
        NodeList fig3Rows = ((Element) fig3.getElementsByTagName("tbody").item(0)).getElementsByTagName("tr");
        int checked = 0;
        for (int r = 0; r < fig3Rows.getLength(); r++) {
            NodeList tds = ((Element) fig3Rows.item(r)).getElementsByTagName("td");
            String g = tds.item(0).getTextContent();
            for (int c = 1; c < tds.getLength(); c++) {
                NodeList a = ((Element) tds.item(c)).getElementsByTagName("a");
                if (a.getLength() == 0) continue;
                Element target = rowsById.get(((Element) a.item(0)).getAttribute("href").substring(1));
                NodeList cells = target.getElementsByTagName("td");
                assertEquals(header.get(c), "D=" + cells.item(0).getTextContent());
                assertEquals(g, cells.item(1).getTextContent());
                String cell = tds.item(c).getTextContent();
                if (!cell.startsWith("no error")) {
                    assertTrue(cell.contains("] " + cells.item(2).getTextContent() + "/" + cells.item(3).getTextContent()), cell);
                }
                checked++;
            }
        }
        assertTrue(checked > 0);
        assertEquals(trialRows, doc.getElementsByTagName("svg").getLength(), "a curve per trial row");

        // Provenance: this JVM's backend, reported by every trial (the failed ones record it too).
        String backend = Blas.resolve().getClass().getSimpleName();
        assertTrue(Files.readString(dir.resolve("tables/provenance.csv")).contains("BLAS backend," + backend + "," + results.size() + "\n"));

        // summary.md holds every shown table in Markdown
        String md = Files.readString(dir.resolve("summary.md"));
        assertTrue(md.contains(Tables.figure3(PanelResults.split(results, 0.05).get(1)).markdown()));
    }

    @Test
    void anEmptySweepStillWritesAReport(@TempDir Path dir) throws Exception {
        Path index = Summary.write(List.of(), SummaryOptions.of("empty", "").withPlanned(12), dir);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(index.toFile());
        assertEquals("0 of 12 trials done (0%): 0 OK, 0 diverged, 0 failed.", text(doc, "p").get(0));
        assertEquals(0, doc.getElementsByTagName("img").getLength());
        assertEquals("", Files.readString(dir.resolve("figure3.csv")).lines().skip(1).reduce("", String::concat));
    }

    /**
     * Edge cases a plot library may trip on: every trial FAILED (no point to draw), and every error
     * 0 (every point on the log-axis floor). The summary still writes, and shows what it has.
     */
    @Test
    void allFailedAndAllZeroSweepsStillSummarise(@TempDir Path dir) throws Exception {
        List<TrialResult> failed = new ArrayList<>(), perfect = new ArrayList<>();
        for (double g : new double[] {1.0, 1.2}) {
            for (int d : new int[] {2, 40}) {
                failed.add(SweepFixtures.failed(SweepFixtures.handSpec(rwsweep.worker.Activation.TANH, g, d, 16, 0.1, 0.1, 1)));
                perfect.add(SweepFixtures.result(SweepFixtures.handSpec(rwsweep.worker.Activation.RELU, g, d, 16, 0.1, 0.1, 1),
                        TrialStatus.OK, 0.5, 0.0, 0.0));
            }
        }
        List<TrialResult> all = new ArrayList<>(failed);
        all.addAll(perfect);
        Path index = Summary.write(all, SummaryOptions.of("edge", ""), dir);
        DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(index.toFile());
        List<List<String>> fig3 = Csv.parse(Files.readString(dir.resolve("tables/figure3-tanh-gaussian-classify.csv")));
        assertEquals(List.of("1", "no error (1 failed)", "no error (1 failed)"), fig3.get(1));
        assertTrue(Files.exists(dir.resolve("plots/figure3-relu-gaussian-classify.png")));
        assertNotNull(ImageIO.read(dir.resolve("plots/figure3-relu-gaussian-classify.png").toFile()));
        // all-failed panel: nothing to draw, so no plot of it
        try (var files = Files.list(dir.resolve("plots"))) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().contains("tanh")));
        }
    }

    private static List<String> text(Document doc, String tag) {
        NodeList nodes = doc.getElementsByTagName(tag);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) out.add(nodes.item(i).getTextContent());
        return out;
    }

}
