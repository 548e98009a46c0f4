package io.garrison.cli;

import io.garrison.task.ShellWords;
import io.garrison.engine.JoblogCommands;
import io.garrison.task.CommandTemplate;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Command column of a joblog in parallel's format: a POSIX shell command line that runs one task again, so
 * that parallel's {@code --retry-failed} (and a person) can rerun it (decision 0022). For the {@code command}
 * kind it is the task's argv, each word shell-quoted; for a template that names {@code {out}}, and for every
 * other kind, it is the input piped into a {@code garrison run} of one task, since only Garrison names an
 * output file or runs a square. Event thread.
 */
final class RerunCommandLines implements JoblogCommands {

    /** Words a POSIX shell reads as they are. */

    private final String kind;
    private final CommandTemplate template;
    private final String templateText;
    private final Path out;

    RerunCommandLines(String kind, String templateText, Path out) {
        this.kind = kind;
        this.templateText = templateText;
        this.template = templateText == null ? null : CommandTemplate.parse(templateText);
        this.out = out;
    }

    @Override
    public int seq(int task, int line) {
        return line;
    }

    @Override
    public String commandLine(int task, String input) {
        // A command line of its own only when it is whole without the pool: {out} is a temporary file the pool
        // names and {%} the slot of whichever worker ran it, neither of which a rerun elsewhere has.
        if (template != null && !template.usesOutputPath() && !template.uses(CommandTemplate.Token.SLOT_NUMBER)) {
            // The worker numbers tasks from 1 for {#}.
            return ShellWords.quoteAll(template.expand(input, task + 1, 1, null));
        }
        List<String> garrison = new ArrayList<>(List.of("garrison", "run", "-k", kind));
        if (template != null) {
            garrison.addAll(List.of("-c", templateText));
        }
        if (template != null || kind.equals("download")) {
            garrison.addAll(List.of("-o", out.toString()));
        }
        garrison.add("-");
        return "printf '%s\\n' " + ShellWords.quote(input) + " | " + ShellWords.quoteAll(garrison);
    }
}
