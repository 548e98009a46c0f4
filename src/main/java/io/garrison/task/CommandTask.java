package io.garrison.task;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs a program per input from an argv template. Standard output and error are captured together per
 * task; a non-zero exit is a failure carrying that exit code. When the template names {@code {out}}, the
 * program writes to a temporary file that gets its final name only if the program succeeds. Each program runs
 * in a process group of its own where {@link ProcessGroups} can make one, and nothing it started outlives it.
 */
public final class CommandTask implements TaskKind {

    private static final int RESULT_LIMIT = 200;

    /** A program's stdin: nothing, like xargs with its input taken by the list. */
    private static final Redirect NO_INPUT = Redirect.from(new File(
            System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null"));

    private CommandTemplate template;

    @Override
    public String name() {
        return "command";
    }

    @Override
    public Optional<String> validate(String input, TaskOptions options) {
        for (int i = 0; i < input.length(); i++) {
            char c = input.charAt(i);
            if (c == 0) {
                return Optional.of("an input may not contain a NUL character");
            }
        }
        return Optional.empty();
    }

    @Override
    public String execute(String input, TaskContext context) throws Exception {
        CommandTemplate argvTemplate = template(context.options());
        Path temp = null;
        Path dir = context.options().outputDir();
        if (argvTemplate.usesOutputPath()) {
            Files.createDirectories(dir);
            temp = SafeFileNames.createTemporary(dir);
        }
        try {
            List<String> argv = argvTemplate.expand(input, context.taskNumber(), context.slotNumber(),
                    temp == null ? null : temp.toString());
            ProcessGroups groups = ProcessGroups.get();
            // A program that cannot start is told apart here, before setsid would start and report it as its own.
            boolean grouped = groups.available() && startable(argv.get(0));
            ProcessBuilder builder = new ProcessBuilder(grouped ? groups.inOwnGroup(argv) : argv)
                    .redirectErrorStream(true)
                    .redirectInput(NO_INPUT);
            Process process;
            try {
                process = builder.start();
            } catch (IOException e) {
                throw new TaskFailure("cannot start " + argv.get(0) + ": " + e.getMessage(), 127);
            }
            if (grouped) {
                groups.started(process.pid());
            }
            OutputReader output = new OutputReader(process.getInputStream(), context);
            output.start();
            int exit;
            try {
                exit = process.waitFor();
            } finally {
                // Whatever the command left behind goes with it, and with them the last holders of its output.
                if (grouped) {
                    groups.kill(process.pid());
                } else {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                }
                // Only a command still running is destroyed: destroying closes its output, which may not be read yet.
                if (process.isAlive()) {
                    process.destroyForcibly();
                }
            }
            String firstLine = output.finish();
            if (exit != 0) {
                throw new TaskFailure("exit code " + exit, exit);
            }
            if (temp != null && Files.exists(temp)) {
                Path saved = SafeFileNames.publish(temp, dir, SafeFileNames.sanitize(input));
                return saved.getFileName().toString();
            }
            int newline = firstLine.indexOf('\n');
            String line = newline >= 0 ? firstLine.substring(0, newline) : firstLine.toString();
            return line.length() > RESULT_LIMIT ? line.substring(0, RESULT_LIMIT) : line.strip();
        } finally {
            if (temp != null) {
                Files.deleteIfExists(temp);
            }
        }
    }

    /** Whether {@code program} names an executable file, found on the PATH when it has no slash, as exec would. */
    private static boolean startable(String program) {
        if (program.indexOf('/') >= 0) {
            return Files.isExecutable(Path.of(program));
        }
        String path = System.getenv("PATH");
        if (path == null || program.isEmpty()) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
            if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                return true;
            }
        }
        return false;
    }

    private CommandTemplate template(TaskOptions options) throws TaskFailure {
        if (template == null) {
            String text = options.get(TaskOptions.COMMAND_TEMPLATE)
                    .orElseThrow(() -> new TaskFailure("no command template was given"));
            template = CommandTemplate.parse(text);
        }
        return template;
    }

    /**
     * Reads a command's output on a thread of its own, so that the task thread waits for the command and not for
     * its output's end: a program that escaped the command's group ({@code setsid sleep 600 &}) may hold that end
     * for as long as it lives. The task thread and the reader share the task's capture under this reader's lock.
     */
    private static final class OutputReader extends Thread {

        /** How long output may still come after the command and its group are gone: what was in the pipe. */
        private static final long DRAIN_MILLIS = 250;

        private final InputStream in;
        private final TaskContext context;
        private final CountDownLatch ended = new CountDownLatch(1);
        private final byte[] buffer = new byte[8192];
        /** The start of the output, for the task's result; guarded by this. */
        private final StringBuilder firstLine = new StringBuilder();
        /** False once the task has ended: later output belongs to no task. Guarded by this. */
        private boolean open = true;

        OutputReader(InputStream in, TaskContext context) {
            super("garrison-command-output");
            setDaemon(true);
            this.in = in;
            this.context = context;
        }

        @Override
        public void run() {
            try (in) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    synchronized (this) {
                        if (!open) {
                            return;
                        }
                        context.output(buffer, 0, n);
                        if (firstLine.length() < RESULT_LIMIT && firstLine.indexOf("\n") < 0) {
                            firstLine.append(new String(buffer, 0, Math.min(n, RESULT_LIMIT), StandardCharsets.UTF_8));
                        }
                    }
                }
            } catch (IOException e) {
                // the pipe broke: the output ends here
            } finally {
                ended.countDown();
            }
        }

        /** Waits briefly for the output's end, then stops taking output; returns the output's start. */
        String finish() throws InterruptedException {
            ended.await(DRAIN_MILLIS, TimeUnit.MILLISECONDS);
            synchronized (this) {
                open = false;
                return firstLine.toString();
            }
        }
    }
}
