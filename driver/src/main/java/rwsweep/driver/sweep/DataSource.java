package rwsweep.driver.sweep;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import rwsweep.worker.data.FashionMnist;

/**
 * Which training data a sweep names (its {@code data} key) — not the data itself, which
 * {@link TrainingData} loads. Relative paths start from the current directory, as on the command
 * line; local files are checked for readability here, so a missing file is reported before anything
 * runs. A Hadoop URI (hdfs://…, s3a://…) is checked when {@link TrainingData} opens it, which
 * {@code run} does before Spark starts: parsing a sweep file never contacts a file system.
 *
 * <pre>
 * data: mnist-sample                         # the bundled 10,000 MNIST digits
 * data: {source: fashion-mnist, n: 5000}     # /usr/share/datasets/fashion-mnist (package dataset-fashion-mnist)
 * data: {source: idx, images: train-images-idx3-ubyte.gz, labels: train-labels-idx1-ubyte.gz}
 * data: {source: csv, file: timit.csv, label_column: 0}          # or the header's name: label_column: phone
 * data: {source: libsvm, file: timit.libsvm}
 * data: {source: csv, file: hdfs://namenode:8020/data/timit.csv}
 * </pre>
 */
public final class DataSource {
    /** The data a sweep can name. */
    public enum Source {
        MNIST_SAMPLE, FASHION_MNIST, IDX, CSV, LIBSVM;

        /** As a sweep file writes it: {@code mnist-sample}. */
        public String label() { return name().toLowerCase(Locale.ROOT).replace('_', '-'); }
    }

    private final Source source;
    private final DataPath images;    // IDX; else null
    private final DataPath labels;    // IDX; else null
    private final DataPath file;    // CSV and LIBSVM; else null
    private final int labelIndex;   // CSV: the label's 0-based column, unless named
    private final Optional<String> labelName;  // CSV: the label column's header name
    private final OptionalInt n;

    private DataSource(Source source, DataPath images, DataPath labels, DataPath file, int labelIndex, Optional<String> labelName, OptionalInt n) {
        this.source = source;
        this.images = images;
        this.labels = labels;
        this.file = file;
        this.labelIndex = labelIndex;
        this.labelName = labelName;
        this.n = n;
    }

    public Source source() { return source; }
    /** The IDX image file (source idx). */
    public DataPath images() { return images; }
    /** The IDX label file (source idx). */
    public DataPath labels() { return labels; }
    /** The dense feature file (sources csv and libsvm). */
    public DataPath file() { return file; }
    /** CSV: the 0-based column holding the label (when it is not given by {@link #labelName()}). */
    public int labelIndex() { return labelIndex; }
    /** CSV: the header name of the label column, when the sweep file names it so. */
    public Optional<String> labelName() { return labelName; }
    /** Training examples to use (the first n); empty = all. */
    public OptionalInt n() { return n; }

    /** The whole data set: {@code mnist-sample}, {@code idx train-images.gz}, {@code csv timit.csv}. */
    public String what() {
        return switch (source) {
            case MNIST_SAMPLE, FASHION_MNIST -> source.label();
            case IDX -> "idx " + images.fileName();
            case CSV, LIBSVM -> source.label() + " " + file.fileName();
        };
    }

    /** {@link #what()} plus {@code (first n)} when a subset is used. */
    public String label() {
        return n.isPresent() ? what() + " (first " + n.getAsInt() + ")" : what();
    }

    /** Reads {@code data}; relative paths are resolved against {@code base}. */
    static DataSource parse(YamlValue n, Path base) {
        List<String> sources = new ArrayList<>();
        for (Source s : Source.values()) sources.add(s.label());
        if (n.isText()) {
            Source source = source(n.choice(SweepKey.DATA, sources));
            if (source != Source.MNIST_SAMPLE && source != Source.FASHION_MNIST) {
                throw n.error(SweepKey.DATA, "got '" + source.label() + "' without its files (write a map: {source: "
                        + source.label() + ", " + (source == Source.IDX ? "images: ..., labels: ...}" : "file: ...}"));
            }
            return named(source, n, OptionalInt.empty());
        }
        if (!n.isMap()) throw n.error(SweepKey.DATA, "got " + n.describe());
        List<String> keys = new ArrayList<>();
        for (SweepKey p : SweepKey.section("data")) keys.add(p.localKey());
        n.requireKnownKeys(keys);
        YamlValue sourceNode = n.get("source");
        if (sourceNode == null) throw n.missing(SweepKey.DATA_SOURCE);
        Source source = source(sourceNode.choice(SweepKey.DATA_SOURCE, sources));
        for (SweepKey p : List.of(SweepKey.DATA_IMAGES, SweepKey.DATA_LABELS, SweepKey.DATA_FILE, SweepKey.DATA_LABEL_COLUMN)) {
            YamlValue given = n.get(p.localKey());
            if (given != null && !applies(p, source)) throw given.error(p, "given for source " + source.label());
        }
        YamlValue nNode = n.get(SweepKey.DATA_N.localKey());
        OptionalInt count = nNode == null ? OptionalInt.empty() : OptionalInt.of(nNode.integer(SweepKey.DATA_N, 1));
        return switch (source) {
            case MNIST_SAMPLE, FASHION_MNIST -> named(source, n, count);
            case IDX -> new DataSource(source, readable(n, SweepKey.DATA_IMAGES, base),
                    readable(n, SweepKey.DATA_LABELS, base), null, 0, Optional.empty(), count);
            case CSV, LIBSVM -> {
                YamlValue column = n.get(SweepKey.DATA_LABEL_COLUMN.localKey());
                Optional<String> name = Optional.empty();
                int index = 0;
                if (column != null && column.isText()) {
                    name = Optional.of(column.text(SweepKey.DATA_LABEL_COLUMN).trim());
                    if (name.get().isEmpty()) throw column.error(SweepKey.DATA_LABEL_COLUMN, "got no value");
                } else if (column != null) {
                    index = column.integer(SweepKey.DATA_LABEL_COLUMN, 0);
                }
                yield new DataSource(source, null, null, readable(n, SweepKey.DATA_FILE, base), index, name, count);
            }
        };
    }

    private static Source source(String label) {
        return Source.valueOf(label.toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    private static boolean applies(SweepKey p, Source source) {
        if (p == SweepKey.DATA_IMAGES || p == SweepKey.DATA_LABELS) return source == Source.IDX;
        if (p == SweepKey.DATA_FILE) return source == Source.CSV || source == Source.LIBSVM;
        if (p == SweepKey.DATA_LABEL_COLUMN) return source == Source.CSV;
        return true;
    }

    private static DataSource named(Source source, YamlValue n, OptionalInt count) {
        if (source == Source.FASHION_MNIST && !Files.isDirectory(FashionMnist.DEFAULT_DIR)) {
            throw n.error(SweepKey.DATA_SOURCE, "fashion-mnist, but " + FashionMnist.DEFAULT_DIR
                    + " is missing (apt-get install dataset-fashion-mnist)");
        }
        return new DataSource(source, null, null, null, 0, Optional.empty(), count);
    }

    private static DataPath readable(YamlValue map, SweepKey p, Path base) {
        YamlValue n = map.get(p.localKey());
        if (n == null) throw map.missing(p);
        DataPath path;
        try {
            path = DataPath.of(n.text(p), base);
        } catch (IllegalArgumentException e) {
            throw n.error(p, e.getMessage());
        }
        if (path instanceof DataPath.Local local) {
            Path f = local.path();
            if (!Files.exists(f)) throw n.error(p, "no file " + f);
            if (!Files.isRegularFile(f) || !Files.isReadable(f)) throw n.error(p, "cannot read " + f);
        }
        return path;
    }
}
