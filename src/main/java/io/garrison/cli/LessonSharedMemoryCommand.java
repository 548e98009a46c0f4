package io.garrison.cli;

import io.garrison.lessons.SharedMemoryLesson;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code garrison lesson shared-memory}: a child process changes a shared value and array; the parent prints them. */
@Command(name = "shared-memory", mixinStandardHelpOptions = true)
final class LessonSharedMemoryCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        SharedMemoryLesson.run().lines().forEach(out::println);
        out.flush();
        return 0;
    }
}
