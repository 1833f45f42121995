package rwsweep.worker;
import java.util.random.RandomGenerator;
public final class Init {
    private Init() { }
    public static void initialize(TrialSpec spec, Network net, float[] params, RandomGenerator rng) {
        for (int d = 1; d <= net.depth(); d++) {
            double sd = spec.gain(d) / Math.sqrt(net.size(d - 1));
            for (int i = net.weightOffset(d); i < net.biasOffset(d); i++) params[i] = (float) (sd * rng.nextGaussian());
        }
    }
}
