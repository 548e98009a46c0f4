package io.garrison.python;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The Python a script runs with: {@code GARRISON_PYTHON} when set, else the first {@code python3} on the PATH,
 * version 3.8 or later (the oldest whose {@code multiprocessing.pool} the probe hooks). Any thread.
 *
 * @param executable the interpreter
 * @param major      its major version, 3
 * @param minor      its minor version, 8 or more
 */
public record PythonInterpreter(Path executable, int major, int minor) {

    /** The variable that names an interpreter instead of the PATH's {@code python3}. */
    public static final String OVERRIDE_VARIABLE = "GARRISON_PYTHON";
    static final int OLDEST_MINOR = 8;

    /** Finds the interpreter in this process's environment. */
    public static PythonInterpreter find() throws PythonUnavailableException {
        return find(System.getenv());
    }

    /** Finds the interpreter in {@code environment}'s {@code GARRISON_PYTHON} or {@code PATH}, and checks its version. */
    public static PythonInterpreter find(Map<String, String> environment) throws PythonUnavailableException {
        String override = environment.get(OVERRIDE_VARIABLE);
        Path executable = override != null && !override.isBlank()
                ? Path.of(override)
                : onPath(environment.getOrDefault("PATH", "")).orElseThrow(() -> new PythonUnavailableException(
                        PythonUnavailableException.Reason.NOT_FOUND,
                        "no python3 on the PATH: install Python 3.8 or later, or name one in " + OVERRIDE_VARIABLE));
        if (!Files.isExecutable(executable)) {
            throw new PythonUnavailableException(PythonUnavailableException.Reason.NOT_FOUND,
                    executable + " (from " + OVERRIDE_VARIABLE + ") is not a program that can be run");
        }
        return withVersion(executable);
    }

    private static Optional<Path> onPath(String path) {
        for (String folder : path.split(File.pathSeparator)) {
            if (folder.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(folder, "python3");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static PythonInterpreter withVersion(Path executable) throws PythonUnavailableException {
        String answer;
        try {
            Process process = new ProcessBuilder(executable.toString(), "-c",
                    "import sys; print(sys.version_info[0], sys.version_info[1])")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            process.getOutputStream().close();
            answer = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw notPython(executable);
            }
        } catch (IOException e) {
            throw notPython(executable);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw notPython(executable);
        }
        String[] parts = answer.split(" ");
        int major;
        int minor;
        try {
            major = Integer.parseInt(parts[0]);
            minor = parts.length > 1 ? Integer.parseInt(parts[1]) : -1;
        } catch (NumberFormatException e) {
            throw notPython(executable);
        }
        if (major < 3 || major == 3 && minor < OLDEST_MINOR) {
            throw new PythonUnavailableException(PythonUnavailableException.Reason.TOO_OLD,
                    executable + " is Python " + major + "." + minor + ": Python 3." + OLDEST_MINOR
                            + " or later is needed");
        }
        return new PythonInterpreter(executable, major, minor);
    }

    private static PythonUnavailableException notPython(Path executable) {
        return new PythonUnavailableException(PythonUnavailableException.Reason.NOT_PYTHON,
                executable + " did not say its version as Python does");
    }

    /** As people write it: 3.11. */
    public String version() {
        return major + "." + minor;
    }
}
