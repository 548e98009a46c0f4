package io.garrison.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.garrison.engine.FailureCause;
import io.garrison.engine.PoolEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real python3 scripts with the probe: what Python's own Pool does, as events. Skipped where there is no python3. */
class PythonRunTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    /** The tutorial's map, whose tasks wait for a gate file so that the test can look at the workers meanwhile. */
    private static final String GATED_TUTORIAL = """
            import os
            import sys
            import time
            from multiprocessing import Pool

            GATE = sys.argv[1]

            def f(x):
                while not os.path.exists(GATE):
                    time.sleep(0.01)
                return x*x

            if __name__ == '__main__':
                with Pool(5) as p:
                    print(p.map(f, range(1, 11)))
            """;

    @TempDir
    Path folder;

    @Test
    void theTutorialsMapShowsFiveRealPythonWorkersEveryTaskAndTheScriptsOwnOutput() throws Exception {
        PythonInterpreter python = PythonScripts.python();
        Path script = PythonScripts.write(folder, "tutorial.py", GATED_TUTORIAL);
        Path gate = folder.resolve("gate");
        RecordedRun recorded = new RecordedRun();
        PythonRun run = PythonRun.start(python, ScriptLaunch.of(script, List.of(gate.toString())), recorded,
                recorded);

        List<PoolEvent.TaskStarted> firstFive = recorded.await(PoolEvent.TaskStarted.class, e -> true, 5, WAIT);
        List<PoolEvent.WorkerStarted> workers = recorded.events(PoolEvent.WorkerStarted.class);
        Set<Long> pids = workers.stream().map(PoolEvent.WorkerStarted::pid).collect(Collectors.toSet());
        assertThat(workers).hasSize(5);
        assertThat(pids).hasSize(5).doesNotContain(run.pid());
        Set<Long> descendants = ProcessHandle.of(run.pid()).orElseThrow().descendants().map(ProcessHandle::pid)
                .collect(Collectors.toSet());
        assertThat(descendants).containsAll(pids);
        for (long pid : pids) {
            String command = ProcessHandle.of(pid).orElseThrow().info().command().orElse("");
            assertThat(Path.of(command).getFileName().toString()).startsWith("python");
        }
        // Each of the five blocked tasks holds one worker.
        assertThat(firstFive.stream().map(PoolEvent.TaskStarted::pid).collect(Collectors.toSet())).isEqualTo(pids);
        Files.writeString(gate, "go");

        PythonOutcome outcome = run.awaitOutcome();
        assertThat(outcome).isEqualTo(new PythonOutcome(0, PythonOutcome.Ending.EXITED, 0));
        assertThat(recorded.lines(ScriptLine.Stream.STDOUT)).containsExactly("[1, 4, 9, 16, 25, 36, 49, 64, 81, 100]");
        Map<Integer, PoolEvent.TaskSucceeded> results = byTask(recorded.events(PoolEvent.TaskSucceeded.class));
        assertThat(results).hasSize(10);
        for (int task = 0; task < 10; task++) {
            int x = task + 1;
            assertThat(results.get(task).input()).isEqualTo(Integer.toString(x));
            assertThat(results.get(task).result()).isEqualTo(Integer.toString(x * x));
            assertThat(pids).contains(results.get(task).pid());
        }
        List<PoolEvent.WorkerExited> exits = recorded.events(PoolEvent.WorkerExited.class);
        assertThat(exits).extracting(PoolEvent.WorkerExited::pid).containsExactlyInAnyOrderElementsOf(pids);
        assertThat(exits).allSatisfy(e -> assertThat(e.expected()).isTrue());
        List<PoolEvent> all = recorded.events();
        assertThat(all.get(all.size() - 1)).isInstanceOfSatisfying(PoolEvent.RunFinished.class, f -> {
            assertThat(f.total()).isEqualTo(10);
            assertThat(f.succeeded()).isEqualTo(10);
            assertThat(f.failed()).isZero();
        });
        PythonScripts.awaitNothingLeftOf(run.pid(), script);
    }

    @Test
    void imapImapUnorderedStarmapApplyAsyncApplyAndMapAsyncAreReportedItemByItem() throws Exception {
        PythonInterpreter python = PythonScripts.python();
        Path script = PythonScripts.write(folder, "ways.py", """
                from multiprocessing import Pool

                def square(x):
                    return x * x

                def add(a, b):
                    return a + b

                if __name__ == "__main__":
                    with Pool(3) as p:
                        print("imap", list(p.imap(square, iter([1, 2, 3]))))
                        print("imap_unordered", sorted(p.imap_unordered(square, [4, 5])))
                        print("starmap", p.starmap(add, [(1, 2), (3, 4)]))
                        got = []
                        r = p.apply_async(add, (5,), {"b": 6}, callback=got.append)
                        r.wait()
                        print("apply_async", r.get(), got)
                        print("apply", p.apply(square, (7,)))
                        print("map_async", p.map_async(square, [8]).get())
                        print("imap chunks", list(p.imap(square, range(4), chunksize=2)))
                """);
        RecordedRun recorded = new RecordedRun();
        PythonRun run = PythonRun.start(python, ScriptLaunch.of(script, List.of()), recorded, recorded);
        PythonOutcome outcome = run.awaitOutcome();

        assertThat(outcome.exitCode()).isZero();
        assertThat(recorded.lines(ScriptLine.Stream.STDOUT)).containsExactly("imap [1, 4, 9]",
                "imap_unordered [16, 25]", "starmap [3, 7]", "apply_async 11 [11]", "apply 49", "map_async [64]",
                "imap chunks [0, 1, 4, 9]");
        Map<Integer, PoolEvent.TaskSucceeded> results = byTask(recorded.events(PoolEvent.TaskSucceeded.class));
        Map<Integer, List<String>> expected = Map.ofEntries(
                Map.entry(0, List.of("1", "1")), Map.entry(1, List.of("2", "4")), Map.entry(2, List.of("3", "9")),
                Map.entry(3, List.of("4", "16")), Map.entry(4, List.of("5", "25")),
                Map.entry(5, List.of("(1, 2)", "3")), Map.entry(6, List.of("(3, 4)", "7")),
                Map.entry(7, List.of("add(5, b=6)", "11")), Map.entry(8, List.of("square(7)", "49")),
                Map.entry(9, List.of("8", "64")), Map.entry(10, List.of("0", "0")), Map.entry(11, List.of("1", "1")),
                Map.entry(12, List.of("2", "4")), Map.entry(13, List.of("3", "9")));
        assertThat(results.keySet()).isEqualTo(expected.keySet());
        expected.forEach((task, inputAndResult) -> {
            assertThat(results.get(task).input()).as("input of task %d", task).isEqualTo(inputAndResult.get(0));
            assertThat(results.get(task).result()).as("result of task %d", task).isEqualTo(inputAndResult.get(1));
        });
        assertThat(recorded.events(PoolEvent.TaskStarted.class)).hasSize(14);
        assertThat(recorded.events(PoolEvent.WorkerStarted.class)).hasSize(3);
        // The with statement ends the pool with terminate().
        assertThat(recorded.events(PoolEvent.WorkerExited.class)).hasSize(3)
                .allSatisfy(e -> assertThat(e.reason()).isEqualTo("the pool was terminated"));
        PythonScripts.awaitNothingLeftOf(run.pid(), script);
    }

    @Test
    void workersOfTheSpawnStartMethodReportToo() throws Exception {
        PythonInterpreter python = PythonScripts.python();
        Path script = PythonScripts.write(folder, "spawned.py", """
                import multiprocessing

                def square(x):
                    return x * x

                if __name__ == "__main__":
                    pool = multiprocessing.get_context("spawn").Pool(2)
                    print(pool.map(square, [1, 2, 3]))
                    pool.close()
                    pool.join()
                """);
        RecordedRun recorded = new RecordedRun();
        PythonRun run = PythonRun.start(python, ScriptLaunch.of(script, List.of()), recorded, recorded);
        PythonOutcome outcome = run.awaitOutcome();

        assertThat(outcome.exitCode()).isZero();
        assertThat(recorded.lines(ScriptLine.Stream.STDOUT)).containsExactly("[1, 4, 9]");
        assertThat(recorded.events(PoolEvent.WorkerStarted.class)).hasSize(2);
        Map<Integer, PoolEvent.TaskSucceeded> results = byTask(recorded.events(PoolEvent.TaskSucceeded.class));
        assertThat(results.values()).extracting(PoolEvent.TaskSucceeded::result).containsExactlyInAnyOrder("1", "4", "9");
        // close() and join(): the workers leave when they have no more work.
        assertThat(recorded.events(PoolEvent.WorkerExited.class)).hasSize(2).allSatisfy(e -> {
            assertThat(e.expected()).isTrue();
            assertThat(e.exitCode()).isZero();
            assertThat(e.reason()).isEqualTo("the pool closed");
        });
        PythonScripts.awaitNothingLeftOf(run.pid(), script);
    }

    @Test
    void aWorkerThatReachedItsMaxtasksperchildRetiresAsExpectedAndIsReplaced() throws Exception {
        PythonInterpreter python = PythonScripts.python();
        Path script = PythonScripts.write(folder, "retires.py", """
                from multiprocessing import Pool

                def square(x):
                    return x * x

                if __name__ == "__main__":
                    pool = Pool(1, maxtasksperchild=1)
                    print(pool.map(square, [1, 2], chunksize=1))
                    pool.close()
                    pool.join()
                """);
        RecordedRun recorded = new RecordedRun();
        PythonRun run = PythonRun.start(python, ScriptLaunch.of(script, List.of()), recorded, recorded);
        PythonOutcome outcome = run.awaitOutcome();

        assertThat(outcome.exitCode()).isZero();
        assertThat(recorded.lines(ScriptLine.Stream.STDOUT)).containsExactly("[1, 4]");
        // Each retired worker is replaced while the pool still runs: two at least, a third when the second retired
        // before close() reached the pool's worker handler.
        List<PoolEvent.WorkerStarted> workers = recorded.events(PoolEvent.WorkerStarted.class);
        assertThat(workers.size()).isBetween(2, 3);
        List<PoolEvent.WorkerExited> exits = recorded.events(PoolEvent.WorkerExited.class);
        assertThat(exits).extracting(PoolEvent.WorkerExited::pid)
                .containsExactlyInAnyOrderElementsOf(workers.stream().map(PoolEvent.WorkerStarted::pid).toList());
        assertThat(exits).allSatisfy(e -> {
            assertThat(e.expected()).isTrue();
            assertThat(e.exitCode()).isZero();
        });
        PoolEvent.WorkerExited first = exits.stream().filter(e -> e.pid() == workers.get(0).pid()).findFirst()
                .orElseThrow();
        assertThat(first.reason()).isEqualTo("retired after its task quota (maxtasksperchild=1)");
        assertThat(recorded.events(PoolEvent.TaskFailed.class)).isEmpty();
    }

    @Test
    void aFunctionThatRaisesIsATaskFailedWithPythonsExceptionAndTheScriptsTracebackIsAsWithoutGarrison()
            throws Exception {
        PythonInterpreter python = PythonScripts.python();
        Path script = PythonScripts.write(folder, "raises.py", """
                from multiprocessing import Pool

                def f(x):
                    if x == 3:
                        raise ValueError("bad input")
                    return x

                if __name__ == "__main__":
                    with Pool(2) as p:
                        p.map(f, range(5), chunksize=1)
                """);
        RecordedRun recorded = new RecordedRun();
        PythonOutcome outcome = PythonRun.start(python, ScriptLaunch.of(script, List.of()), recorded, recorded)
                .awaitOutcome();

        Process plain = new ProcessBuilder(python.executable().toString(), script.toString()).start();
        plain.getOutputStream().close();
        String plainErr = new String(plain.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(plain.waitFor()).isEqualTo(1);
        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(String.join("\n", recorded.lines(ScriptLine.Stream.STDERR)) + "\n").isEqualTo(plainErr)
                .contains("ValueError: bad input").doesNotContain("garrison_probe");
        List<PoolEvent.TaskFailed> failures = recorded.events(PoolEvent.TaskFailed.class);
        assertThat(failures).hasSize(1);
        PoolEvent.TaskFailed failure = failures.get(0);
        assertThat(failure.task()).isEqualTo(3);
        assertThat(failure.input()).isEqualTo("3");
        assertThat(failure.error()).isEqualTo("ValueError: bad input");
        assertThat(failure.cause()).isEqualTo(FailureCause.TASK_ERROR);
        assertThat(failure.willRetry()).isFalse();
        assertThat(failure.output()).contains("raise ValueError(\"bad input\")").doesNotContain("garrison_probe");
        assertThat(recorded.events(PoolEvent.WorkerStarted.class)).extracting(PoolEvent.WorkerStarted::pid)
                .contains(failure.pid());
    }

    @Test
    void killingAWorkerMidTaskLosesItsTaskAndTheScriptIsStoppedAfterItsPatienceWithNothingLeft() throws Exception {
        PythonInterpreter python = PythonScripts.python();
        Path script = PythonScripts.write(folder, "killed.py", GATED_TUTORIAL.replace("Pool(5)", "Pool(2)")
                .replace("range(1, 11)", "range(1, 5)"));
        Path gate = folder.resolve("gate");
        RecordedRun recorded = new RecordedRun();
        PythonRun run = PythonRun.start(python,
                ScriptLaunch.of(script, List.of(gate.toString())).withPatience(Duration.ofSeconds(2)), recorded,
                recorded);
        PoolEvent.TaskStarted first = recorded.await(PoolEvent.TaskStarted.class, e -> e.task() == 0, 1, WAIT).get(0);

        assertThat(run.killWorker(first.pid())).isTrue();
        PoolEvent.WorkerExited died = recorded.await(PoolEvent.WorkerExited.class, e -> e.pid() == first.pid(), 1,
                WAIT).get(0);
        assertThat(died.expected()).isFalse();
        assertThat(died.exitCode()).isEqualTo(-9);
        assertThat(died.reason()).isEqualTo("killed by signal 9");
        PoolEvent.TaskFailed lost = recorded.await(PoolEvent.TaskFailed.class, e -> e.task() == 0, 1, WAIT).get(0);
        assertThat(lost.cause()).isEqualTo(FailureCause.WORKER_DIED);
        assertThat(lost.willRetry()).isFalse();
        assertThat(lost.pid()).isEqualTo(first.pid());
        assertThat(lost.input()).isEqualTo("1");
        assertThat(lost.error()).contains("lost").contains("killed by signal 9").contains("forever");
        // The pool replaces the dead worker, and the other tasks end; task 0 never does.
        recorded.await(PoolEvent.WorkerStarted.class, e -> true, 3, WAIT);
        Files.writeString(gate, "go");

        PythonOutcome outcome = run.awaitOutcome();
        assertThat(outcome.ending()).isEqualTo(PythonOutcome.Ending.STOPPED_AFTER_PATIENCE);
        assertThat(outcome.lostTasks()).isEqualTo(1);
        assertThat(outcome.exitCode()).isEqualTo(128 + 15);
        assertThat(recorded.lines(ScriptLine.Stream.STDOUT)).isEmpty();
        assertThat(byTask(recorded.events(PoolEvent.TaskSucceeded.class)).keySet()).containsExactlyInAnyOrder(1, 2, 3);
        assertThat(recorded.events(PoolEvent.TaskFailed.class)).containsExactly(lost);
        PythonScripts.awaitNothingLeftOf(run.pid(), script);
    }

    @Test
    void stopEndsTheScriptAndAllItsWorkers() throws Exception {
        PythonInterpreter python = PythonScripts.python();
        Path script = PythonScripts.write(folder, "forever.py", GATED_TUTORIAL);
        RecordedRun recorded = new RecordedRun();
        PythonRun run = PythonRun.start(python,
                ScriptLaunch.of(script, List.of(folder.resolve("never").toString())), recorded, recorded);
        recorded.await(PoolEvent.TaskStarted.class, e -> true, 5, WAIT);

        run.stop();

        PythonOutcome outcome = run.awaitOutcome();
        assertThat(outcome.ending()).isEqualTo(PythonOutcome.Ending.STOPPED);
        assertThat(outcome.lostTasks()).isZero();
        // What the workers were running ended with them, as a halt ends it, not as a lost task.
        assertThat(recorded.events(PoolEvent.TaskFailed.class)).hasSize(5)
                .allSatisfy(e -> assertThat(e.cause()).isEqualTo(FailureCause.HALTED_WHILE_RUNNING));
        assertThat(recorded.events(PoolEvent.WorkerExited.class)).hasSize(5);
        PythonScripts.awaitNothingLeftOf(run.pid(), script);
    }

    @Test
    void killWorkerLeavesAloneAProcessThatIsNotAWorkerOfTheScript() throws Exception {
        PythonInterpreter python = PythonScripts.python();
        Path script = PythonScripts.write(folder, "forever.py", GATED_TUTORIAL);
        Process stranger = new ProcessBuilder("sleep", "60").start();
        RecordedRun recorded = new RecordedRun();
        PythonRun run = PythonRun.start(python,
                ScriptLaunch.of(script, List.of(folder.resolve("never").toString())), recorded, recorded);
        try {
            recorded.await(PoolEvent.WorkerStarted.class, e -> true, 5, WAIT);

            assertThat(run.killWorker(stranger.pid())).isFalse();
            assertThat(run.killWorker(run.pid())).isFalse();
            assertThat(run.killWorker(ProcessHandle.current().pid())).isFalse();
            assertThat(stranger.isAlive()).isTrue();
            assertThat(ProcessHandle.of(run.pid()).map(ProcessHandle::isAlive)).contains(true);
        } finally {
            run.stop();
            stranger.destroyForcibly();
        }
        run.awaitOutcome();
        PythonScripts.awaitNothingLeftOf(run.pid(), script);
    }

    @Test
    void aMissingOrOldPythonIsRefusedWithItsReason() throws IOException {
        assertThat(catchThrowableOfType(
                () -> PythonInterpreter.find(Map.of("PATH", folder.toString())), PythonUnavailableException.class))
                .satisfies(e -> assertThat(e.reason()).isEqualTo(PythonUnavailableException.Reason.NOT_FOUND));
        Path old = PythonScripts.write(folder, "python3", "#!/bin/sh\necho 3 7\n");
        assertThat(old.toFile().setExecutable(true)).isTrue();
        assertThat(catchThrowableOfType(
                () -> PythonInterpreter.find(Map.of("PATH", folder.toString())), PythonUnavailableException.class))
                .satisfies(e -> {
                    assertThat(e.reason()).isEqualTo(PythonUnavailableException.Reason.TOO_OLD);
                    assertThat(e.getMessage()).contains("3.7").contains("3.8");
                });
    }

    private static <T extends PoolEvent> Map<Integer, T> byTask(List<T> events) {
        Function<T, Integer> task = e -> e instanceof PoolEvent.TaskSucceeded s ? s.task()
                : ((PoolEvent.TaskFailed) e).task();
        return events.stream().collect(Collectors.toMap(task, e -> e));
    }
}
