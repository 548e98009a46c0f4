package io.garrison.ui.main;

import io.garrison.engine.PoolEvent;
import io.garrison.engine.PoolListener;
import io.garrison.engine.PoolSnapshot;
import io.garrison.engine.PoolState;
import io.garrison.engine.ProcessPool;
import io.garrison.engine.SshLogin;
import io.garrison.engine.WorkerHost;
import io.garrison.engine.WorkerId;
import io.garrison.ui.hosts.HostsEditor;
import io.garrison.ui.hosts.HostsFile;
import io.garrison.ui.i18n.I18n;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The pool behind the main window: starts it, resizes, paces and pauses it as the toolbar says, closes and
 * terminates it, kills one worker. FX thread; engine calls that may block run on the background executor, and
 * their results come back through the FX one.
 */
final class PoolSession {

    /** Retries of a task whose worker died; lets the class see a killed soldier's task done by another. */
    static final int RETRIES = 2;

    private final Executor background;
    private final Executor fx;
    private final LongSupplier clock;
    private final MainSettings settings;
    private final MainModels models;
    private final PoolListener listener;
    private final ObjectProperty<PoolState> poolState = new SimpleObjectProperty<>(this, "poolState");
    /** Whether the pool runs on the hosts of a hosts file, which set its workers (the toolbar's number does not). */
    private final BooleanProperty onHosts = new SimpleBooleanProperty(this, "onHosts");
    private ProcessPool pool;

    PoolSession(Executor background, Executor fx, LongSupplier clock, MainSettings settings, MainModels models,
                PoolListener listener) {
        this.background = background;
        this.fx = fx;
        this.clock = clock;
        this.settings = settings;
        this.models = models;
        this.listener = listener;
        settings.poolSizeProperty().addListener((obs, old, now) -> resize(now.intValue()));
        settings.paceMsProperty().addListener((obs, old, now) -> applyPace());
        settings.maxPerHostProperty().addListener((obs, old, now) -> withPool(p -> p.setMaxTasksPerHost(now.intValue())));
        settings.pausedProperty().addListener((obs, old, now) -> withPool(p -> p.setPaused(now)));
    }

    /** Starts workers for the chosen pool size now, so soldiers stand ready before any run. */
    void prepare() {
        if (pool != null && pool.state() == PoolState.RUNNING) {
            return;
        }
        Supplier<ProcessPool> make = poolMaker();
        background.execute(() -> {
            ProcessPool fresh = make.get();
            fx.execute(() -> adopt(fresh));
        });
    }

    /**
     * Workers run as background work (SCHED_IDLE on Linux, else nice 19): 64 of them busy on 2 cores would
     * otherwise starve the window's frames, even at nice 19 (decision 0012). Workers still get every cycle the
     * window leaves.
     *
     * <p>Called on the FX thread, it takes the toolbar's size and the hosts file as they are now; the pool is made
     * when the supplier is called, on any thread but the FX one: it blocks while the workers start (over ssh, on
     * other hosts).
     */
    Supplier<ProcessPool> poolMaker() {
        int size = settings.poolSizeProperty().get();
        int maxPerHost = settings.maxPerHostProperty().get();
        HostsFile hostsFile = settings.hostsFileProperty().get();
        return () -> {
            ProcessPool.Builder builder = ProcessPool.builder().retries(RETRIES).backgroundWorkers(true)
                    .maxTasksPerHost(maxPerHost).listener(listener);
            List<WorkerHost> hosts = hostsFile == null ? List.of() : hostsOf(hostsFile, size);
            return (hosts.isEmpty() ? builder.size(size) : builder.hosts(hosts)).build();
        };
    }

    /**
     * The hosts {@code file} names, each without a count of its own given {@code size} workers (the toolbar's
     * number, as {@code -p} is the command line's); empty for this PC only. A line that is not a login (the file
     * edited by hand) is skipped, and the log says so. Background thread.
     */
    private List<WorkerHost> hostsOf(HostsFile file, int size) {
        try {
            SshLogin.FileReading reading = file.read();
            for (SshLogin.BadLine bad : reading.bad()) {
                String why = HostsEditor.describe(bad, I18n.getLocale());
                fx.execute(() -> models.log().note(I18n.get("ui.hosts.skipped", file.path(), why)));
            }
            return file.hosts(reading, size);
        } catch (IOException | RuntimeException e) {
            fx.execute(() -> models.log().note(I18n.get("ui.hosts.failed", file.path(), String.valueOf(e.getMessage()))));
            return List.of();
        }
    }

    /** Makes {@code fresh} the window's pool, paced, paused and sized as the toolbar says. */
    void adopt(ProcessPool fresh) {
        if (pool != null && pool != fresh && pool.state() == PoolState.RUNNING) {
            // Two pools raced (start pressed while the first was starting): keep one.
            fresh.terminate();
            return;
        }
        pool = fresh;
        poolState.set(PoolState.RUNNING);
        onHosts.set(!fresh.isResizable());
        models.parade().poolStarted(fresh.size(), clock.getAsLong());
        applyPace();
        fresh.setPaused(settings.pausedProperty().get());
        if (fresh.isResizable() && fresh.size() != settings.poolSizeProperty().get()) {
            resize(settings.poolSizeProperty().get());
        }
    }

    /** Takes the pool's news of its state, unless it is of a pool this window has already replaced. */
    void stateChanged(PoolEvent.PoolStateChanged event) {
        if (isCurrent(event)) {
            poolState.set(event.state());
        }
    }

    /** {@code batch} without the news of pools this window has replaced; the batch itself when there is none. */
    List<PoolEvent> withoutReplacedPools(List<PoolEvent> batch) {
        List<PoolEvent> current = null;
        for (int i = 0; i < batch.size(); i++) {
            PoolEvent event = batch.get(i);
            boolean stale = event instanceof PoolEvent.PoolStateChanged e && !isCurrent(e);
            if (stale && current == null) {
                current = new ArrayList<>(batch.subList(0, i));
            } else if (!stale && current != null) {
                current.add(event);
            }
        }
        return current == null ? batch : current;
    }

    private boolean isCurrent(PoolEvent.PoolStateChanged e) {
        // Events of a pool replaced by a new one must not overwrite the new pool's state.
        return pool == null || e.state() == pool.state() || e.state() != PoolState.TERMINATED;
    }

    /** Python's close: no new tasks; queued ones finish; then the workers leave. */
    void close() {
        withPool(ProcessPool::close);
    }

    /** Kills every worker now; unfinished tasks fail. */
    void terminate() {
        withPool(ProcessPool::terminate);
    }

    /**
     * Pauses the pool if it runs on, and hands out one more chunk (one task at chunk size 1): each step is one
     * chunk a class can follow. Pausing first makes the first step of a running pool stop it there instead of
     * adding one chunk to many; both go in one background call, so the step cannot overtake the pause.
     */
    void step() {
        settings.pausedProperty().set(true);
        withPool(p -> {
            p.setPaused(true);
            p.step();
        });
    }

    /** SIGKILLs one worker, through the pool on whichever host it runs: a replacement marches in, its task is retried. */
    void killWorker(WorkerId id) {
        models.log().note(I18n.get("ui.log.killing", id.toString()));
        withPool(p -> p.killWorker(id));
    }

    /** Terminates the pool and its workers when the window closes. Blocks up to a few seconds. */
    void shutdown() {
        if (pool != null) {
            pool.terminate();
        }
    }

    private void resize(int size) {
        int bounded = Math.max(MainViewModel.MIN_POOL, Math.min(MainViewModel.MAX_POOL, size));
        withPool(p -> {
            // A pool on several hosts keeps the sizes its hosts were given: the toolbar's number is for the next.
            if (p.state() == PoolState.RUNNING && p.isResizable()) {
                p.resize(bounded);
            }
        });
    }

    private void applyPace() {
        long ms = Math.round(settings.paceMsProperty().get());
        models.parade().fitToPace(ms);
        withPool(p -> p.setPace(Duration.ofMillis(ms)));
    }

    private void withPool(Consumer<ProcessPool> action) {
        ProcessPool target = pool;
        if (target != null) {
            background.execute(() -> action.accept(target));
        }
    }

    /** Reads the pool's own state in the background; {@code then} gets it on the FX thread if the pool is still ours. */
    void snapshot(Consumer<PoolSnapshot> then) {
        ProcessPool target = pool;
        if (target == null) {
            then.accept(null);
            return;
        }
        background.execute(() -> {
            PoolSnapshot snapshot = target.snapshot();
            fx.execute(() -> {
                if (target == pool) {
                    then.accept(snapshot);
                }
            });
        });
    }

    /** The pool now; null before the first one started. */
    ProcessPool pool() {
        return pool;
    }

    /** The pool if it takes tasks, else null (a run then starts a new one). */
    ProcessPool runningPool() {
        return pool != null && pool.state() == PoolState.RUNNING ? pool : null;
    }

    ObjectProperty<PoolState> poolStateProperty() {
        return poolState;
    }

    BooleanProperty onHostsProperty() {
        return onHosts;
    }
}
