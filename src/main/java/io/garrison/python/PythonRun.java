package io.garrison.python;

import io.garrison.engine.PoolListener;
import io.garrison.task.ProcessGroups;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * A Python script run with the probe: Python's own pool reports its workers and tasks as {@link
 * io.garrison.engine.PoolEvent}s, which this run hands to its listener, together with the tasks the pool lost and
 * a run-finished at the end. The script's own output goes, line by line, to an output consumer, untouched.
 *
 * <p>Nothing outlives the run: the script runs in a process group of its own, which is killed whole once the script
 * has ended; and should this JVM die first, the probe sees its connection end and kills the group itself.
 *
 * <p>Threads: the listener is called on the run's event thread, in arrival order; the output consumer on the run's
 * output threads, one line at a time; {@link #stop()}, {@link #killWorker} and {@link #awaitOutcome()} from any
 * thread.
 */
public final class PythonRun {

    /** Runs the probe's {@code main()} with the probe's folder on the path; the script's path and args follow. */
    private static final String BOOTSTRAP = "import sys; sys.path.insert(1, sys.argv.pop(1)); "
            + "import " + ProbeFolder.MODULE + "; " + ProbeFolder.MODULE + ".main()";
    /** How long a stopped script and its workers get for SIGTERM before SIGKILL. */
    static final long STOP_GRACE_MS = 2_000;
    /** How long the run waits, once the script has ended, for its output and connections to end. */
    private static final long DRAIN_MS = 2_000;

    private final ScriptLaunch launch;
    private final ScriptGroup group;
    private final ProbeFolder probe;
    private final ProbeServer server;
    private final ProbeEvents events;
    private final Consumer<ScriptLine> output;
    private final long startedMs = System.currentTimeMillis();
    /** Who stopped the script, if anyone did; the first to stop it is the one the outcome names. */
    private final AtomicReference<PythonOutcome.Ending> stoppedBy = new AtomicReference<>();
    private final AtomicBoolean patienceStarted = new AtomicBoolean();
    private final CountDownLatch done = new CountDownLatch(1);
    private final List<Thread> pumps = new ArrayList<>();
    /** Set once, before {@link #done} counts down. */
    private volatile PythonOutcome outcome;

    private PythonRun(ScriptLaunch launch, ProbeFolder probe, PoolListener listener, Consumer<ScriptLine> output,
                      PythonInterpreter python) throws IOException {
        this.launch = launch;
        this.probe = probe;
        this.output = output;
        this.events = new ProbeEvents(listener, this::taskLost, System::currentTimeMillis);
        this.server = new ProbeServer(events);
        List<String> command = new ArrayList<>(List.of(python.executable().toString(), "-c", BOOTSTRAP,
                probe.path().toString(), launch.script().toString()));
        command.addAll(launch.arguments());
        ProcessGroups groups = ProcessGroups.get();
        ProcessBuilder builder = new ProcessBuilder(groups.inOwnGroup(command));
        builder.environment().put("GARRISON_PROBE", server.address());
        // Live output: a pipe would make Python keep the script's prints until its buffer fills. What is printed
        // does not change, only when it arrives.
        builder.environment().put("PYTHONUNBUFFERED", "1");
        builder.redirectInput(launch.inheritsStdin() ? Redirect.INHERIT : Redirect.PIPE);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            server.close();
            events.abandon();
            throw e;
        }
        this.group = new ScriptGroup(process, groups.available());
        if (!launch.inheritsStdin()) {
            process.getOutputStream().close();
        }
        pumps.add(pump(process.getInputStream(), ScriptLine.Stream.STDOUT));
        pumps.add(pump(process.getErrorStream(), ScriptLine.Stream.STDERR));
        Thread waiter = new Thread(this::awaitScript, "garrison-python-wait");
        waiter.setDaemon(true);
        waiter.start();
    }

    /**
     * Starts {@code launch} with {@code python} and the probe.
     *
     * @param listener the events of Python's pool, on the run's event thread
     * @param output   the script's own output lines, tagged with their stream
     * @throws IOException when the probe cannot be copied out or the interpreter cannot be started
     */
    public static PythonRun start(PythonInterpreter python, ScriptLaunch launch, PoolListener listener,
                                  Consumer<ScriptLine> output) throws IOException {
        ProbeFolder probe = ProbeFolder.create();
        try {
            return new PythonRun(launch, probe, listener, output, python);
        } catch (IOException | RuntimeException e) {
            probe.close();
            throw e;
        }
    }

    /** The script's process ID, which on Linux is also its process group's. */
    public long pid() {
        return group.process().pid();
    }

    /**
     * Kills a worker of the script with SIGKILL, as {@code kill -9} would: only a live descendant of the script;
     * any other PID is left alone.
     *
     * @return whether {@code pid} was such a worker and was signalled
     */
    public boolean killWorker(long pid) {
        return group.killDescendant(pid);
    }

    /** Stops the script and its workers (SIGTERM, then SIGKILL after a grace); returns at once. */
    public void stop() {
        stopBecause(PythonOutcome.Ending.STOPPED);
    }

    /** Waits for the script's end and for every event of the run to be delivered, run-finished last. */
    public PythonOutcome awaitOutcome() throws InterruptedException {
        done.await();
        return outcome;
    }

    private void stopBecause(PythonOutcome.Ending ending) {
        // A script that has ended is not signalled: its group's ID may name another group by now.
        if (!group.process().isAlive() || !stoppedBy.compareAndSet(null, ending)) {
            return;
        }
        Thread stopper = new Thread(() -> {
            group.terminate();
            try {
                if (!group.process().waitFor(STOP_GRACE_MS, TimeUnit.MILLISECONDS)) {
                    group.kill();
                }
            } catch (InterruptedException e) {
                group.kill();
            }
        }, "garrison-python-stop");
        stopper.setDaemon(true);
        stopper.start();
    }

    /** On the event thread: the first lost task starts the script's patience. */
    private void taskLost() {
        if (!patienceStarted.compareAndSet(false, true)) {
            return;
        }
        Thread patience = new Thread(() -> {
            try {
                if (!group.process().waitFor(launch.patience().toMillis(), TimeUnit.MILLISECONDS)) {
                    stopBecause(PythonOutcome.Ending.STOPPED_AFTER_PATIENCE);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "garrison-python-patience");
        patience.setDaemon(true);
        patience.start();
    }

    private Thread pump(InputStream stream, ScriptLine.Stream which) {
        Thread pump = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    synchronized (output) {
                        output.accept(new ScriptLine(which, line));
                    }
                }
            } catch (IOException e) {
                // The pipe closed: the script and everything that held it are gone.
            }
        }, "garrison-python-" + which.name().toLowerCase(Locale.ROOT));
        pump.setDaemon(true);
        pump.start();
        return pump;
    }

    private void awaitScript() {
        Process process = group.process();
        int exitCode;
        try {
            exitCode = process.waitFor();
        } catch (InterruptedException e) {
            group.kill();
            exitCode = -1;
        }
        // Whatever the script left of its group goes with it: no worker outlives the run.
        group.kill();
        try {
            for (Thread pump : pumps) {
                pump.join(DRAIN_MS);
            }
            server.awaitAllEnded(DRAIN_MS);
            server.close();
            PythonOutcome.Ending ending = stoppedBy.compareAndSet(null, PythonOutcome.Ending.EXITED)
                    ? PythonOutcome.Ending.EXITED : stoppedBy.get();
            events.scriptEnded(ending == PythonOutcome.Ending.EXITED ? "the script ended" : "the script was stopped",
                    System.currentTimeMillis() - startedMs);
            events.awaitDelivered();
            outcome = new PythonOutcome(exitCode, ending, events.lostTasks());
        } catch (InterruptedException e) {
            outcome = new PythonOutcome(exitCode, stoppedBy.get() == null ? PythonOutcome.Ending.EXITED
                    : stoppedBy.get(), events.lostTasks());
        } finally {
            probe.close();
            done.countDown();
        }
    }
}
