package io.garrison.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real GNU parallel, run over a list to see what argv its replacement strings give: the reference the
 * {@code command} kind's template is held to. Tests that use it are skipped (an assumption) where it is not
 * installed; CI installs it.
 */
public final class GnuParallel {

    /** A template that prints each of its arguments followed by a NUL, so any text can be told apart. */
    public static final String PRINT_ARGS = "printf '%s\\0'";

    private GnuParallel() {
    }

    public static boolean isInstalled() {
        return Programs.onPath("parallel");
    }

    /**
     * What {@code parallel -k -j1 -a LIST "printf '%s\0' TOKENS"} prints: per input, in order, the arguments the
     * replacement strings in {@code tokens} became.
     */
    public static List<List<String>> arguments(String tokens, List<String> inputs, Path dir)
            throws IOException, InterruptedException {
        Path list = Files.write(Files.createTempFile(dir, "parallel-list", ".txt"), inputs, StandardCharsets.UTF_8);
        String printed = output(dir, "-k", "-j1", "-a", list.toString(), PRINT_ARGS + " " + tokens);
        return groups(printed, tokens.trim().split("\\s+").length);
    }

    /** What {@code parallel --will-cite ARGS}, run in {@code dir} with nothing on stdin, prints on stdout. */
    public static String output(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("parallel", "--will-cite"));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "parallel-out", ".txt");
        Process parallel = new ProcessBuilder(command).directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        if (!parallel.waitFor(60, TimeUnit.SECONDS)) {
            parallel.destroyForcibly();
            throw new AssertionError("parallel did not finish in 60 s");
        }
        if (parallel.exitValue() != 0) {
            throw new AssertionError("parallel exited " + parallel.exitValue());
        }
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    /** NUL-terminated fields, {@code perJob} to a job. */
    public static List<List<String>> groups(String printed, int perJob) {
        List<String> fields = printed.isEmpty() ? List.of() : Arrays.asList(printed.split("\0", -1));
        if (!fields.isEmpty() && fields.get(fields.size() - 1).isEmpty()) {
            fields = fields.subList(0, fields.size() - 1);
        }
        List<List<String>> jobs = new ArrayList<>();
        for (int i = 0; i + perJob <= fields.size(); i += perJob) {
            jobs.add(List.copyOf(fields.subList(i, i + perJob)));
        }
        if (fields.size() % perJob != 0) {
            throw new AssertionError("printed " + fields.size() + " fields, not a multiple of " + perJob);
        }
        return jobs;
    }
}
