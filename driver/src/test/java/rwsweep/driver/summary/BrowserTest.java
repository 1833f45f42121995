package rwsweep.driver.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rwsweep.worker.spec.TrialResult;

/**
 * The report and the comparison page in a real browser, headless Chromium (Debian's
 * {@code chromium}): every image decodes (complete, with a natural width), every trial's curve
 * drawing has a size, and a screenshot shows the page drawn, not blank. The page is the file
 * {@link Summary#write} makes, opened on its own from a directory with nothing else in it — what a
 * reader gets who was mailed index.html. Chromium's start costs a few seconds: run once, in verify.
 */
@Tag("browser")
class BrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    /** What the page reports about itself once loaded: images loaded/all, drawn SVGs/all. */
    private static final String PROBE = """
            <script>
            window.addEventListener('load', function () {
              var imgs = Array.from(document.images);
              var ok = imgs.filter(function (i) { return i.complete && i.naturalWidth > 0; }).length;
              var svgs = Array.from(document.querySelectorAll('svg'));
              var drawn = svgs.filter(function (s) { var r = s.getBoundingClientRect(); return r.width > 0 && r.height > 0; }).length;
              var p = document.createElement('pre');
              p.id = 'probe';
              p.textContent = 'images ' + ok + '/' + imgs.length + ' svg ' + drawn + '/' + svgs.length;
              document.body.appendChild(p);
            });
            </script>
            """;

    @Test
    void theReportRendersWithEveryImageLoaded(@TempDir Path tmp) throws Exception {
        requireChromium();
        List<TrialResult> results = SweepFixtures.trained();
        Path summary = tmp.resolve("summary");
        Summary.write(results, SummaryOptions.of("browser check", "name: browser\n").withPlanned(results.size()), summary);
        int[] counts = probe(summary.resolve("index.html"), tmp);
        assertEquals(11, counts[1], "the report's plots (3 panels)");
        assertEquals(counts[1], counts[0], "every image loaded");
        assertTrue(counts[3] >= results.size(), "a curve per trial: " + counts[3]);
        assertEquals(counts[3], counts[2], "every curve drawn");
        screenshotIsDrawn(summary.resolve("index.html"), tmp);
    }

    @Test
    void theComparisonRendersWithEveryImageLoaded(@TempDir Path tmp) throws Exception {
        requireChromium();
        List<TrialResult> results = SweepFixtures.trained();
        Path page = SweepComparison.of("A", results, "B", results, 0.05).write(tmp.resolve("cmp"), "A", "B");
        int[] counts = probe(page, tmp);
        assertTrue(counts[1] >= 2, "a plot per panel with g varied: " + counts[1]);
        assertEquals(counts[1], counts[0], "every image loaded");
    }

    private static void requireChromium() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM),
                "skipped: no " + CHROMIUM + " (apt-get install chromium) to render the report in a browser");
    }

    /**
     * Opens a copy of {@code page}, alone in a fresh directory (so nothing beside it can be loaded)
     * with {@link #PROBE} appended, and reads back {loaded images, images, drawn svgs, svgs}.
     */
    private static int[] probe(Path page, Path tmp) throws Exception {
        Path alone = Files.createDirectories(tmp.resolve("alone-" + System.nanoTime()));
        String html = Files.readString(page);
        Path copy = alone.resolve("index.html");
        Files.writeString(copy, html.replace("</body>", PROBE + "</body>"), StandardCharsets.UTF_8);
        String dom = chromium(tmp, "--dump-dom", copy.toUri().toString());
        Matcher m = Pattern.compile("images (\\d+)/(\\d+) svg (\\d+)/(\\d+)").matcher(dom);
        assertTrue(m.find(), "the probe ran: " + dom.substring(0, Math.min(300, dom.length())));
        return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
            Integer.parseInt(m.group(4))};
    }

    /** A screenshot of the page's top: mostly white, but with hundreds of thousands of drawn (non-white) pixels. */
    private static void screenshotIsDrawn(Path page, Path tmp) throws Exception {
        Path shot = tmp.resolve("shot.png");
        chromium(tmp, "--screenshot=" + shot, "--window-size=1400,2400", page.toUri().toString());
        BufferedImage image = ImageIO.read(shot.toFile());
        assertEquals(1400, image.getWidth());
        long drawn = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) if ((image.getRGB(x, y) & 0xffffff) != 0xffffff) drawn++;
        }
        double share = (double) drawn / ((long) image.getWidth() * image.getHeight());
        assertTrue(share > 0.05 && share < 0.9, "drawn share " + share);
    }

    /** Runs headless Chromium with its own profile directory; returns what it printed on stdout. */
    private static String chromium(Path tmp, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--hide-scrollbars", "--user-data-dir=" + Files.createTempDirectory(tmp, "profile"), "--virtual-time-budget=5000"));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(tmp, "chromium", ".out");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish in 120 s: " + cmd);
        }
        assertEquals(0, p.exitValue(), "chromium " + cmd);
        return Files.readString(out);
    }
}
