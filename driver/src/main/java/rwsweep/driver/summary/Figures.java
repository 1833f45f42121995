package rwsweep.driver.summary;

import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import javax.imageio.ImageIO;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * A plot as files and as part of a page: every plot is written twice from the same drawing calls,
 * {@code NAME.png} (what the page shows) and {@code NAME.svg} (for papers and slides, scaled without
 * blur), and a page embeds the PNG's bytes as a data: URI, so the one index.html shows every image
 * wherever it is opened — mailed, copied off a cluster — with no directory beside it.
 */
final class Figures {
    static {
        System.setProperty("java.awt.headless", "true");
        // a PNG written to a stream is buffered in memory, not in a temp file (ImageIO's default)
        ImageIO.setUseCache(false);
    }

    private Figures() { }

    /** The height of the title strip above charts drawn side by side. */
    private static final int TITLE = 36;

    /** Writes {@code png} and the SVG beside it (same stem) of one chart. */
    static void save(Chart<?, ?> chart, Path png) {
        save(List.of(chart), null, png);
    }

    /** Charts of equal height in one row under {@code title} (null: no title strip), as PNG and SVG. */
    static void save(List<? extends Chart<?, ?>> charts, String title, Path png) {
        int width = 0, height = 0;
        for (Chart<?, ?> c : charts) {
            width += c.getWidth();
            height = Math.max(height, c.getHeight());
        }
        int top = title == null ? 0 : TITLE, w = width, h = top + height;
        Consumer<Graphics2D> paint = g -> {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, w, h);
            if (title != null) {
                g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
                g.setColor(Color.BLACK);
                g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 17));
                g.drawString(title, (w - g.getFontMetrics().stringWidth(title)) / 2, 25);
            }
            int x = 0;
            for (Chart<?, ?> c : charts) {
                Graphics2D part = (Graphics2D) g.create(x, top, c.getWidth(), c.getHeight());
                c.paint(part, c.getWidth(), c.getHeight());
                part.dispose();
                x += c.getWidth();
            }
        };
        try {
            Files.createDirectories(png.getParent());
            try (OutputStream pngOut = Files.newOutputStream(png); OutputStream svgOut = Files.newOutputStream(svgOf(png))) {
                write(paint, w, h, pngOut, svgOut);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write plot " + png, e);
        }
    }

    /** The drawing as PNG and as SVG, from the same calls. */
    private static void write(Consumer<Graphics2D> paint, int w, int h, OutputStream png, OutputStream svg) throws IOException {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        paint.accept(g);
        g.dispose();
        if (!ImageIO.write(image, "png", png)) throw new IOException("no PNG writer in this JVM");
        VectorGraphics2D vg = new VectorGraphics2D();
        paint.accept(vg);
        new SVGProcessor().getDocument(vg.getCommands(), new PageSize(0, 0, w, h)).writeTo(svg);
    }

    /**
     * Draws one small chart into memory on a thread of its own: the first drawing in a JVM loads
     * Java2D, its fonts and the PNG and SVG writers (0.6-0.8 s measured, a third of the quickstart's
     * summary). A run starts this while it loads its data and starts Spark, on one thread each,
     * so the summary after the trials finds it done.
     */
    static void warmUpInBackground() {
        Thread t = new Thread(() -> {
            XYChart chart = new XYChartBuilder().width(160).height(120).title("warm-up").xAxisTitle("g").yAxisTitle("error").build();
            chart.addSeries("D", new double[] {0.5, 1, 2}, new double[] {0.9, 0.1, 0.5});
            try {
                write(g -> chart.paint(g, 160, 120), 160, 120, OutputStream.nullOutputStream(), OutputStream.nullOutputStream());
            } catch (IOException | RuntimeException e) {
                // only a warm-up: the summary itself reports what fails
            }
        }, "plots warm-up");
        t.setDaemon(true);
        t.start();
    }

    /** x.svg beside x.png. */
    static Path svgOf(Path png) {
        String name = png.getFileName().toString();
        return png.resolveSibling(name.substring(0, name.length() - ".png".length()) + ".svg");
    }

    /** The relative name of x.svg beside the relative name x.png. */
    static String svgOf(String png) {
        return png.substring(0, png.length() - ".png".length()) + ".svg";
    }

    /** A data: URI of the PNG file's bytes. */
    static String dataUri(Path png) {
        try {
            return "data:image/png;base64," + Base64.getEncoder().encodeToString(Files.readAllBytes(png));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read plot " + png, e);
        }
    }

    /**
     * A plot as a figure of a page in {@code pageDir}: the PNG inlined, the caption, and links to
     * the PNG and SVG files beside the page (they are extras: the page needs neither).
     */
    static String html(Plots.Plot p, Path pageDir) {
        String svg = svgOf(p.file());
        StringBuilder b = new StringBuilder("<figure>\n<img src=\"").append(dataUri(pageDir.resolve(p.file())))
                .append("\" alt=\"").append(Html.escape(p.title())).append("\"/>\n<figcaption>")
                .append(Html.escape(p.caption())).append(" <span class=\"files\">Files: <a href=\"").append(Html.escape(p.file()))
                .append("\">PNG</a>");
        if (Files.isRegularFile(pageDir.resolve(svg))) b.append(", <a href=\"").append(Html.escape(svg)).append("\">SVG</a>");
        return b.append("</span></figcaption>\n</figure>\n").toString();
    }
}
