package io.garrison.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.garrison.python.PythonScripts;
import io.garrison.testing.Await;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code garrison python}: a real python3 script through the real command line. Skipped without python3. */
class PythonCommandTest {

    private static final String TUTORIAL = """
            from multiprocessing import Pool

            def f(x):
                return x*x

            if __name__ == '__main__':
                with Pool(5) as p:
                    print(p.map(f, range(1, 11)))
            """;

    /** A task that kills its own worker with SIGKILL: the pool loses it and map() waits forever. */
    private static final String SELF_KILLING = """
            import os
            import signal
            from multiprocessing import Pool

            def f(x):
                if x == 0:
                    os.kill(os.getpid(), signal.SIGKILL)
                return x

            if __name__ == '__main__':
                with Pool(2) as p:
                    print(p.map(f, range(3), chunksize=1))
            """;

    @TempDir
    Path dir;

    @Test
    void theTutorialGivesTheJsonStreamOnStdoutAndTheScriptsOutputOnStderr() throws Exception {
        PythonScripts.python();
        Path script = PythonScripts.write(dir, "tutorial.py", TUTORIAL);

        CliProcess run = CliProcess.run(dir, "", "python", "--json", script.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.stderr().lines().toList()).containsExactly("[1, 4, 9, 16, 25, 36, 49, 64, 81, 100]");
        List<JsonNode> events = RunEvents.parse(run.stdout());
        assertThat(run.stdout().lines().count()).isEqualTo(events.size());
        List<JsonNode> started = ofType(events, "worker-started");
        assertThat(started).hasSize(5);
        assertThat(started.stream().map(e -> e.get("pid").asLong()).collect(Collectors.toSet())).hasSize(5);
        assertThat(ofType(events, "task-started")).hasSize(10);
        List<JsonNode> succeeded = ofType(events, "task-succeeded");
        assertThat(succeeded.stream().map(e -> e.get("task").asInt() + "->" + e.get("input").asText() + "->"
                + e.get("result").asText()).collect(Collectors.toSet())).isEqualTo(Set.of("0->1->1", "1->2->4",
                "2->3->9", "3->4->16", "4->5->25", "5->6->36", "6->7->49", "7->8->64", "8->9->81", "9->10->100"));
        assertThat(ofType(events, "worker-exited")).hasSize(5);
        JsonNode last = events.get(events.size() - 1);
        assertThat(last.get("type").asText()).isEqualTo("run-finished");
        assertThat(last.get("total").asInt()).isEqualTo(10);
        assertThat(last.get("succeeded").asInt()).isEqualTo(10);
    }

    @Test
    void whatFollowsTheScriptIsTheScriptsAndItsExitStatusIsGarrisons() throws Exception {
        PythonScripts.python();
        Path script = PythonScripts.write(dir, "args.py", "import sys\nprint(sys.argv[1:])\nsys.exit(7)\n");

        CliProcess run = CliProcess.run(dir, "", "python", "--json", script.toString(), "--json", "-x", "--patience",
                "a b");

        assertThat(run.exitCode()).isEqualTo(7);
        assertThat(run.stderr().lines().toList()).containsExactly("['--json', '-x', '--patience', 'a b']");
        assertThat(ofType(RunEvents.parse(run.stdout()), "run-finished")).hasSize(1);
    }

    @Test
    void aScriptThatLostATaskIsStoppedAfterItsPatienceWithStatus3() throws Exception {
        PythonScripts.python();
        Path script = PythonScripts.write(dir, "lost.py", SELF_KILLING);

        CliProcess run = CliProcess.run(dir, "", "python", "--json", "--patience", "1", script.toString());

        assertThat(run.exitCode()).isEqualTo(PythonCommand.STOPPED_AFTER_PATIENCE);
        assertThat(run.stderr()).contains("the script lost 1 task(s) and had not ended 1 s later");
        List<JsonNode> events = RunEvents.parse(run.stdout());
        List<JsonNode> died = ofType(events, "worker-exited").stream()
                .filter(e -> !e.get("expected").asBoolean()).toList();
        assertThat(died).hasSize(1);
        assertThat(died.get(0).get("exitCode").asInt()).isEqualTo(-9);
        assertThat(died.get(0).get("reason").asText()).isEqualTo("killed by signal 9");
        List<JsonNode> lost = ofType(events, "task-failed").stream()
                .filter(e -> e.get("cause").asText().equals("worker-died")).toList();
        assertThat(lost).hasSize(1);
        assertThat(lost.get(0).get("task").asInt()).isZero();
        assertThat(lost.get(0).get("input").asText()).isEqualTo("0");
        assertThat(lost.get(0).get("pid").asLong()).isEqualTo(died.get(0).get("pid").asLong());
        PythonScripts.awaitNothingLeftOf(-1, script);
    }

    @Test
    void withoutJsonTheScriptsOutputIsItsOwnAndEachDeathIsOneLineOnStderr() throws Exception {
        PythonScripts.python();
        Path script = PythonScripts.write(dir, "lost.py", SELF_KILLING);

        CommandOutput run = CommandOutput.of("python", "--patience", "1", script.toString());

        assertThat(run.exitCode()).isEqualTo(PythonCommand.STOPPED_AFTER_PATIENCE);
        assertThat(run.out()).isEmpty();
        List<String> lines = run.err().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).matches("garrison: worker \\d+ died: killed by signal 9");
        assertThat(lines.get(1)).matches("garrison: task 0 \\(0\\) is lost: its worker \\d+ died, and a Python Pool "
                + "never runs a task again");
        assertThat(lines.get(2)).startsWith("garrison: the script lost 1 task(s) and had not ended 1 s later");
    }

    @Test
    void withoutJsonTheScriptsOutputGoesWhereItWouldWithoutGarrison() throws Exception {
        PythonScripts.python();
        Path script = PythonScripts.write(dir, "tutorial.py", TUTORIAL.replace("print(p.map(f, range(1, 11)))",
                "print(p.map(f, range(1, 11)))\n        import sys\n        print('to stderr', file=sys.stderr)"));

        CommandOutput run = CommandOutput.of("python", script.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.lines()).containsExactly("[1, 4, 9, 16, 25, 36, 49, 64, 81, 100]");
        assertThat(run.err().lines().toList()).containsExactly("to stderr");
    }

    @Test
    void onlyPythonWithJsonBeforeTheScriptIsTheCommandLinesTheRestOpensTheDesktopApp() {
        assertThat(GarrisonCommand.isCommandLine(new String[]{"python", "--json", "s.py"})).isTrue();
        assertThat(GarrisonCommand.isCommandLine(new String[]{"python", "--patience", "5", "--json", "s.py"})).isTrue();
        assertThat(GarrisonCommand.isCommandLine(new String[]{"python", "--help"})).isTrue();
        assertThat(GarrisonCommand.isCommandLine(new String[]{"python", "s.py"})).isFalse();
        assertThat(GarrisonCommand.isCommandLine(new String[]{"python", "s.py", "--json"})).isFalse();
        assertThat(GarrisonCommand.isCommandLine(new String[]{"python"})).isFalse();
    }

    @Test
    void aMissingScriptIsRefusedWithStatus2() {
        CommandOutput run = CommandOutput.of("python", "--json", dir.resolve("nope.py").toString());

        assertThat(run.exitCode()).isEqualTo(PythonCommand.UNUSABLE);
        assertThat(run.err()).contains("no such script").contains("nope.py");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void whenGarrisonIsKilledTheScriptAndItsWorkersGoWithIt() throws Exception {
        PythonScripts.python();
        Path script = PythonScripts.write(dir, "forever.py", """
                import time
                from multiprocessing import Pool

                def f(x):
                    time.sleep(600)

                if __name__ == '__main__':
                    with Pool(3) as p:
                        p.map(f, range(3))
                """);
        Path out = dir.resolve("events.ndjson");
        Process garrison = CliProcess.start(dir, List.of(), out, dir.resolve("err.txt"), "python", "--json",
                script.toString());
        try {
            Await.await("three tasks started", () -> ofType(RunEvents.read(out), "task-started").size() == 3,
                    Duration.ofSeconds(60));
            assertThat(pythonProcessesNaming(script)).isGreaterThanOrEqualTo(4);

            garrison.destroyForcibly();
            garrison.waitFor();

            PythonScripts.awaitNothingLeftOf(-1, script);
        } finally {
            garrison.destroyForcibly();
        }
    }

    private static long pythonProcessesNaming(Path script) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains(script.toString())).count();
    }

    private static List<JsonNode> ofType(List<JsonNode> events, String type) {
        return events.stream().filter(e -> e.get("type").asText().equals(type)).toList();
    }
}
