package rwsweep.driver.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rwsweep.driver.sweep.Digits;
import rwsweep.driver.sweep.SweepPlan;
import rwsweep.worker.Trainer;
import rwsweep.worker.spec.TrialResult;
import rwsweep.worker.spec.TrialSpec;

/**
 * Readers (summarize, check, replay) while a run records trials and compacts again and again:
 * every read holds every trial whose record landed before the read started, each once, and
 * reading changes nothing the run relies on.
 */
class ReadDuringCompactionTest {
    @TempDir
    Path tmp;

    @Test
    void everyReadHoldsEveryTrialFinishedBeforeIt() throws Exception {
        List<TrialSpec> specs = new ArrayList<>();
        for (int i = 0; i < 40; i++) specs.add(Digits.spec(2, 0.5 + 0.05 * i));
        SweepPlan plan = Digits.plan("busy", specs);
        List<TrialResult> trained = new ArrayList<>();
        for (TrialSpec spec : specs) trained.add(Trainer.run(spec, Digits.data()));
        Path dir = tmp.resolve("store");
        Set<String> landed = ConcurrentHashMap.newKeySet();
        AtomicBoolean done = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (ResultStore store = ResultStore.claim(dir.toString(), plan, false, new Configuration())) {
            FileSystem local = FileSystem.getLocal(new Configuration());
            Future<Integer> reads = pool.submit(() -> {
                int n = 0;
                while (!done.get()) {
                    Set<String> before = Set.copyOf(landed);
                    Set<String> seen = new HashSet<>();
                    for (TrialResult r : ResultStore.open(dir.toString()).results()) {
                        assertTrue(seen.add(r.key()), "read twice: " + r.key());
                    }
                    assertTrue(seen.containsAll(before), "a read lost " + (before.size() - seen.size()) + " trials");
                    n++;
                }
                return n;
            });
            Future<?> run = pool.submit(() -> {
                // records land two at a time, with a compaction after each pair, as in a run's start and end
                for (int i = 0; i < trained.size(); i++) {
                    TrialResult r = trained.get(i);
                    String line = ResultColumns.jsonLine(new ResultColumns.Stored("busy", Instant.now().toString(), r));
                    AtomicFile.writeOnce(local, new org.apache.hadoop.fs.Path(dir.resolve("pending/" + r.key() + ".json").toUri()),
                            "a" + i, out -> out.write(line.getBytes(StandardCharsets.UTF_8)));
                    landed.add(r.key());
                    if (i % 2 == 1) store.compact();
                }
                return null;
            });
            try {
                run.get(120, TimeUnit.SECONDS);
            } finally {
                done.set(true);
            }
            int n = reads.get(60, TimeUnit.SECONDS);
            assertTrue(n >= 5, "only " + n + " reads overlapped the compactions");
        } finally {
            pool.shutdownNow();
        }
        assertEquals(40, ResultStore.open(dir.toString()).results().size());
        assertEquals(40, CompactionFaultTest.copiesOnDisk(dir).size());
    }
}
