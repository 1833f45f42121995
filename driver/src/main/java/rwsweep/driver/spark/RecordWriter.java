package rwsweep.driver.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A pack's record writes, on a thread of their own, one at a time in the order given: the next
 * item trains while the last one's record is synced to disk. A durable write is mostly waiting —
 * 3 ms a record on this project's 2-core machines with both cores writing, against 50 ms trials:
 * 6% of a sweep of short trials spent idle on the training core, gone when it overlaps.
 *
 * <p>What it keeps: a record is still durable before the task returns its results to the driver
 * ({@link #finish} waits for every write), each is written the moment its item ends, and a failed
 * write still fails the task (at the next {@link #submit} or at {@link #finish}) so that Spark
 * retries it and the retry reads back what did land. A task lost mid-pack loses at most the
 * records still in flight, which its retry trains again: a crash still loses at most the pack in
 * flight.
 */
final class RecordWriter implements AutoCloseable {
    /** One durable write and what follows it (removing the item's saved state). */
    @FunctionalInterface
    interface Write {
        void run() throws IOException;
    }

    private final ExecutorService thread;
    private volatile RuntimeException failure;   // the first write that failed; later ones are skipped
    private Future<?> last;

    RecordWriter(String name) {
        thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "records of " + name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Queues {@code write} (described by {@code what}) after those before it; throws if an earlier one failed. */
    void submit(String what, Write write) {
        if (failure != null) throw failure;
        last = thread.submit(() -> {
            if (failure != null) return;   // after a failure nothing more lands: the retry trains the rest
            try {
                write.run();
            } catch (IOException e) {
                failure = new UncheckedIOException(what, e);
            } catch (RuntimeException e) {
                failure = e;
            }
        });
    }

    /** Waits for every queued write (they run in order: the last one's end is all of theirs); throws the first failure. */
    void finish() {
        if (last != null) {
            try {
                last.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while recording", e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof Error) throw (Error) cause;
                throw new IllegalStateException(cause);
            }
        }
        if (failure != null) throw failure;
    }

    /** Ends the thread once its queue is empty: a task that failed mid-pack still lets the records already queued land. */
    @Override
    public void close() {
        thread.shutdown();
    }
}
