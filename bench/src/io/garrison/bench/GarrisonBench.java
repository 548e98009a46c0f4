package io.garrison.bench;

import io.garrison.engine.AsyncResult;
import io.garrison.engine.ProcessPool;
import io.garrison.engine.TaskFunction;
import io.garrison.engine.TaskRun;
import io.garrison.task.TaskKinds;
import io.garrison.task.TaskList;
import io.garrison.task.TaskListParser;
import io.garrison.task.TaskOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The Java side of {@code bench/run}: one measurement per process, printed as one JSON line on stdout, so
 * the harness can alternate it with its Python peer (bench/py/pybench.py takes the same modes).
 *
 * <p>Modes:
 * <ul>
 *   <li>{@code bulk N POOL MAPS} — in-process map throughput of {@code x -> x * x} over N Integers, default
 *       chunk size; the pool is created, ready and warmed (a map of 100,000) before the clock starts, then
 *       maps MAPS times: {@code seconds} is their median (throughput once the JIT has compiled the path),
 *       {@code first_seconds} the first one (still compiling).</li>
 *   <li>{@code whole N POOL} — create a pool, map N squares, exit; the harness times the whole process.</li>
 *   <li>{@code one map|imap|apply N POOL} — N tasks one at a time (chunk size 1), pool ready and warmed.</li>
 *   <li>{@code start ready|map|kind POOL} — from {@code build()} until every worker answered
 *       ({@code awaitReady}), or until a map of POOL items at chunk size 1 returned (the measure Python's side
 *       uses), with the lambda or with the built-in square kind.</li>
 *   <li>{@code warm MS} — one small map, then the pool stays up MS milliseconds (lets the engine record its
 *       class-data archive for this class path before anything is timed).</li>
 *   <li>{@code profile bulk|one N POOL DIR} — a bulk map (or a chunk-1 map) with every worker under Java Flight
 *       Recorder; after the timed map each worker's recording is dumped to DIR/worker-PID.jfr with jcmd (a
 *       worker halts when its pipe closes, so it never dumps on exit). Start this JVM with
 *       -XX:StartFlightRecording too, to see the parent's side.</li>
 *   <li>{@code memory N POOL} — peak RSS (VmHWM) of a parent holding an N-line task list and a queued run.</li>
 * </ul>
 * Not a test: timings only; there are no assertions here.
 */
public final class GarrisonBench {

    /** The tutorial's {@code f(x) = x * x}, as a serializable lambda shipped to the workers. */
    static final TaskFunction<Integer, Integer> SQUARE = x -> x * x;

    private GarrisonBench() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "bulk" -> bulk(Integer.parseInt(args[1]), Integer.parseInt(args[2]),
                    args.length > 3 ? Integer.parseInt(args[3]) : 1);
            case "whole" -> whole(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
            case "one" -> one(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            case "start" -> start(args[1], Integer.parseInt(args[2]));
            case "memory" -> memory(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
            case "warm" -> warm(Integer.parseInt(args[1]));
            case "profile" -> profile(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]), Path.of(args[4]));
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
        System.exit(0);
    }

    static List<Integer> range(int n) {
        List<Integer> inputs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            inputs.add(i);
        }
        return inputs;
    }

    static ProcessPool readyPool(int size) throws InterruptedException {
        ProcessPool pool = ProcessPool.builder().size(size).build();
        if (!pool.awaitReady(Duration.ofSeconds(60))) {
            throw new IllegalStateException("pool of " + size + " not ready in 60 s");
        }
        return pool;
    }

    static void bulk(int n, int size, int maps) throws Exception {
        List<Integer> inputs = range(n);
        try (ProcessPool pool = readyPool(size)) {
            // Warm-up: the workers and the parent JIT-compile the map path and define the function.
            pool.map(SQUARE, range(100_000));
            double[] seconds = new double[maps];
            for (int i = 0; i < maps; i++) {
                long t0 = System.nanoTime();
                List<Integer> out = pool.map(SQUARE, inputs);
                seconds[i] = (System.nanoTime() - t0) / 1e9;
                check(out.size() == n && out.get(n - 1) == (n - 1) * (n - 1), "wrong map result");
            }
            double first = seconds[0];
            java.util.Arrays.sort(seconds);
            double median = seconds[maps / 2];
            emit("seconds", median, "rate", n / median, "first_seconds", first);
        }
    }

    static void whole(int n, int size) throws Exception {
        try (ProcessPool pool = ProcessPool.builder().size(size).build()) {
            List<Integer> out = pool.map(SQUARE, range(n));
            check(out.size() == n, "wrong map result");
        }
        emit("n", n);
    }

    static void one(String how, int n, int size) throws Exception {
        List<Integer> inputs = range(n);
        try (ProcessPool pool = readyPool(size)) {
            runOne(pool, how, range(Math.min(n, 2_000)));
            long t0 = System.nanoTime();
            long sum = runOne(pool, how, inputs);
            long ns = System.nanoTime() - t0;
            check(sum == sumOfSquares(n), "wrong results for " + how);
            emit("seconds", ns / 1e9, "rate", n / (ns / 1e9));
        }
    }

    private static long runOne(ProcessPool pool, String how, List<Integer> inputs) throws Exception {
        long sum = 0;
        switch (how) {
            case "map" -> {
                for (int r : pool.map(SQUARE, inputs, 1)) {
                    sum += r;
                }
            }
            case "imap" -> {
                Iterator<Integer> it = pool.imapUnordered(SQUARE, inputs, 1);
                while (it.hasNext()) {
                    sum += it.next();
                }
            }
            case "apply" -> {
                // Like Python's [pool.apply_async(f, (i,)) for i in ...] followed by [r.get() for r in ...].
                List<AsyncResult<Integer>> results = new ArrayList<>(inputs.size());
                for (Integer x : inputs) {
                    results.add(pool.applyAsync(SQUARE, x));
                }
                for (AsyncResult<Integer> r : results) {
                    sum += r.get(60, TimeUnit.SECONDS);
                }
            }
            default -> throw new IllegalArgumentException("unknown one-at-a-time mode " + how);
        }
        return sum;
    }

    private static long sumOfSquares(long n) {
        long sum = 0;
        for (long i = 0; i < n; i++) {
            sum += (int) (i * i);
        }
        return sum;
    }

    static void start(String how, int size) throws Exception {
        long t0 = System.nanoTime();
        try (ProcessPool pool = ProcessPool.builder().size(size).build()) {
            switch (how) {
                case "ready" -> check(pool.awaitReady(Duration.ofSeconds(60)), "pool not ready in 60 s");
                case "map" -> pool.map(SQUARE, range(size), 1);
                // The built-in kind: no serialized lambda for each worker to read and link.
                case "kind" -> pool.map("square", TaskOptions.none(), range(size), 1);
                default -> throw new IllegalArgumentException("unknown start mode " + how);
            }
            emit("seconds", (System.nanoTime() - t0) / 1e9);
        }
    }

    static void warm(int millis) throws Exception {
        try (ProcessPool pool = readyPool(1)) {
            pool.map(SQUARE, range(10));
            Thread.sleep(millis);
        }
        emit("warm", millis);
    }

    static void profile(String how, int n, int size, Path dir) throws Exception {
        Files.createDirectories(dir);
        List<Integer> inputs = range(n);
        try (ProcessPool pool = ProcessPool.builder().size(size)
                .jvmOptions(List.of("-XX:StartFlightRecording=settings=profile")).build()) {
            check(pool.awaitReady(Duration.ofSeconds(60)), "pool not ready in 60 s");
            pool.map(SQUARE, range(100_000));
            long t0 = System.nanoTime();
            List<Integer> out = how.equals("one") ? pool.map(SQUARE, inputs, 1) : pool.map(SQUARE, inputs);
            long ns = System.nanoTime() - t0;
            check(out.size() == n, "wrong map result");
            for (long pid : pool.workerPids()) {
                Process jcmd = new ProcessBuilder("jcmd", Long.toString(pid), "JFR.dump",
                        "filename=" + dir.resolve("worker-" + pid + ".jfr").toAbsolutePath())
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                check(jcmd.waitFor(60, TimeUnit.SECONDS), "jcmd did not finish");
            }
            emit("seconds", ns / 1e9, "rate", n / (ns / 1e9));
        }
    }

    static void memory(int n, int size) throws Exception {
        StringBuilder text = new StringBuilder(n * 8);
        for (int i = 0; i < n; i++) {
            text.append(i).append('\n');
        }
        Path file = Files.createTempFile("garrison-bench-", ".txt");
        try {
            Files.writeString(file, text);
            text = null;
            long t0 = System.nanoTime();
            TaskList list = new TaskListParser(TaskKinds.require("square"), TaskOptions.builder().build()).parse(file);
            double loadSeconds = (System.nanoTime() - t0) / 1e9;
            try (ProcessPool pool = readyPool(size)) {
                pool.setPaused(true);
                TaskRun run = TaskRun.start(pool, list, "square", TaskOptions.builder().build());
                Thread.sleep(500);
                check(!run.isFinished(), "run finished while paused");
                long hwmKb = vmHwmKb();
                emit("hwm_mb", hwmKb / 1024.0, "load_seconds", loadSeconds, "tasks", list.size());
                pool.terminate();
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static long vmHwmKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException(what);
        }
    }

    private static void emit(Object... pairs) {
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < pairs.length; i += 2) {
            if (i > 0) {
                json.append(", ");
            }
            Object v = pairs[i + 1];
            json.append('"').append(pairs[i]).append("\": ")
                    .append(v instanceof Double d ? String.format(Locale.ROOT, "%.6f", d) : v);
        }
        System.out.println(json.append('}'));
        System.out.flush();
    }
}
