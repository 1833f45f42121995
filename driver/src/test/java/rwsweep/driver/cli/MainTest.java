package rwsweep.driver.cli;

import rwsweep.driver.spark.RunOptions;
import rwsweep.driver.sweep.SweepFile;
import rwsweep.driver.sweep.SweepKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command line's contract: help and version, exit codes, the keys listing, run's options. */
class MainTest {
    @ParameterizedTest(name = "rwsweep {0} --help")
    @ValueSource(strings = {"run", "plan", "replay"})
    void everyCommandHasHelp(String command) {
        Cli cli = Cli.run(command, "--help");
        assertEquals(0, cli.exitCode);
        assertTrue(cli.out.startsWith("Usage: rwsweep " + command), cli.out);
        assertEquals("", cli.err);
    }

    @Test
    void topLevelHelpListsTheCommandsAndWhereTheKeysAre() {
        Cli cli = Cli.run("--help");
        assertEquals(0, cli.exitCode);
        for (String command : new String[] {"run", "plan", "replay"}) assertTrue(cli.out.contains("  " + command + " "), cli.out);
        assertTrue(cli.out.contains("rwsweep plan --keys"));
    }

    @Test
    void versionNamesTheNumericsVersionOfTrialKeys() {
        Cli cli = Cli.run("--version");
        assertEquals(0, cli.exitCode);
        assertEquals("rwsweep dev+numerics" + rwsweep.worker.Trainer.NUMERICS_VERSION + "\n", cli.out);
    }

    @Test
    void keysListsEveryHyperparameterWithItsAllowedValuesAndDefault() {
        Cli cli = Cli.run("plan", "--keys");
        assertEquals(0, cli.exitCode);
        assertEquals(SweepKey.table(), cli.out);
        for (SweepKey p : SweepKey.values()) {
            assertTrue(cli.out.contains("  " + p.key()), p.key());
            assertTrue(cli.out.contains("allowed: " + p.allowed() + "\n"), p.key());
            assertTrue(cli.out.contains("default: " + p.defaultValue() + "\n"), p.key());
        }
    }

    /** plan and run --help list every axis of a sweep file with its default, from the same table as plan --keys. */
    @Test
    void helpListsTheSweepFileAxesWithTheirDefaults() {
        for (String command : new String[] {"plan", "run"}) {
            Cli cli = Cli.run(command, "--help");
            assertEquals(0, cli.exitCode, cli.err);
            for (SweepKey p : SweepKey.axes()) {
                if (p == SweepKey.FIND) continue;
                String flat = cli.out.replaceAll("\\s+", " ");  // picocli wraps long lines
                assertTrue(flat.contains(" " + p.key() + " default: " + p.defaultValue().replaceAll("\\s+", " ")),
                        command + " --help names " + p.key() + ":\n" + cli.out);
            }
            assertTrue(cli.out.contains("rwsweep plan --keys"), cli.out);
        }
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(2, Cli.run().exitCode, "no command");
        assertEquals(2, Cli.run("frobnicate").exitCode);
        assertEquals(2, Cli.run("run").exitCode, "no sweep file");
        assertEquals(2, Cli.run("plan").exitCode, "no sweep file");
        assertEquals(2, Cli.run("plan", "x.yaml", "--cores", "zero").exitCode);
        assertEquals(2, Cli.run("plan", "x.yaml", "--cores", "0").exitCode);
        assertEquals(2, Cli.run("replay", "dir").exitCode, "no key");
        Cli cli = Cli.run("run", "x.yaml", "--bogus");
        assertEquals(2, cli.exitCode);
        assertTrue(cli.err.startsWith("Unknown option: '--bogus'"), cli.err);
    }

    @Test
    void runOptionsFollowTheFlags() {
        RunCommand run = new RunCommand();
        run.merge = true;
        run.noProgress = true;
        run.conf.put("spark.executor.memory", "2g");
        RunOptions options = run.options();
        assertTrue(options.merge());
        assertFalse(options.progress());
        assertEquals("2g", options.sparkConf().get("spark.executor.memory"));
        assertEquals(RunOptions.DEFAULT_MASTER, options.master(), "no --master: the runner's default, which spark-submit's spark.master overrides");
        assertFalse(options.sparkConf().containsKey("spark.master"), "without --master nothing may override spark-submit's master");
        run.master = "local[3]";
        assertEquals("local[3]", run.options().master());
        assertEquals("local[3]", run.options().sparkConf().get("spark.master"), "an explicit --master wins over spark-submit's");
    }

    @Test
    void theDefaultOutputDirectoryIsResultsSlashName(@TempDir Path dir) throws Exception {
        Path sweep = Files.writeString(dir.resolve("s.yaml"), "name: my-sweep\ndata: mnist-sample\ndepths: 2\nwidth: 4\n");
        assertEquals("results/my-sweep", RunCommand.outputDir(SweepFile.load(sweep), null));
        assertEquals("elsewhere", RunCommand.outputDir(SweepFile.load(sweep), "elsewhere"));
        assertTrue(RunCommand.isLocal("results/x"));
        assertTrue(RunCommand.isLocal("/abs/x"));
        assertTrue(RunCommand.isLocal("file:///abs/x"));
        assertFalse(RunCommand.isLocal("hdfs://namenode/x"));
        assertFalse(RunCommand.isLocal("s3a://bucket/x"));
        // under a cluster's Hadoop settings a bare path is on its default file system (HDFS on YARN)
        org.apache.hadoop.conf.Configuration yarn = new org.apache.hadoop.conf.Configuration();
        yarn.set("fs.defaultFS", "hdfs://namenode:8020");
        assertFalse(rwsweep.driver.store.ResultStore.isLocal("results/x", yarn));
        assertTrue(rwsweep.driver.store.ResultStore.isLocal("file:///abs/x", yarn));
    }
}
