package io.garrison.engine;

/**
 * What a joblog row in parallel's format says of a task that the pool's events do not: the Seq parallel gives
 * it and a command line that runs it again. Called on the pool's event thread.
 */
public interface JoblogCommands {

    /** Seq is the list line, as parallel numbers one input a line; the command is the input itself. */
    JoblogCommands INPUTS = new JoblogCommands() {
        @Override
        public int seq(int task, int line) {
            return line;
        }

        @Override
        public String commandLine(int task, String input) {
            return input;
        }
    };

    int seq(int task, int line);

    String commandLine(int task, String input);
}
