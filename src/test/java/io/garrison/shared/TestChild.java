package io.garrison.shared;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A child JVM owned by one test: every wait has a timeout and {@link #close()} always destroys and reaps it.
 */
public final class TestChild implements AutoCloseable {

    private final Process process;
    private final BufferedReader stdout;

    /** Starts {@code java -cp <this class path> mainClass args} as a child that {@link #close()} ends for sure. */
    public static TestChild start(String mainClass, String... args) {
        try {
            return new TestChild(ChildJvm.start(mainClass, List.of(args)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private TestChild(Process process) {
        this.process = process;
        this.stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    public static TestChild start(Class<?> mainClass, String... args) {
        return start(mainClass.getName(), args);
    }

    public long pid() {
        return process.pid();
    }

    public Process process() {
        return process;
    }

    /** The next stdout line (null at end of stream), waiting at most {@code timeout}. */
    public String awaitLine(Duration timeout) throws InterruptedException, TimeoutException {
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return stdout.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try {
            return line.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Waits for the exit and returns its status. */
    public int awaitExit(Duration timeout) throws InterruptedException, TimeoutException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new TimeoutException("child " + process.pid() + " still runs after " + timeout);
        }
        return process.exitValue();
    }

    /** Kills it like a crash would (SIGKILL), and reaps it. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() {
        ChildJvm.stop(process, Duration.ofSeconds(2));
    }
}
