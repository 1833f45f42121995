package rwsweep.driver.store;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rwsweep.worker.Checkpoint;
import rwsweep.worker.Trainer;
import rwsweep.worker.TrainingState;
import rwsweep.worker.spec.TrialSpec;

/**
 * DIR/checkpoints/KEY.ckpt: the saved state of a running trial ({@link TrainingState}), so that a
 * trial whose driver or executor was killed resumes from its last saved epoch when the sweep runs
 * again, on any node, with the numbers an uninterrupted run gives.
 *
 * <p>Written by the executor after an epoch through a temp file and one overwriting rename
 * ({@link AtomicFile}), so the file is always a whole state, on any Hadoop file system; removed by
 * the executor once the trial's record has landed, and by the next compaction if the executor died
 * in between ({@link #clean}), which also removes states this code cannot resume (another
 * numerics version or format) with one warning. A state that does not read, or that is not its
 * trial's, is ignored with one warning and the trial starts from epoch 0.
 */
public final class TrialCheckpoints {
    private static final Logger LOG = LoggerFactory.getLogger(TrialCheckpoints.class);
    static final String DIR = "checkpoints";
    static final String SUFFIX = ".ckpt";

    private final StoreFileSystem files;
    private final Path dir;

    private TrialCheckpoints(StoreFileSystem files, Path dir) {
        this.files = files;
        this.dir = dir;
    }

    /** The checkpoints directory {@code dir} (from {@link ResultStore#checkpointDir()}) under {@code conf}. */
    public static TrialCheckpoints at(String dir, Configuration conf) throws IOException {
        Path path = new Path(dir);
        return new TrialCheckpoints(StoreFileSystem.of(path, conf), path);
    }

    /** The checkpoints directory of the store whose pending records go to {@code pendingDir}. */
    public static String besidePending(String pendingDir) {
        return new Path(new Path(pendingDir).getParent(), DIR).toString();
    }

    private Path file(String key) {
        return new Path(dir, key + SUFFIX);
    }

    /**
     * The checkpoint of {@code spec}'s trial: it resumes from the state saved for its key, and saves
     * after an epoch (not the last: its record follows at once) once {@code secondsBetween} seconds
     * of training have passed since the trial's start or its last save. {@code tag} names this
     * writer's temp file (one per task attempt). A save that fails is one warning; training goes on.
     */
    public Checkpoint of(TrialSpec spec, double secondsBetween, String tag) {
        String key = spec.key();
        Path path = file(key);
        return new Checkpoint() {
            private boolean saveFailed;

            @Override
            public Optional<TrainingState> load() {
                try (InputStream in = files.rawFs().open(path)) {
                    TrainingState state = TrainingState.readFrom(in);
                    LOG.info("{}: trial {} resumes after epoch {} of {}", path, key, state.epoch(), spec.epochs());
                    return Optional.of(state);
                } catch (FileNotFoundException none) {
                    return Optional.empty();
                } catch (IOException e) {
                    LOG.warn("{}: the saved state of trial {} does not read ({}); ignored, the trial starts from epoch 0", path, key,
                            e.getMessage());
                    return Optional.empty();
                }
            }

            @Override
            public boolean due(int epoch, int epochs, double seconds) {
                return epoch < epochs && seconds >= secondsBetween;
            }

            @Override
            public void save(TrainingState state) {
                long start = System.nanoTime();
                try {
                    AtomicFile.replace(files, path, tag, state::writeTo);
                    LOG.info("{}: saved epoch {} in {} s", path, state.epoch(), String.format(java.util.Locale.ROOT, "%.3f", (System.nanoTime() - start) * 1e-9));
                } catch (IOException e) {
                    if (!saveFailed) LOG.warn("{}: could not save the state of trial {} ({}); it goes on unsaved", path, key, e.getMessage());
                    saveFailed = true;
                }
            }

            @Override
            public void rejected(TrainingState state, String reason) {
                LOG.warn("{}: the saved state is not trial {}'s ({}); ignored, the trial starts from epoch 0", path, key, reason);
            }
        };
    }

    /** Removes the saved state of trial {@code key}, once its record has landed. */
    public void remove(String key) throws IOException {
        files.delete(file(key));
    }

    /**
     * Under the lease, at compaction: removes the states of trials in {@code finished} (an
     * executor that died between its record and this delete), states this code cannot resume
     * (another numerics version or format, another trial's key, not a state at all) with one
     * warning for them all, and temp files of killed writers.
     */
    static void clean(StoreFileSystem files, Path storeDir, Set<String> finished, Lease lease) throws IOException {
        Path dir = new Path(storeDir, DIR);
        int stale = 0;
        for (FileStatus st : files.list(dir)) {
            String name = st.getPath().getName();
            boolean temp = name.startsWith(".") && name.endsWith(".tmp");
            String key = name.endsWith(SUFFIX) ? name.substring(0, name.length() - SUFFIX.length()) : null;
            boolean remove = temp || (key != null && finished.contains(key));
            if (!remove && key != null && !resumable(files, st.getPath(), key)) {
                remove = true;
                stale++;
            }
            if (remove) {
                lease.check();
                files.delete(st.getPath());
            }
        }
        if (stale > 0) {
            LOG.warn("{}: removed {} saved trial state{} of another numerics version, format or trial; {} from epoch 0",
                    dir, stale, stale == 1 ? "" : "s", stale == 1 ? "its trial starts" : "their trials start");
        }
    }

    /** Whether the state at {@code p} is one this code may resume for trial {@code key} (its header alone). */
    private static boolean resumable(StoreFileSystem files, Path p, String key) {
        try (InputStream in = files.rawFs().open(p)) {
            TrainingState.Header h = TrainingState.readHeader(in);
            return h.format() == TrainingState.FORMAT && h.numericsVersion() == Trainer.NUMERICS_VERSION && h.key().equals(key);
        } catch (IOException e) {
            return false;
        }
    }
}
