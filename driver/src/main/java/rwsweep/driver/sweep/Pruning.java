package rwsweep.driver.sweep;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeSet;
import rwsweep.worker.Architecture;
import rwsweep.worker.spec.Task;
import rwsweep.worker.spec.TrialField;
import rwsweep.worker.spec.TrialSpec;

/**
 * The sweep's pruning rule (sweep-file key {@code prune}): which trials stop early, decided at
 * fixed epochs (rungs) from the training error every trial of a net recorded there. The rule
 * itself, pure and without Spark; running trials rung by rung is the Spark side's.
 *
 * <p>Two rules, usable together; a trial is pruned at a rung when either says so:
 * <ul>
 *   <li><b>successive halving</b> ({@code halving}): at each rung epoch e, the trials of one net
 *       ({@link #groupOf}: nonlinearity, layer sizes, task, data — so a hard depth is never ranked
 *       against an easy one) that reached e are ranked by their error after epoch e, ties broken
 *       by trial key, and the best ceil(n / reduction) go on; the rungs are grace, grace·reduction,
 *       grace·reduction², … or a given list;
 *   <li><b>chance</b> ({@code chance}): a classifier whose error after epoch {@code after} is
 *       still within {@code within} of chance, 1 − 1/classes, stops there.
 * </ul>
 * A decision depends only on the errors at the rung of every trial of the group that reached it,
 * never on the order trials finished in: the same sweep prunes the same trials every time.
 *
 * @param halving successive halving, if the sweep asks for it
 * @param chance  the chance rule, if the sweep asks for it
 */
public record Pruning(Optional<Halving> halving, Optional<Chance> chance) {
    /** Successive halving: the rung epochs (given, or grace·reduction^i) and the reduction factor. */
    public record Halving(int grace, int reduction, List<Integer> givenRungs) {
        public static final int DEFAULT_GRACE = 2;
        public static final int DEFAULT_REDUCTION = 3;

        public Halving {
            givenRungs = List.copyOf(givenRungs);
        }

        /** The rung epochs below {@code epochs}, ascending. */
        public List<Integer> rungs(int epochs) {
            List<Integer> out = new ArrayList<>();
            if (!givenRungs.isEmpty()) {
                for (int e : givenRungs) if (e < epochs) out.add(e);
                return out;
            }
            for (long e = grace; e < epochs; e *= reduction) out.add((int) e);
            return out;
        }

        /** How many of {@code n} trials that reached a rung go on: ceil(n / reduction), at least one. */
        public int kept(int n) {
            return Math.max(1, (n + reduction - 1) / reduction);
        }
    }

    /** The chance rule: stop a classifier whose error after epoch {@code after} is at least chance − within. */
    public record Chance(int after, double within) {
        public static final double DEFAULT_WITHIN = 0.05;
    }

    /**
     * One trial at a rung: its key, its net ({@link #groupOf}), its training error after the rung
     * epoch, and the chance error of its task (empty for auto-encoders, which have none).
     */
    public record Standing(String key, String group, double error, OptionalDouble chanceError) {
        /** The standing of {@code spec} whose error after the rung epoch was {@code error}. */
        public static Standing of(TrialSpec spec, double error) {
            return new Standing(spec.key(), groupOf(spec), error, Pruning.chanceError(spec));
        }
    }

    /** No rule: every trial runs every epoch. */
    public boolean isEmpty() {
        return halving.isEmpty() && chance.isEmpty();
    }

    /**
     * The net a trial belongs to for ranking: nonlinearity, every layer size (so depth and width),
     * task, training data and its size. Trials differing only in g, λ, init, seed or schedule
     * compete; a net is never ranked against another.
     */
    public static String groupOf(TrialSpec spec) {
        return TrialField.spelling(spec.activation()) + " " + Architecture.shape(spec.sizes()) + " " + TrialField.spelling(spec.task())
                + " data=" + spec.dataId() + " n=" + spec.trainSize();
    }

    /** 1 − 1/classes for a classifier, the error of guessing; empty for an auto-encoder. */
    public static OptionalDouble chanceError(TrialSpec spec) {
        if (spec.task() != Task.CLASSIFY) return OptionalDouble.empty();
        int[] sizes = spec.sizes();
        return OptionalDouble.of(1 - 1.0 / sizes[sizes.length - 1]);
    }

    /** The epochs below {@code epochs} at which a trial of that many epochs meets a decision, ascending. */
    public List<Integer> rungs(int epochs) {
        TreeSet<Integer> out = new TreeSet<>();
        halving.ifPresent(h -> out.addAll(h.rungs(epochs)));
        chance.filter(c -> c.after() < epochs).ifPresent(c -> out.add(c.after()));
        return List.copyOf(out);
    }

    /**
     * The trials pruned at rung {@code epoch} among {@code standings} (every trial that reached it,
     * of any net), each with the reason its record keeps; in the standings' order. The same
     * standings in any order give the same answer.
     */
    public Map<String, String> prunedAt(int epoch, List<Standing> standings) {
        Map<String, String> reasons = new LinkedHashMap<>();
        if (chance.isPresent() && chance.get().after() == epoch) {
            double within = chance.get().within();
            for (Standing s : standings) {
                if (s.chanceError().isPresent() && s.error() >= s.chanceError().getAsDouble() - within) {
                    reasons.put(s.key(), "pruned after epoch " + epoch + ": error " + NumberText.compact(s.error())
                            + " within " + NumberText.compact(within) + " of chance " + NumberText.compact(s.chanceError().getAsDouble()));
                }
            }
        }
        if (halving.isPresent() && halving.get().rungs(Integer.MAX_VALUE).contains(epoch)) {
            Map<String, List<Standing>> byGroup = new LinkedHashMap<>();
            for (Standing s : standings) byGroup.computeIfAbsent(s.group(), g -> new ArrayList<>()).add(s);
            for (List<Standing> group : byGroup.values()) {
                List<Standing> ranked = new ArrayList<>(group);
                // NaN (an error never seen in a recorded curve) ranks last
                ranked.sort(Comparator.comparingDouble((Standing s) -> Double.isNaN(s.error()) ? Double.POSITIVE_INFINITY : s.error())
                        .thenComparing(Standing::key));
                int kept = halving.get().kept(ranked.size());
                for (int i = kept; i < ranked.size(); i++) {
                    reasons.putIfAbsent(ranked.get(i).key(), "pruned after epoch " + epoch + ": error "
                            + NumberText.compact(ranked.get(i).error()) + " ranked " + (i + 1) + " of " + ranked.size()
                            + " trials of its net, successive halving kept " + kept);
                }
            }
        }
        Map<String, String> ordered = new LinkedHashMap<>();
        for (Standing s : standings) if (reasons.containsKey(s.key())) ordered.put(s.key(), reasons.get(s.key()));
        return ordered;
    }

    /** Trial-epochs of {@code trials} when none is pruned: the worst case. */
    public static long trialEpochs(List<TrialSpec> trials) {
        long sum = 0;
        for (TrialSpec t : trials) sum += t.epochs();
        return sum;
    }

    /**
     * Trial-epochs of {@code trials} if successive halving prunes all it may at every rung (and
     * the chance rule nothing): per net, ceil(n/reduction) of the n trials that reach a rung go on,
     * the longest ones taken as the survivors. Without halving, the worst case.
     */
    public long fewestTrialEpochs(List<TrialSpec> trials) {
        if (halving.isEmpty()) return trialEpochs(trials);
        Map<String, List<Integer>> byGroup = new LinkedHashMap<>();
        for (TrialSpec t : trials) byGroup.computeIfAbsent(groupOf(t), g -> new ArrayList<>()).add(t.epochs());
        long sum = 0;
        for (List<Integer> group : byGroup.values()) {
            List<Integer> alive = new ArrayList<>(group);
            alive.sort(Comparator.reverseOrder());
            int done = 0; // epochs every alive trial has run
            for (int rung : halving.get().rungs(alive.get(0))) {
                List<Integer> reaching = new ArrayList<>();
                for (int e : alive) {
                    if (e > rung) reaching.add(e);
                    else sum += e - done;       // ends before the rung
                }
                sum += (long) reaching.size() * (rung - done);
                alive = reaching.subList(0, halving.get().kept(reaching.size()));
                done = rung;
                if (alive.isEmpty()) break;
            }
            for (int e : alive) sum += e - done;
        }
        return sum;
    }

    /** One line for {@code plan}: the rules and their rungs. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        halving.ifPresent(h -> parts.add("successive halving per net at epochs "
                + (h.givenRungs().isEmpty() ? h.grace() + ", " + (long) h.grace() * h.reduction() + ", ... (x" + h.reduction() + ")"
                        : h.givenRungs().toString().replaceAll("[\\[\\]]", ""))
                + ", keeping 1/" + h.reduction()));
        chance.ifPresent(c -> parts.add("classifiers still within " + NumberText.compact(c.within()) + " of chance after epoch " + c.after()));
        return String.join("; ", parts);
    }

    /** The {@code prune} value of a sweep file, if it has one (absent or {@code none}: no pruning). */
    static Optional<Pruning> parse(YamlValue root, Task task) {
        YamlValue node = root.get(SweepKey.PRUNE.key());
        if (node == null) return Optional.empty();
        if (node.isText()) {
            node.choice(SweepKey.PRUNE, List.of("none"));
            return Optional.empty();
        }
        if (!node.isMap()) throw node.error(SweepKey.PRUNE, "got " + node.describe());
        node.requireKnownKeys(localKeys("prune"));
        Optional<Halving> halving = Optional.ofNullable(node.get(SweepKey.PRUNE_HALVING.localKey())).map(Pruning::halving);
        Optional<Chance> chance = Optional.ofNullable(node.get(SweepKey.PRUNE_CHANCE.localKey())).map(c -> chance(c, task));
        if (halving.isEmpty() && chance.isEmpty()) throw node.error(SweepKey.PRUNE, "got a map with no rule");
        return Optional.of(new Pruning(halving, chance));
    }

    private static List<String> localKeys(String section) {
        return SweepKey.section(section).stream().map(SweepKey::localKey).toList();
    }

    private static Halving halving(YamlValue node) {
        if (!node.isMap()) throw node.error(SweepKey.PRUNE_HALVING, "got " + node.describe());
        node.requireKnownKeys(localKeys("prune.halving"));
        YamlValue graceNode = node.get(SweepKey.PRUNE_GRACE.localKey());
        YamlValue reductionNode = node.get(SweepKey.PRUNE_REDUCTION.localKey());
        YamlValue rungsNode = node.get(SweepKey.PRUNE_RUNGS.localKey());
        int reduction = reductionNode == null ? Halving.DEFAULT_REDUCTION : reductionNode.integer(SweepKey.PRUNE_REDUCTION, 2);
        if (rungsNode == null) {
            int grace = graceNode == null ? Halving.DEFAULT_GRACE : graceNode.integer(SweepKey.PRUNE_GRACE, 1);
            return new Halving(grace, reduction, List.of());
        }
        if (graceNode != null) throw graceNode.error(SweepKey.PRUNE_GRACE, "got grace beside rungs, which fix the first rung themselves");
        List<Integer> rungs = new ArrayList<>();
        for (YamlValue r : rungsNode.items(SweepKey.PRUNE_RUNGS)) {
            int e = r.integer(SweepKey.PRUNE_RUNGS, 1);
            if (!rungs.isEmpty() && e <= rungs.get(rungs.size() - 1)) {
                throw r.error(SweepKey.PRUNE_RUNGS, "got " + e + " after " + rungs.get(rungs.size() - 1));
            }
            rungs.add(e);
        }
        return new Halving(rungs.get(0), reduction, rungs);
    }

    private static Chance chance(YamlValue node, Task task) {
        if (!node.isMap()) throw node.error(SweepKey.PRUNE_CHANCE, "got " + node.describe());
        if (task != Task.CLASSIFY) throw node.error(SweepKey.PRUNE_CHANCE, "got it for task " + TrialField.spelling(task));
        node.requireKnownKeys(localKeys("prune.chance"));
        YamlValue afterNode = node.get(SweepKey.PRUNE_AFTER.localKey());
        if (afterNode == null) throw node.missing(SweepKey.PRUNE_AFTER);
        int after = afterNode.integer(SweepKey.PRUNE_AFTER, 1);
        YamlValue withinNode = node.get(SweepKey.PRUNE_WITHIN.localKey());
        double within = withinNode == null ? Chance.DEFAULT_WITHIN : withinNode.number(SweepKey.PRUNE_WITHIN);
        if (within < 0 || within >= 1) throw withinNode.error(SweepKey.PRUNE_WITHIN, "got " + within);
        return new Chance(after, within);
    }
}
