package io.garrison.task;

import java.io.IOException;
import java.io.InputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Runs a program per input from an argv template. Standard output and error are captured together per
 * task; a non-zero exit is a failure carrying that exit code. When the template names {@code {out}}, the
 * program writes to a temporary file that gets its final name only if the program succeeds.
 */
public final class CommandTask implements TaskKind {

    private static final int RESULT_LIMIT = 200;

    /** A program's stdin: nothing, like xargs with its input taken by the list. */
    private static final Redirect NO_INPUT = Redirect.from(new java.io.File(
            System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null"));

    private CommandTemplate template;
    /** Reused from task to task: a worker runs one task at a time. */
    private final byte[] buffer = new byte[8192];

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
            ProcessBuilder builder = new ProcessBuilder(argvTemplate.expand(input, context.taskNumber(),
                    temp == null ? null : temp.toString()))
                    .redirectErrorStream(true)
                    .redirectInput(NO_INPUT);
            Process process;
            try {
                process = builder.start();
            } catch (IOException e) {
                throw new TaskFailure("cannot start " + builder.command().get(0) + ": " + e.getMessage(), 127);
            }
            StringBuilder firstLine = new StringBuilder();
            try (InputStream out = process.getInputStream()) {
                for (int n; (n = out.read(buffer)) >= 0; ) {
                    context.output(buffer, 0, n);
                    if (firstLine.length() < RESULT_LIMIT && firstLine.indexOf("\n") < 0) {
                        firstLine.append(new String(buffer, 0, Math.min(n, RESULT_LIMIT), StandardCharsets.UTF_8));
                    }
                }
            }
            int exit = process.waitFor();
            if (exit != 0) {
                throw new TaskFailure("exit code " + exit, exit);
            }
            if (temp != null && Files.exists(temp)) {
                Path saved = SafeFileNames.publish(temp, dir, SafeFileNames.sanitize(input));
                return saved.getFileName().toString();
            }
            int newline = firstLine.indexOf("\n");
            String line = newline >= 0 ? firstLine.substring(0, newline) : firstLine.toString();
            return line.length() > RESULT_LIMIT ? line.substring(0, RESULT_LIMIT) : line.strip();
        } finally {
            if (temp != null) {
                Files.deleteIfExists(temp);
            }
        }
    }

    private CommandTemplate template(TaskOptions options) throws TaskFailure {
        if (template == null) {
            String text = options.get(TaskOptions.COMMAND_TEMPLATE)
                    .orElseThrow(() -> new TaskFailure("no command template was given"));
            template = CommandTemplate.parse(text);
        }
        return template;
    }
}
