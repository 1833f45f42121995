package rwsweep.driver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rwsweep.driver.spark.SparkTest;
import rwsweep.driver.store.ResultStore;
import rwsweep.driver.store.TableRow;

/**
 * A real {@code rwsweep run} process (the main class in a child JVM, as deploy/rwsweep starts it)
 * sent SIGTERM once its first trials are recorded: it prints one line — how many trials are
 * stored, and that the same command resumes — as the last thing it writes, no stack trace, exits
 * 143, and releases its lease; the same command run again trains only the trials not stored (the
 * stored ones keep their finishedAt). One child JVM with Spark, then the rest of the sweep in this
 * JVM's Spark: 60-90 s on 2 cores that other work shares (load average 7-10), so tagged "slow"
 * ({@code mvn verify} runs it; {@code -DexcludedGroups=slow} leaves it out of a quick run).
 */
@Tag("slow")
class StopSignalTest extends SparkTest {
    private static final Pattern LINE = Pattern.compile(
            "interrupted \\(SIGTERM\\): (\\d+) of 8 trials are stored in (.+); run the same command again to resume: stored trials are not run again");

    @TempDir
    Path tmp;

    @Test
    void sigtermPrintsOneLineExits143AndTheRerunResumes() throws Exception {
        // 8 trials of about a second or two each on one core, so the signal lands mid-sweep
        Path sweep = Files.writeString(tmp.resolve("stop.yaml"), String.join("\n",
                "name: stop",
                "data: {source: mnist-sample, n: 1000}",
                "nonlinearities: tanh",
                "depths: 6",
                "width: 64",
                "init: gaussian",
                "g: [1.0, 1.05, 1.1, 1.15, 1.2, 1.25, 1.3, 1.35]",
                "lambda: [0.01, 0.01]",
                "epochs: 5",
                "batch: 20", ""));
        Path dir = tmp.resolve("out");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!arg.startsWith("-javaagent") && !arg.startsWith("-Xmx")) command.add(arg);
        }
        command.addAll(List.of("-Xmx1g", "-cp", System.getProperty("java.class.path"), "rwsweep.driver.Main",
                "run", sweep.toString(), "--out", dir.toString(), "--master", "local[2]", "--conf", "spark.ui.enabled=false"));
        Path out = tmp.resolve("child.out");
        Path err = tmp.resolve("child.err");
        Process child = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        Path pending = dir.resolve("pending");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (records(pending) == 0 && child.isAlive() && System.nanoTime() < deadline) Thread.sleep(50);
        assertTrue(child.isAlive(), "the run was still going when its first record landed: " + Files.readString(err));
        child.destroy(); // SIGTERM
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the run ended after SIGTERM");

        String stderr = Files.readString(err);
        String stdout = Files.readString(out);
        assertEquals(143, child.exitValue(), stderr);
        List<String> lines = stderr.lines().filter(l -> !l.isBlank()).toList();
        Matcher m = LINE.matcher(lines.get(lines.size() - 1));
        assertTrue(m.matches(), "the last line says what is stored:\n" + stderr);
        assertEquals(dir.toString(), m.group(2));
        assertEquals(1, lines.stream().filter(l -> l.startsWith("interrupted")).count(), stderr);
        for (String text : List.of(stderr, stdout)) {
            assertFalse(text.contains("\tat ") || text.contains("Exception"), "no stack trace:\n" + text);
        }
        int said = Integer.parseInt(m.group(1));
        Map<String, String> stored = finishedAt(dir);
        assertTrue(said >= 1 && said <= stored.size() && stored.size() < 8, said + " said, " + stored.size() + " stored");
        try (Stream<Path> leases = Files.list(dir)) {
            Path lease = leases.filter(p -> p.getFileName().toString().startsWith("lease.")).findFirst().orElseThrow();
            assertTrue(Files.readString(lease).contains("state=released"), "the lease is released on the way out");
        }

        Cli rerun = Cli.run("run", sweep.toString(), "--out", dir.toString(), "--no-progress", "--master", "local[2]");
        assertEquals(0, rerun.exitCode, rerun.err);
        assertTrue(rerun.out.contains("8 trials: " + stored.size() + " already done, " + (8 - stored.size()) + " run"), rerun.out);
        Map<String, String> all = finishedAt(dir);
        assertEquals(8, all.size());
        stored.forEach((key, at) -> assertEquals(at, all.get(key), "not trained again: " + key));
    }

    private static long records(Path pending) throws IOException {
        if (!Files.isDirectory(pending)) return 0;
        try (Stream<Path> files = Files.list(pending)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json")).count();
        }
    }

    private static Map<String, String> finishedAt(Path dir) {
        Map<String, String> out = new TreeMap<>();
        for (TableRow row : ResultStore.open(dir.toString()).rows()) out.put(row.key(), row.finishedAt());
        return out;
    }
}
