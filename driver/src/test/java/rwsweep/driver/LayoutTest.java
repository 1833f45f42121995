package rwsweep.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The folders read as the data flow, and dependencies point down it:
 * {@code cli → {sweep, spark, store, summary}}, {@code spark → {sweep, store}},
 * {@code summary → {sweep, store}}, {@code store → sweep}; {@code sweep} is the bottom of the
 * driver; {@code summary} and {@code store} use no Spark at all (the store is read, compacted and
 * summarised in the driver's memory, so only training starts Spark), and {@code cli} reaches Spark
 * only through {@code spark};
 * the worker imports neither the driver nor Spark. Every reference is checked — import lines and
 * fully qualified names in code — in the main sources of both modules.
 */
class LayoutTest {
    private static final Path DRIVER = Path.of("src/main/java/rwsweep/driver");
    private static final Path WORKER = Path.of("../worker/src/main/java/rwsweep/worker");
    private static final Pattern REFERENCE = Pattern.compile("\\b(rwsweep\\.driver\\.[a-z]+|org\\.apache\\.spark(?:\\.[a-z]+)?)\\b");

    /** What each driver package may use of the driver's other packages. */
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "", Set.of("cli", "sweep"),
            "cli", Set.of("sweep", "spark", "store", "summary"),
            "spark", Set.of("sweep", "store"),
            "summary", Set.of("sweep", "store"),
            "store", Set.of("sweep"),
            "sweep", Set.of());

    /** Spark in the driver's packages: only the runner starts Spark, and only to train. */
    private static final Map<String, Set<String>> SPARK_ALLOWED = Map.of(
            "", Set.of(),
            "cli", Set.of(),
            "spark", Set.of("*"),
            // the store reads and writes Parquet with parquet-hadoop in the driver's memory
            "store", Set.of(),
            "summary", Set.of(),
            "sweep", Set.of());

    @Test
    void driverPackagesAreTheStagesOfThePipeline() throws IOException {
        Set<String> packages = new TreeSet<>();
        try (Stream<Path> dirs = Files.list(DRIVER)) {
            dirs.filter(Files::isDirectory).forEach(d -> packages.add(d.getFileName().toString()));
        }
        assertEquals(new TreeSet<>(List.of("cli", "spark", "store", "summary", "sweep")), packages);
        try (Stream<Path> top = Files.list(DRIVER)) {
            assertEquals(List.of("Main.java"), top.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).toList(),
                    "only Main stands above the stages");
        }
    }

    @Test
    void driverDependenciesPointDownTheFlow() {
        List<String> wrong = new ArrayList<>();
        for (Path file : javaFiles(DRIVER)) {
            String pkg = packageOf(file);
            for (String ref : references(file)) {
                if (ref.startsWith("rwsweep.driver.")) {
                    String used = ref.substring("rwsweep.driver.".length());
                    if (!used.equals(pkg) && !ALLOWED.get(pkg).contains(used)) wrong.add(file + " uses " + ref);
                } else {
                    Set<String> spark = SPARK_ALLOWED.get(pkg);
                    if (!spark.contains("*") && !spark.contains(ref)) wrong.add(file + " uses " + ref);
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void workerUsesNeitherTheDriverNorSpark() {
        List<Path> files = javaFiles(WORKER);
        assertTrue(files.size() > 20, "the worker's sources were found");
        List<String> wrong = new ArrayList<>();
        for (Path file : files) {
            for (String ref : references(file)) wrong.add(file + " uses " + ref);
        }
        assertEquals(List.of(), wrong);
    }

    /** The checker itself catches what it must: a package-to-package reference in code, not in comments. */
    @Test
    void referencesAreFoundInCodeAndNotInComments() {
        String code = "package rwsweep.driver.sweep;\nimport rwsweep.driver.spark.SweepJob;\n"
                + "// rwsweep.driver.cli is named in a comment\nclass X { Object o = rwsweep.driver.store.ResultStore.class; "
                + "char q = '\"'; String s = \"org.apache.spark.sql\"; char r = '\"'; Object p = org.apache.spark.sql.Row.class; }";
        assertEquals(Set.of("rwsweep.driver.spark", "rwsweep.driver.store", "org.apache.spark.sql"), referencesIn(code));
    }

    private static List<Path> javaFiles(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The driver package of a file: "" for rwsweep.driver itself, else the first sub-package. */
    private static String packageOf(Path file) {
        Path rel = DRIVER.relativize(file);
        return rel.getNameCount() == 1 ? "" : rel.getName(0).toString();
    }

    private static Set<String> references(Path file) {
        try {
            return referencesIn(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Driver packages and Spark packages named in code (comments, strings and the package line removed). */
    static Set<String> referencesIn(String source) {
        String code = source.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "")
                // char literals first ('"' would open a string), possessive so long strings do not recurse
                .replaceAll("'(?:\\\\.|[^'\\\\])'", "' '")
                .replaceAll("\"(?:\\\\.|[^\"\\\\])*+\"", "\"\"").replaceFirst("(?m)^package [\\w.]+;", "");
        Set<String> refs = new TreeSet<>();
        Matcher m = REFERENCE.matcher(code);
        while (m.find()) refs.add(m.group(1));
        return refs;
    }
}
