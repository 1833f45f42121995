package rwsweep.driver.sweep;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import rwsweep.worker.init.InitScheme;
import rwsweep.worker.spec.Critical;
import rwsweep.worker.spec.TrialField;
import rwsweep.worker.spec.Task;
import rwsweep.worker.theory.WalkSource;

/**
 * A sweep file, read and checked: everything that can be wrong with the file alone (syntax,
 * unknown keys, types, ranges, contradictions) is reported here as one {@link UserError} line
 * before anything runs. What needs the data as well (batch larger than the data, a p_lim too
 * small for a depth) is checked by {@link Grid}. The keys and their defaults are the
 * {@link SweepKey} table.
 *
 * <p>Each <em>point</em> of the file is one product of axes: the top level alone, or each
 * {@code combinations} entry with the axes it does not name taken from the top level.
 */
public final class SweepFile {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");
    /** Reads YAML into a plain tree; a repeated key is an error, not a silent overwrite. */
    private static final YAMLMapper YAML = new YAMLMapper(YAMLFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());

    /** The trial fields a random-walk sweep reads too: the net's shape and init, its g, the seed. */
    private static final List<TrialField<?>> WALK_FIELDS = List.of(TrialField.ACTIVATION, TrialField.PARAMETER_LIMIT,
            TrialField.INIT, TrialField.FRACTIONAL_S, TrialField.LEAKY_SLOPE, TrialField.G, TrialField.SEED, TrialField.TRAIN_SIZE);
    /** Keys that only a training sweep reads: the lambda pair, the code size, and every trial field's key a walk does not read. */
    private static final List<SweepKey> TRAIN_ONLY = trainOnly();
    /** Keys that only a random-walk sweep reads. */
    private static final List<SweepKey> WALK_ONLY = List.of(SweepKey.FIND, SweepKey.INPUT, SweepKey.SOURCE, SweepKey.NETS,
            SweepKey.SAMPLE_WALKS, SweepKey.COMPARE);

    private static List<SweepKey> trainOnly() {
        List<SweepKey> keys = new ArrayList<>(List.of(SweepKey.CODE_SIZE, SweepKey.LAMBDA, SweepKey.CHECKPOINT, SweepKey.PRUNE, SweepKey.REFINE));
        for (TrialField<?> f : TrialField.ALL) {
            if (f.sweepKey().isPresent() && !WALK_FIELDS.contains(f)) keys.add(SweepKey.of(f));
        }
        return List.copyOf(keys);
    }

    /** What a sweep runs. */
    public enum Kind { TRAIN, RANDOMWALK }

    /**
     * The settings of a random-walk sweep that are not axes: what drives the nets, where the walk
     * starts, nets per point, walks kept whole, and the training results to compare with.
     */
    public record WalkOptions(boolean dataInput, WalkSource source, int nets, int sampleWalks, Optional<String> compare) { }

    private final String file;
    private final String text;
    private final String name;
    private final Kind kind;
    private final DataSource data;       // null: a random-walk sweep driven by Gaussian inputs
    private final Task task;
    private final int dMax;
    private final Critical critical;
    private final WalkOptions walk;      // null for a training sweep
    private final OptionalDouble checkpointSeconds;
    private final List<GridAxes> points;
    private final Refinement refinement; // null: the grid alone
    private final Optional<Pruning> pruning;

    private SweepFile(String file, String text, String name, Kind kind, DataSource data, Task task, int dMax,
                      Critical critical, WalkOptions walk, OptionalDouble checkpointSeconds, List<GridAxes> points,
                      Optional<Pruning> pruning, Refinement refinement) {
        this.refinement = refinement;
        this.file = file;
        this.text = text;
        this.name = name;
        this.kind = kind;
        this.data = data;
        this.task = task;
        this.dMax = dMax;
        this.critical = critical;
        this.walk = walk;
        this.checkpointSeconds = checkpointSeconds;
        this.points = points;
        this.pruning = pruning;
    }

    /** Reads and checks the sweep file at {@code path}; messages name it as {@code path} was written. */
    public static SweepFile load(Path path) {
        String file = path.toString();
        Limits.requireFileSize(path);
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UserError(file + ": no such sweep file");
        } catch (AccessDeniedException e) {
            throw new UserError(file + ": cannot read the sweep file (permission denied)");
        } catch (MalformedInputException e) {
            throw new UserError(file + ": not UTF-8 text; a sweep file is YAML");
        } catch (IOException e) {
            throw new UserError(file + ": cannot read the sweep file (" + (Files.isDirectory(path) ? "it is a directory" : e.getMessage()) + ")");
        }
        // relative data paths are taken from the current directory, like paths on the command line,
        // so the copy of the sweep file in a results directory (used by replay) finds the same files
        return parse(file, Path.of("").toAbsolutePath(), text);
    }

    /**
     * Checks {@code text} as the sweep file named {@code file} in messages, with relative data
     * paths resolved against {@code base}.
     */
    public static SweepFile parse(String file, Path base, String text) {
        YamlValue root = YamlValue.root(file, readTree(file, text));
        if (!root.isMap()) throw new UserError(file + ": got " + root.describe() + " where a map of sweep keys belongs (see rwsweep plan --keys)");
        List<String> topKeys = new ArrayList<>();
        for (SweepKey p : SweepKey.section("")) topKeys.add(p.key());
        root.requireKnownKeys(topKeys);

        String name = defaultName(file);
        YamlValue nameNode = root.get(SweepKey.NAME.key());
        if (nameNode != null) {
            name = nameNode.text(SweepKey.NAME);
            if (!NAME.matcher(name).matches() || name.equals(".") || name.equals("..")) throw nameNode.error(SweepKey.NAME, "got '" + name + "'");
        }
        YamlValue kindNode = root.get(SweepKey.KIND.key());
        Kind kind = kindNode == null ? Kind.TRAIN
                : Kind.valueOf(kindNode.choice(SweepKey.KIND, List.of("train", "randomwalk")).toUpperCase(Locale.ROOT));
        for (SweepKey p : kind == Kind.TRAIN ? WALK_ONLY : TRAIN_ONLY) {
            YamlValue stray = root.get(p.key());
            if (stray != null) {
                throw stray.error(p, kind == Kind.TRAIN ? "given for a training sweep; it is a key of kind: randomwalk"
                        : "given for kind randomwalk, which trains nothing");
            }
        }
        YamlValue criticalNode = root.get(SweepKey.CRITICAL.key());
        Critical critical = criticalNode == null ? Critical.FINITE_DEPTH
                : Critical.of(criticalNode.choice(SweepKey.CRITICAL, List.of("finite-depth", "steady-state")));
        WalkOptions walk = kind == Kind.RANDOMWALK ? walkOptions(root, base) : null;
        YamlValue dataNode = root.get(SweepKey.DATA.key());
        if (dataNode == null && (kind == Kind.TRAIN || walk.dataInput())) throw root.missing(SweepKey.DATA);
        DataSource data = dataNode == null ? null : DataSource.parse(dataNode, base);
        YamlValue taskNode = root.get(SweepKey.TASK.key());
        Task task = taskNode == null ? TrialField.TASK.defaultValue().orElseThrow() : GridAxes.value(taskNode, TrialField.TASK, SweepKey.TASK);

        GridAxes given = GridAxes.parse(root, false, name);
        checkLevel(root, given, task, false);
        GridAxes top = given.over(defaults(task));

        List<YamlValue> comboNodes = new ArrayList<>();
        List<GridAxes> points = new ArrayList<>();
        YamlValue combos = root.get(SweepKey.COMBINATIONS.key());
        if (combos == null) {
            comboNodes.add(root);
            points.add(top);
        } else {
            List<String> singular = new ArrayList<>();
            for (SweepKey p : SweepKey.axes()) {
                boolean other = (kind == Kind.TRAIN ? WALK_ONLY : TRAIN_ONLY).contains(p);
                if (!other) singular.add(p.singular().orElseThrow());
            }
            List<YamlValue> entries = combos.items(SweepKey.COMBINATIONS);
            if (!combos.isList()) throw combos.error(SweepKey.COMBINATIONS, "got " + combos.describe());
            for (int i = 0; i < entries.size(); i++) {
                YamlValue entry = entries.get(i).at(SweepKey.COMBINATIONS.key() + "[" + (i + 1) + "]");
                if (!entry.isMap() || entry.keys().isEmpty()) throw entry.error(SweepKey.COMBINATIONS, "got " + entry.describe());
                entry.requireKnownKeys(singular);
                GridAxes combo = GridAxes.parse(entry, true, name);
                checkLevel(entry, combo, task, true);
                comboNodes.add(entry);
                points.add(combo.over(top));
            }
        }
        int largest = 0;
        for (int i = 0; i < points.size(); i++) {
            checkPoint(root, comboNodes.get(i), points.get(i));
            if (kind == Kind.RANDOMWALK) checkWalkPoint(root, comboNodes.get(i), points.get(i), walk);
            for (int depth : points.get(i).depths) largest = Math.max(largest, depth);
        }
        int dMax = largest;
        YamlValue dMaxNode = root.get(SweepKey.D_MAX.key());
        if (dMaxNode != null) {
            dMax = dMaxNode.integer(SweepKey.D_MAX, 1);
            if (dMax < largest) throw dMaxNode.error(SweepKey.D_MAX, "got " + dMax + ", below the largest depth " + largest);
        }
        Limits.check(root, name, comboNodes, points, Grid.count(points, task));
        return new SweepFile(file, text, name, kind, data, task, dMax, critical, walk, checkpoint(root), List.copyOf(points),
                kind == Kind.TRAIN ? Pruning.parse(root, task) : Optional.empty(),
                Refinement.parse(root).orElse(null));
    }

    /** Seconds of training between a running trial's saved states; empty: none saved. */
    private static OptionalDouble checkpoint(YamlValue root) {
        YamlValue node = root.get(SweepKey.CHECKPOINT.key());
        if (node == null) return OptionalDouble.of(SweepPlan.DEFAULT_CHECKPOINT_SECONDS);
        if (node.isText()) {
            node.choice(SweepKey.CHECKPOINT, List.of("none"));
            return OptionalDouble.empty();
        }
        double seconds = node.number(SweepKey.CHECKPOINT);
        if (seconds < 0) throw node.error(SweepKey.CHECKPOINT, "got " + seconds);
        return OptionalDouble.of(seconds);
    }

    /** The top-level settings of a random-walk sweep, defaults filled in. */
    private static WalkOptions walkOptions(YamlValue root, Path base) {
        YamlValue inputNode = root.get(SweepKey.INPUT.key());
        boolean dataInput = inputNode != null && inputNode.choice(SweepKey.INPUT, List.of("gaussian", "data")).equals("data");
        YamlValue sourceNode = root.get(SweepKey.SOURCE.key());
        WalkSource source = sourceNode == null ? WalkSource.UNIT
                : WalkSource.valueOf(sourceNode.choice(SweepKey.SOURCE, List.of("unit", "loss")).toUpperCase(Locale.ROOT));
        YamlValue netsNode = root.get(SweepKey.NETS.key());
        int nets = netsNode == null ? 400 : netsNode.integer(SweepKey.NETS, 2);
        YamlValue keepNode = root.get(SweepKey.SAMPLE_WALKS.key());
        int keep = keepNode == null ? Math.min(10, nets) : keepNode.integer(SweepKey.SAMPLE_WALKS, 0);
        if (keep > nets) throw keepNode.error(SweepKey.SAMPLE_WALKS, "got " + keep + ", more than the " + nets + " nets");
        YamlValue compareNode = root.get(SweepKey.COMPARE.key());
        Optional<String> compare = Optional.empty();
        if (compareNode != null) {
            String dir = compareNode.text(SweepKey.COMPARE).trim();
            if (dir.isEmpty()) throw compareNode.error(SweepKey.COMPARE, "got no value");
            // a local path starts from the current directory, like --out; a URI is kept as written
            compare = Optional.of(dir.matches("^[A-Za-z][A-Za-z0-9+.-]*://.*") ? dir : base.resolve(dir).normalize().toString());
        }
        return new WalkOptions(dataInput, source, nets, keep, compare);
    }

    /** Checks what a random-walk point needs: a hidden layer, a g or find, widths from p_lim only with data. */
    private static void checkWalkPoint(YamlValue root, YamlValue level, GridAxes point, WalkOptions walk) {
        for (int depth : point.depths) {
            if (depth < 2) {
                YamlValue at = level.get(GridAxes.key(SweepKey.DEPTHS, level != root)) != null ? level : root;
                throw at.get(GridAxes.key(SweepKey.DEPTHS, at != root)).error(SweepKey.DEPTHS,
                        "got " + depth + " for kind randomwalk, whose walk needs a hidden layer (depth >= 2)");
            }
        }
        boolean find = point.find != null && point.find;
        if (!find && point.g == null) {
            throw new UserError(root.file() + ": " + (level == root ? "" : level.path() + ": ")
                    + "no g and no find for a randomwalk point; allowed: g (" + SweepKey.G.allowed() + ") or find: optimal-g");
        }
        if (!walk.dataInput() && point.sizes.stream().anyMatch(NetSize::fromBudget)) {
            throw new UserError(root.file() + ": p_lim: given with input gaussian, whose nets have no input or output size to "
                    + "budget from; allowed: width, or input: data");
        }
    }

    /** The code size of an auto-encoder whose file gives none. */
    static final int DEFAULT_CODE_SIZE = 30;

    /**
     * The defaults of the axes that have one: each plain axis its field's default, init the
     * sweep file's random_walk (gaussian at each net's critical g), lambda the fields' defaults.
     */
    private static GridAxes defaults(Task task) {
        java.util.Map<TrialField<?>, List<?>> plain = new java.util.LinkedHashMap<>();
        for (TrialField<?> f : GridAxes.plainFields()) f.defaultValue().ifPresent(v -> plain.put(f, List.of(v)));
        return new GridAxes(null, null, task == Task.AUTOENCODE ? List.of(DEFAULT_CODE_SIZE) : null, List.of(InitChoice.RANDOM_WALK),
                null, null, null, List.of(new LambdaPair(TrialField.LAMBDA_IN.defaultValue().orElseThrow(),
                        TrialField.LAMBDA_OUT.defaultValue().orElseThrow())), null, plain);
    }

    /** Checks one level's own axes against the task. */
    private static void checkLevel(YamlValue level, GridAxes axes, Task task, boolean singular) {
        if (task == Task.AUTOENCODE) {
            if (axes.sizes != null && !axes.sizes.get(0).fromBudget()) {
                throw level.get(GridAxes.key(SweepKey.WIDTH, singular)).error(SweepKey.WIDTH,
                        "given for task autoencode, whose layer sizes come from p_lim");
            }
            if (axes.depths != null) {
                for (int depth : axes.depths) {
                    if (depth < 4 || depth % 2 != 0) {
                        throw level.get(GridAxes.key(SweepKey.DEPTHS, singular)).error(SweepKey.DEPTHS,
                                "got " + depth + " for task autoencode, whose code layer sits at D/2 between an encoder and a decoder of D/2 layers each");
                    }
                }
            }
        } else if (axes.codeSizes != null) {
            throw level.get(GridAxes.key(SweepKey.CODE_SIZE, singular)).error(SweepKey.CODE_SIZE, "given for task classify");
        }
    }

    /** Checks that one point names everything a trial needs, consistently. */
    private static void checkPoint(YamlValue root, YamlValue level, GridAxes point) {
        if (point.depths == null) throw level.missing(SweepKey.DEPTHS);
        if (point.sizes == null) {
            throw new UserError(root.file() + ": " + (level == root ? "" : level.path() + ": ")
                    + "no width or p_lim; allowed: give width (" + SweepKey.WIDTH.allowed() + ") or p_lim ("
                    + SweepKey.P_LIM.allowed() + ")");
        }
        boolean sharing = point.inits.stream().anyMatch(c -> c.scheme() == InitScheme.PARAMETER_SHARING);
        if (sharing) {
            for (NetSize size : point.sizes) {
                if (!size.fromBudget() && size.width() % 2 != 0) {
                    YamlValue widthLevel = level.get(GridAxes.key(SweepKey.WIDTH, level != root)) != null ? level : root;
                    throw widthLevel.get(GridAxes.key(SweepKey.WIDTH, widthLevel != root)).error(SweepKey.WIDTH,
                            "got odd width " + size.width() + " with init parameter_sharing, whose blocks [[W0, -W0], [-W0, W0]] need an even width");
                }
            }
        }
    }

    private static String defaultName(String file) {
        String base = Path.of(file).getFileName().toString();
        String stem = base.replaceFirst("\\.(yaml|yml)$", "");
        return NAME.matcher(stem).matches() ? stem : "sweep";
    }

    /** The YAML tree; a syntax error becomes one line with its line and column. */
    private static JsonNode readTree(String file, String text) {
        JsonNode tree;
        try (JsonParser parser = YAML.getFactory().createParser(text)) {
            tree = parser.nextToken() == null ? null : tree(parser, new java.util.HashMap<>(), text);
            if (tree != null && parser.nextToken() != null) {
                // a second document after "---" would be ignored silently: refuse it (its line is its first key's)
                throw new UserError(file + ": a second YAML document starts at line " + parser.currentLocation().getLineNr()
                        + "; allowed: one document (one sweep per file)");
            }
        } catch (IOException e) {
            if (!(e instanceof JsonProcessingException)) throw new UserError(file + ": " + e.getMessage());
            throw yamlError(file, (JsonProcessingException) e);
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            throw new UserError(file + ": the file is empty; allowed: a map of sweep keys (see rwsweep plan --keys)");
        }
        return tree;
    }

    /**
     * The value at the parser's current token, as Jackson's readTree would build it, except that a
     * YAML alias ({@code g_in: *g}) is the value its anchor ({@code g: &g 1.2}) names — Jackson's
     * parser hands an alias over as the anchor's name in text.
     */
    private static JsonNode tree(JsonParser parser, java.util.Map<String, JsonNode> anchors, String text) throws IOException {
        com.fasterxml.jackson.dataformat.yaml.YAMLParser yaml = (com.fasterxml.jackson.dataformat.yaml.YAMLParser) parser;
        if (yaml.isCurrentAlias()) {
            JsonNode target = anchors.get(parser.getText());
            if (target == null) target = scalarAnchors(text).get(parser.getText());
            if (target == null) {
                throw new com.fasterxml.jackson.core.JsonParseException(parser, "unknown alias *" + parser.getText());
            }
            return target.deepCopy();
        }
        String anchor = yaml.getObjectId();
        com.fasterxml.jackson.databind.node.JsonNodeFactory nodes = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance;
        JsonNode node = switch (parser.currentToken()) {
            case START_OBJECT -> {
                com.fasterxml.jackson.databind.node.ObjectNode map = nodes.objectNode();
                while (parser.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    map.set(name, tree(parser, anchors, text));
                }
                yield map;
            }
            case START_ARRAY -> {
                com.fasterxml.jackson.databind.node.ArrayNode list = nodes.arrayNode();
                while (parser.nextToken() != com.fasterxml.jackson.core.JsonToken.END_ARRAY) list.add(tree(parser, anchors, text));
                yield list;
            }
            case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                case INT -> nodes.numberNode(parser.getIntValue());
                case LONG -> nodes.numberNode(parser.getLongValue());
                default -> nodes.numberNode(parser.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT -> nodes.numberNode(parser.getDoubleValue());
            case VALUE_STRING -> nodes.textNode(parser.getText());
            case VALUE_TRUE -> nodes.booleanNode(true);
            case VALUE_FALSE -> nodes.booleanNode(false);
            case VALUE_NULL -> nodes.nullNode();
            default -> throw new com.fasterxml.jackson.core.JsonParseException(parser, "unexpected " + parser.currentToken());
        };
        if (anchor != null) anchors.put(anchor, node);
        return node;
    }

    /**
     * The values of the anchored scalars ({@code &g 1.2}), which Jackson's parser does not report:
     * from SnakeYAML's own composition of the file. A plain scalar is typed as Jackson types it, a
     * quoted one is text.
     */
    private static java.util.Map<String, JsonNode> scalarAnchors(String text) throws IOException {
        java.util.Map<String, JsonNode> out = new java.util.HashMap<>();
        org.yaml.snakeyaml.nodes.Node root;
        try {
            root = new org.yaml.snakeyaml.Yaml().compose(new java.io.StringReader(text));
        } catch (RuntimeException e) {
            return out; // the stream parser reports the problem with its line and column
        }
        java.util.ArrayDeque<org.yaml.snakeyaml.nodes.Node> todo = new java.util.ArrayDeque<>();
        java.util.Set<org.yaml.snakeyaml.nodes.Node> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        if (root != null) todo.add(root);
        while (!todo.isEmpty()) {
            org.yaml.snakeyaml.nodes.Node node = todo.pop();
            if (!seen.add(node)) continue;
            if (node instanceof org.yaml.snakeyaml.nodes.ScalarNode scalar && scalar.getAnchor() != null) {
                out.putIfAbsent(scalar.getAnchor(), scalar.getScalarStyle() == org.yaml.snakeyaml.DumperOptions.ScalarStyle.PLAIN
                        ? YAML.readTree(scalar.getValue())
                        : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.textNode(scalar.getValue()));
            } else if (node instanceof org.yaml.snakeyaml.nodes.MappingNode map) {
                for (org.yaml.snakeyaml.nodes.NodeTuple t : map.getValue()) {
                    todo.add(t.getKeyNode());
                    todo.add(t.getValueNode());
                }
            } else if (node instanceof org.yaml.snakeyaml.nodes.SequenceNode list) {
                todo.addAll(list.getValue());
            }
        }
        return out;
    }

    /** A YAML error as one line: the key of an out-of-range number, else line, column and problem. */
    private static UserError yamlError(String file, JsonProcessingException e) {
        String problem = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        Matcher number = Pattern.compile("^Malformed numeric value '(.*?)'").matcher(problem);
        String field = fieldPath(e);
        if (number.find() && field != null) {
            // YAML's .inf and .nan: name the key, as for any other value out of range
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " (line " + at.getLineNr() + ")";
            String allowed = SweepKey.named(field.replaceAll("^.*[.\\]]", ""))
                    .map(SweepKey::allowed).orElse("finite numbers");
            return new UserError(file + ": " + field + ": got " + number.group(1) + where + "; allowed: " + allowed);
        }
        return new UserError(file + ": " + syntaxError(e));
    }

    /** The key path ({@code g}, {@code combinations[2].g}) the parser was reading when it failed, or null. */
    private static String fieldPath(JsonProcessingException e) {
        if (!(e.getProcessor() instanceof JsonParser parser)) return null;
        List<String> parts = new ArrayList<>();
        for (JsonStreamContext c = parser.getParsingContext(); c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inObject() && c.getCurrentName() != null) parts.add(0, "." + c.getCurrentName());
            else if (c.inArray()) parts.add(0, "[" + (c.getCurrentIndex() + 1) + "]");
        }
        String path = String.join("", parts).replaceFirst("^\\.", "");
        // list positions are shown only where messages use them: entries of combinations
        path = path.replaceAll("(?<!combinations)\\[\\d+\\]", "");
        return path.isEmpty() ? null : path;
    }

    /** "line 4, column 7: mapping values are not allowed here", from whichever parser complained. */
    private static String syntaxError(JsonProcessingException e) {
        int line;
        int column;
        String problem;
        if (e.getCause() instanceof MarkedYAMLException y && y.getProblemMark() != null) {
            line = y.getProblemMark().getLine() + 1;
            column = y.getProblemMark().getColumn() + 1;
            problem = y.getProblem();
        } else {
            JsonLocation at = e.getLocation();
            line = at == null ? -1 : at.getLineNr();
            column = at == null ? -1 : at.getColumnNr();
            problem = e.getOriginalMessage();
        }
        problem = problem == null ? "not valid YAML" : problem.replaceAll("\\s+", " ").trim();
        problem = problem.replaceFirst("^Duplicate field '(.*)'.*", "the key '$1' appears twice")
                .replaceFirst("^Malformed numeric value '(.*)'.*", "'$1' is not a finite number")
                .replace("<stream end>", "the end of the file")
                .replaceFirst("but got ([^'<\\s])$", "but got '$1'");
        String where = line > 0 ? "YAML syntax error at line " + line + ", column " + column : "YAML syntax error";
        return where + ": " + problem;
    }

    /** How messages name the file. */
    public String file() { return file; }
    /** What the sweep runs: trials, or random-walk points. */
    public Kind kind() { return kind; }
    /** Which optimum {@code critical} g is, for every net of the sweep. */
    public Critical critical() { return critical; }
    /** The settings of a random-walk sweep; empty for a training sweep. */
    public Optional<WalkOptions> walk() { return Optional.ofNullable(walk); }
    /** The data, if the sweep has any (every training sweep does; a random-walk sweep driven by Gaussian inputs does not). */
    public Optional<DataSource> dataSource() { return Optional.ofNullable(data); }
    /** The file's text as written (stored beside the results). */
    public String text() { return text; }
    public String name() { return name; }
    /** The data of a sweep that has data (see {@link #dataSource()}). */
    public DataSource data() {
        if (data == null) throw new IllegalStateException(file + " has no data: its nets are driven by Gaussian inputs");
        return data;
    }
    public Task task() { return task; }
    /** D_max of the learning-rate schedule: d_max if given, else the largest depth in the file. */
    public int dMax() { return dMax; }

    /** Seconds of training between a running trial's saved states ({@code checkpoint}); empty: none saved. */
    public OptionalDouble checkpointSeconds() { return checkpointSeconds; }

    /** The refinement after the grid ({@code refine}); empty: the grid alone. */
    public Optional<Refinement> refinement() { return Optional.ofNullable(refinement); }

    /** The pruning rule ({@code prune}); empty: every trial runs every epoch. */
    public Optional<Pruning> pruning() { return pruning; }

    /** Each point's axes, defaults filled in; the grid is the union of their products. */
    List<GridAxes> points() { return points; }
}
