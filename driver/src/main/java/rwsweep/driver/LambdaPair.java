package rwsweep.driver;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One value of the lambda axis: the learning rates (lambda_in, lambda_out) that fix the per-layer
 * schedule lambda_d = lambda_out (lambda_in/lambda_out)^((D-d)/(D_max-1)) (paper.md). Written
 * {@code [0.01, 0.001]}; the axis is one such pair or a list of them.
 */
public final class LambdaPair {
    private final double in;
    private final double out;

    public LambdaPair(double in, double out) {
        this.in = in;
        this.out = out;
    }

    public double in() { return in; }
    public double out() { return out; }

    /** One pair {@code [a, b]} or a list of pairs {@code [[a, b], [c, d]]}. */
    static List<LambdaPair> parse(SweepNode n) {
        Hyperparameter p = Hyperparameter.LAMBDA;
        List<SweepNode> items = n.items(p);
        if (!n.isList() || items.get(0).isNumber()) return List.of(pair(n));
        List<LambdaPair> pairs = new ArrayList<>();
        for (SweepNode item : items) pairs.add(pair(item));
        return pairs;
    }

    private static LambdaPair pair(SweepNode n) {
        Hyperparameter p = Hyperparameter.LAMBDA;
        if (!n.isList()) throw n.error(p, "got " + n.describe());
        List<SweepNode> items = n.items(p);
        if (items.size() != 2) throw n.error(p, "got a list of " + items.size() + " where a pair [lambda_in, lambda_out] belongs");
        return new LambdaPair(items.get(0).positive(p), items.get(1).positive(p));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LambdaPair other && in == other.in && out == other.out;
    }

    @Override
    public int hashCode() { return Objects.hash(in, out); }

    @Override
    public String toString() { return "[" + GValues.num(in) + ", " + GValues.num(out) + "]"; }
}
