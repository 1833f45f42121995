package rwsweep.driver.sweep;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The learning-rate pairs as a random search:
 * {@code lambda: {sample: log-uniform, in: [0.001, 0.1], out: [0.01, 0.1], n: 8}} draws n pairs
 * (λin, λout), each rate from its own range (or fixed: {@code out: 0.05}), both from one seeded
 * generator ({@link SampledAxis}: the block's {@code seed:} or one derived from the sweep's name),
 * so the same file gives the same pairs and a rerun resumes. The pairs are in {@link LambdaPair}
 * order; no two are equal.
 */
final class LambdaSample {
    private static final List<String> KEYS = List.of("sample", "in", "out", "n", "seed");

    private LambdaSample() { }

    /** The pairs of a {@code lambda:} sample block. */
    static List<LambdaPair> parse(YamlValue block, String sweepName) {
        SweepKey p = SweepKey.LAMBDA;
        if (block.get("sample") == null) throw block.error(p, "got a map without 'sample' (a map is a sample block)");
        block.requireKnownKeys(KEYS);
        boolean log = SampledAxis.law(block, p).equals("log-uniform");
        double[] in = range(block, "in");
        double[] out = range(block, "out");
        YamlValue nNode = block.get("n");
        if (nNode == null) throw block.error(p, "got a sample block without 'n'");
        int n = nNode.integer(p, 1);
        Limits.requireSteps(nNode, p, n);
        if (in[0] == in[1] && out[0] == out[1] && n > 1) {
            throw nNode.error(p, "got " + n + " samples with both rates fixed, which is one pair");
        }
        // a single range's room for distinct values bounds n as for any sampled axis
        if (in[0] != in[1]) SampledAxis.count(block, p, in[0], in[1]);
        else SampledAxis.count(block, p, out[0], out[1]);
        SplittableRandom random = new SplittableRandom(SampledAxis.seed(block, p, sweepName));
        Set<LambdaPair> seen = new HashSet<>();
        List<LambdaPair> pairs = new ArrayList<>();
        while (pairs.size() < n) {
            // both draws are taken every time, fixed rate or not, so fixing one rate keeps the other's values
            double uIn = random.nextDouble();
            double uOut = random.nextDouble();
            LambdaPair pair = new LambdaPair(SampledAxis.at(log, in[0], in[1], uIn), SampledAxis.at(log, out[0], out[1], uOut));
            if (seen.add(pair)) pairs.add(pair);
        }
        pairs.sort(null);
        return List.copyOf(pairs);
    }

    /** {@code [from, to]} of one rate: a range, or a number for a fixed rate (from = to). */
    private static double[] range(YamlValue block, String key) {
        SweepKey p = SweepKey.LAMBDA;
        YamlValue node = block.get(key);
        if (node == null) throw block.error(p, "got a sample block without '" + key + "'");
        if (!node.isList()) {
            double v = node.positive(p);
            return new double[] {v, v};
        }
        List<YamlValue> items = node.items(p);
        if (items.size() != 2) throw node.error(p, "got a list of " + items.size() + " where a range [from, to] belongs");
        double from = items.get(0).positive(p);
        double to = items.get(1).positive(p);
        if (!(from < to)) throw node.error(p, "got from " + NumberText.plain(from) + " not below to " + NumberText.plain(to));
        return new double[] {from, to};
    }
}
