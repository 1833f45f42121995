package rwsweep.driver.sweep;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Random search on an axis: {@code n} values drawn between {@code from} and {@code to}, uniform
 * or log-uniform (uniform in ln g, which gives each decade of a gain or a learning rate the same
 * share), from a seeded generator. The seed is the block's {@code seed:} or, without one, one
 * derived from the sweep's name and the key's place in the file, so the same file always gives the
 * same values: a random-search sweep resumes like a grid (its trials keep their keys).
 *
 * <p>Each value is rounded to {@value #DIGITS} significant digits ({@link NumberText#rounded}) so
 * that the key holds the number a table shows in full; a draw that rounds onto an earlier value
 * is drawn again (deterministically), so the axis has {@code n} distinct values. They are kept in
 * ascending order, as a grid's are.
 */
public final class SampledAxis {
    /** The laws a {@code sample:} block may name. */
    public static final List<String> LAWS = List.of("uniform", "log-uniform");
    /** Significant digits kept of each drawn value. */
    static final int DIGITS = 6;
    /** The keys of a sample block that every sampled axis shares. */
    static final List<String> KEYS = List.of("sample", "from", "to", "n", "seed");

    private SampledAxis() { }

    /** {@code n} distinct values in [from, to] drawn by {@code law} from {@code seed}, ascending. */
    public static double[] draw(String law, double from, double to, int n, long seed) {
        boolean log = law.equals("log-uniform");
        SplittableRandom random = new SplittableRandom(seed);
        Set<Double> seen = new HashSet<>();
        double[] values = new double[n];
        int filled = 0;
        // a range too narrow for n distinct 6-digit values would never fill: the caller checks n against it
        while (filled < n) {
            double v = at(log, from, to, random.nextDouble());
            if (seen.add(v)) values[filled++] = v;
        }
        Arrays.sort(values);
        return values;
    }

    /** The value a uniform draw {@code u} in [0, 1) gives between from and to, rounded to {@value #DIGITS} digits. */
    static double at(boolean log, double from, double to, double u) {
        return NumberText.rounded(log ? from * Math.pow(to / from, u) : from + (to - from) * u, DIGITS);
    }

    /** The seed a block without {@code seed:} uses: stable in the sweep's name and the key's path (FNV-1a, 64 bits). */
    static long derivedSeed(String sweepName, String path) {
        long h = 0xcbf29ce484222325L;
        for (byte b : (sweepName + "/" + path).getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }

    /** The block's law, read from its {@code sample:} key. */
    static String law(YamlValue block, SweepKey p) {
        return block.get("sample").choice(p, LAWS);
    }

    /** The block's {@code n}: at least 1, and no more values than the range's 6-digit numbers hold. */
    static int count(YamlValue block, SweepKey p, double from, double to) {
        YamlValue nNode = block.get("n");
        if (nNode == null) throw block.error(p, "got a sample block without 'n'");
        int n = nNode.integer(p, 1);
        Limits.requireSteps(nNode, p, n);
        // the spacing of 6-digit numbers at the top of the range bounds how many distinct ones fit
        double spacing = Math.pow(10, Math.floor(Math.log10(to)) - (DIGITS - 1));
        if (n > (to - from) / spacing / 2) {
            throw nNode.error(p, "got " + n + " samples in " + NumberText.plain(from) + ".." + NumberText.plain(to)
                    + ", more than its " + DIGITS + "-digit values leave room for");
        }
        return n;
    }

    /** The block's seed, or the derived one. */
    static long seed(YamlValue block, SweepKey p, String sweepName) {
        YamlValue seedNode = block.get("seed");
        return seedNode == null ? derivedSeed(sweepName, block.path().isEmpty() ? p.key() : block.path()) : seedNode.longInteger(p);
    }

    /** The block as a sweep file writes it, seed included (so a copy elsewhere draws the same values). */
    static String yaml(String law, String from, String to, int n, long seed) {
        return String.format(Locale.ROOT, "{sample: %s, from: %s, to: %s, n: %d, seed: %d}", law, from, to, n, seed);
    }
}
