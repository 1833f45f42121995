package rwsweep.driver.store;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.util.ShutdownHookManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rwsweep.driver.sweep.UserError;

/**
 * The right to change a results directory: only the run holding it compacts, repairs, deletes or
 * rewrites anything there. Readers (summarize, check, replay) never need it.
 *
 * <p>Leases are numbered files {@code DIR/lease.N}. A run takes the lease by creating
 * {@code lease.(N+1)} exclusively ({@code O_EXCL} locally, create-without-overwrite on HDFS), where
 * N is the highest number there; of two runs racing for the same number one wins. It may do so only
 * when {@code lease.N} is free: released by its holder at the end of its run, or stale — not
 * refreshed for {@link #STALE} (the holder rewrites it every {@link #REFRESH}), or held by a process
 * of this host that is gone (a killed run is taken over at once on its own machine). The file names
 * its holder's host, pid and start time. Numbers only grow, so a holder that was taken over (a long
 * pause) sees a higher number at its next refresh or {@link #check} and stops before changing
 * anything; lower numbers are deleted by the holder after it takes over.
 */
public final class Lease implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Lease.class);
    /** How often the holder rewrites its lease. */
    public static final Duration REFRESH = Duration.ofSeconds(10);
    /** A lease not refreshed for this long is free: a run on another host took it over (clocks within this). */
    public static final Duration STALE = Duration.ofSeconds(60);
    static final String PREFIX = "lease.";
    /** The leases this JVM holds: a lease of this pid not in here was left by a run of this JVM that died. */
    private static final Set<String> LIVE = ConcurrentHashMap.newKeySet();

    private final StoreFileSystem files;
    private final Path dir;
    private final long number;
    private final Properties holder;
    private final ScheduledExecutorService refresher;
    private final Runnable releaseAtExit;
    private volatile boolean lost;
    private volatile boolean closed;

    private Lease(StoreFileSystem files, Path dir, long number, Properties holder) {
        this.files = files;
        this.dir = dir;
        this.number = number;
        this.holder = holder;
        LIVE.add(holder.getProperty("instance"));
        this.refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rwsweep-lease-" + dir.getName());
            t.setDaemon(true);
            return t;
        });
        refresher.scheduleWithFixedDelay(this::refresh, REFRESH.toMillis(), REFRESH.toMillis(), TimeUnit.MILLISECONDS);
        // A run stopped by SIGTERM or Ctrl-C (or System.exit) releases its lease on the way out, so
        // a rerun on another host need not wait STALE for it. Through Hadoop's hook manager, at a
        // priority that runs after Spark's hooks (30: its tasks are stopped, no step of this run is
        // in flight) and before Hadoop closes its file systems (10), which the release writes to.
        this.releaseAtExit = this::close;
        try {
            ShutdownHookManager.get().addShutdownHook(releaseAtExit, FileSystem.SHUTDOWN_HOOK_PRIORITY + 1);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is already stopping: nothing to add
        }
    }

    /**
     * Takes the lease of {@code dir}, or refuses with one line naming the holder.
     *
     * @throws UserError when a live run holds it
     */
    static Lease acquire(StoreFileSystem files, Path dir, String shown) throws IOException {
        for (int attempt = 0; attempt < 10; attempt++) {
            Optional<FileStatus> latest = latest(files, dir);
            long next = 1;
            boolean takeover = false;
            if (latest.isPresent()) {
                FileStatus current = latest.get();
                Properties held = read(files, current.getPath());
                Optional<String> live = live(held, current);
                if (live.isPresent()) throw inUse(shown, live.get(), current);
                next = number(current.getPath()) + 1;
                takeover = !"released".equals(held.getProperty("state"));
            }
            Properties me = holderHere();
            Path mine = new Path(dir, PREFIX + next);
            if (files.createExclusive(mine, text(me).getBytes(StandardCharsets.UTF_8))) {
                Lease lease = new Lease(files, dir, next, me);
                if (takeover) LOG.warn("took over {}: its run is gone or stopped refreshing it", latest.get().getPath());
                lease.deleteOlder();
                return lease;
            }
            // another run created that number first: look again
        }
        throw new IOException("could not take the lease of " + dir + ": it changed hands ten times in a row");
    }

    /** Refuses, as {@link #acquire} does, a directory whose lease a live run holds; takes nothing, writes nothing. */
    static void requireFree(StoreFileSystem files, Path dir, String shown) throws IOException {
        Optional<FileStatus> latest = latest(files, dir);
        if (latest.isEmpty()) return;
        Optional<String> live = live(read(files, latest.get().getPath()), latest.get());
        if (live.isPresent()) throw inUse(shown, live.get(), latest.get());
    }

    private static UserError inUse(String shown, String holder, FileStatus lease) {
        return new UserError("results directory " + shown + " is in use by " + holder + " (" + lease.getPath().getName()
                + "): wait for that run to end, or choose another --out directory; a lease not refreshed for "
                + STALE.toSeconds() + " s, or whose process on this host is gone, is taken over");
    }

    /** The highest-numbered lease file of {@code dir}, if any. */
    static Optional<FileStatus> latest(StoreFileSystem files, Path dir) throws IOException {
        FileStatus best = null;
        for (FileStatus st : files.list(dir)) {
            if (isLease(st.getPath().getName()) && (best == null || number(st.getPath()) > number(best.getPath()))) best = st;
        }
        return Optional.ofNullable(best);
    }

    static boolean isLease(String name) {
        return name.startsWith(PREFIX) && name.length() > PREFIX.length()
                && name.substring(PREFIX.length()).chars().allMatch(Character::isDigit);
    }

    private static long number(Path p) {
        try {
            return Long.parseLong(p.getName().substring(PREFIX.length()));
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE; // more digits than a long: never outnumbered, so never taken over blindly
        }
    }

    /** Who holds a lease, if it is live: "the run of pid P on host H since T". */
    private static Optional<String> live(Properties held, FileStatus st) {
        if ("released".equals(held.getProperty("state"))) return Optional.empty();
        long age = System.currentTimeMillis() - st.getModificationTime();
        String who = "the run of pid " + held.getProperty("pid", "?") + " on host " + held.getProperty("host", "?")
                + (held.containsKey("started") ? " since " + held.getProperty("started") : "");
        if (here().equals(held.getProperty("host")) && held.containsKey("pid")) {
            if (!processAlive(held)) return Optional.empty();
        }
        if (age > STALE.toMillis()) return Optional.empty();
        return Optional.of(who);
    }

    /** Whether the holder's process still runs (same pid, same start time; in this JVM: the same live lease). */
    private static boolean processAlive(Properties held) {
        long pid;
        try {
            pid = Long.parseLong(held.getProperty("pid"));
        } catch (NumberFormatException e) {
            return true; // unreadable: not ours to judge dead
        }
        if (pid == ProcessHandle.current().pid()) return LIVE.contains(held.getProperty("instance", ""));
        Optional<ProcessHandle> p = ProcessHandle.of(pid);
        if (p.isEmpty() || !p.get().isAlive()) return false;
        String start = held.getProperty("processStart");
        Optional<Instant> actual = p.get().info().startInstant();
        return start == null || actual.isEmpty() || actual.get().toString().equals(start);
    }

    private static Properties read(StoreFileSystem files, Path p) {
        Properties props = new Properties();
        try {
            props.load(new StringReader(files.readText(p)));
        } catch (IOException | IllegalArgumentException e) {
            // being written by its creator this instant, or damaged: judged by its age alone
        }
        return props;
    }

    private static Properties holderHere() {
        Properties p = new Properties();
        ProcessHandle self = ProcessHandle.current();
        p.setProperty("host", here());
        p.setProperty("pid", Long.toString(self.pid()));
        self.info().startInstant().ifPresent(t -> p.setProperty("processStart", t.toString()));
        p.setProperty("started", Instant.now().toString());
        p.setProperty("instance", UUID.randomUUID().toString());
        p.setProperty("state", "held");
        p.setProperty("refreshed", Instant.now().toString());
        p.setProperty("staleAfterSeconds", Long.toString(STALE.toSeconds()));
        return p;
    }

    private static String here() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String text(Properties p) {
        StringWriter w = new StringWriter();
        try {
            p.store(w, "rwsweep run lease: only its holder changes this directory");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return w.toString();
    }

    private Path path() { return new Path(dir, PREFIX + number); }

    /** Removes the leases this one took over; a failure only leaves a harmless file. */
    private void deleteOlder() {
        try {
            for (FileStatus st : files.list(dir)) {
                if (isLease(st.getPath().getName()) && number(st.getPath()) < number) files.delete(st.getPath());
            }
        } catch (IOException e) {
            LOG.warn("could not delete an old lease in {}: {}", dir, e.getMessage());
        }
    }

    /**
     * That this run still holds the lease; called before every step that changes the directory.
     *
     * @throws IOException when another run took it over (this one paused for longer than {@link #STALE})
     */
    public void check() throws IOException {
        if (closed) throw new IOException("the lease of " + dir + " was released (the run is stopping): not changing anything");
        if (!lost) {
            Optional<FileStatus> latest = latest(files, dir);
            lost = latest.isEmpty() || number(latest.get().getPath()) != number;
        }
        if (lost) {
            throw new IOException("lost the lease of " + dir + " to another run (this run was not heard from for "
                    + STALE.toSeconds() + " s): stopping before changing anything");
        }
    }

    private synchronized void refresh() {
        if (closed) return;
        try {
            check();
            holder.setProperty("refreshed", Instant.now().toString());
            AtomicFile.replace(files, path(), text(holder));
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not refresh the lease {}: {}", path(), e.getMessage());
        }
    }

    /** Ends the lease: the file stays, marked released, so the next run takes the next number. */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        LIVE.remove(holder.getProperty("instance"));
        refresher.shutdownNow();
        try {
            ShutdownHookManager.get().removeShutdownHook(releaseAtExit);
        } catch (IllegalStateException shuttingDown) {
            // closed by that hook, or while the JVM stops: nothing to remove
        }
        if (lost) return;
        try {
            holder.setProperty("state", "released");
            holder.setProperty("released", Instant.now().toString());
            AtomicFile.replace(files, path(), text(holder));
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not release the lease {} ({}); the next run takes it over when it is stale", path(), e.getMessage());
        }
    }
}
