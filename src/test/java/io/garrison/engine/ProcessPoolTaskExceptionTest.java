package io.garrison.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.garrison.task.TaskFailure;
import io.garrison.task.TaskOptions;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A task's failure keeps the task's own exception as its cause, as {@code Future.get}'s
 * {@code ExecutionException} does and as Python re-raises the original: brought back from the worker with the
 * stack it had there, or stood in for when it cannot be; and no exception a task throws can take its worker down.
 */
@Timeout(90)
class ProcessPoolTaskExceptionTest {

    private ProcessPool pool;
    private final List<PoolEvent> events = new CopyOnWriteArrayList<>();

    @AfterEach
    void tearDown() {
        if (pool != null) {
            pool.terminate();
        }
    }

    /** A task's own exception type, with a field of its own. */
    static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int code;

        Refused(int code) {
            super("refused with code " + code);
            this.code = code;
        }
    }

    /** An exception that cannot cross a pipe: its field is not serializable. */
    static final class HoldsALock extends RuntimeException {
        private static final long serialVersionUID = 1L;
        @SuppressWarnings({"unused", "serial"})
        private final Object lock = new Object();

        HoldsALock(String message) {
            super(message);
        }
    }

    /** A result whose serialization throws, as a buggy writeObject does. */
    static final class BrokenResult implements Serializable {
        private static final long serialVersionUID = 1L;

        private void writeObject(ObjectOutputStream out) throws IOException {
            throw new IllegalStateException("this result will not be written");
        }
    }

    @Test
    void aFailureCarriesTheTasksOwnExceptionWithTheStackItHadInTheWorker() {
        pool = ProcessPool.create(2);

        Throwable thrown = catchThrowable(() -> pool.map(x -> {
            if (x % 2 != 0) {
                throw new IllegalArgumentException("odd: " + x);
            }
            return x;
        }, List.of(2, 3), 1));

        // The message, the cause as a type and remoteOutput are as they were; the cause is new.
        assertThat(thrown).isInstanceOf(TaskFailedException.class)
                .hasMessage("task 1 failed: java.lang.IllegalArgumentException: odd: 3");
        TaskFailedException failure = (TaskFailedException) thrown;
        assertThat(failure.failureCause()).isEqualTo(FailureCause.TASK_ERROR);
        assertThat(failure.remoteOutput()).contains("java.lang.IllegalArgumentException: odd: 3");
        assertThat(failure.getCause()).isExactlyInstanceOf(IllegalArgumentException.class).hasMessage("odd: 3");
        assertThat(failure.getCause().getStackTrace()).as("the stack where the task threw, in its worker")
                .anySatisfy(frame -> assertThat(frame.getClassName()).isEqualTo("io.garrison.worker.WorkerLoop"));
        assertThat(failure.getStackTrace()).as("the stack where the caller called map")
                .anySatisfy(frame -> assertThat(frame.getMethodName())
                        .isEqualTo("aFailureCarriesTheTasksOwnExceptionWithTheStackItHadInTheWorker"));
    }

    @Test
    void everyWayOfWaitingForATaskGivesItsOwnExceptionBackWithItsFields() throws Exception {
        pool = ProcessPool.create(2);
        TaskFunction<Integer, Integer> refuse = code -> {
            throw new Refused(code);
        };
        CompletableFuture<TaskFailedException> toCallback = new CompletableFuture<>();

        Throwable fromGet = catchThrowable(() -> pool.applyAsync(refuse, 7, null, toCallback::complete)
                .get(20, TimeUnit.SECONDS));
        Iterator<Integer> ordered = pool.imap(refuse, List.of(8));
        Throwable fromImap = catchThrowable(ordered::next);
        Iterator<Integer> unordered = pool.imapUnordered(refuse, List.of(9));
        Throwable fromImapUnordered = catchThrowable(unordered::next);

        assertThat(fromGet.getCause()).isInstanceOf(Refused.class);
        assertThat(((Refused) fromGet.getCause()).code).isEqualTo(7);
        assertThat(toCallback.get(20, TimeUnit.SECONDS).getCause()).isInstanceOf(Refused.class);
        assertThat(((Refused) fromImap.getCause()).code).isEqualTo(8);
        assertThat(((Refused) fromImapUnordered.getCause()).code).isEqualTo(9);
    }

    @Test
    void anExceptionThatCannotBeSerializedIsStoodInForByItsClassMessageAndStack() {
        pool = ProcessPool.create(1);

        Throwable thrown = catchThrowable(() -> pool.map(x -> {
            throw new HoldsALock("locked out " + x);
        }, List.of(5), 1));

        assertThat(thrown).isInstanceOf(TaskFailedException.class)
                .hasMessage("task 0 failed: " + HoldsALock.class.getName() + ": locked out 5");
        assertThat(thrown.getCause()).isInstanceOf(StandInTaskException.class)
                .hasMessage(HoldsALock.class.getName() + ": locked out 5");
        StandInTaskException standIn = (StandInTaskException) thrown.getCause();
        assertThat(standIn.className()).isEqualTo(HoldsALock.class.getName());
        assertThat(standIn.originalMessage()).isEqualTo("locked out 5");
        assertThat(standIn.whyStandIn()).contains("could not be serialized").contains("java.lang.Object");
        assertThat(standIn.getStackTrace())
                .anySatisfy(frame -> assertThat(frame.getClassName()).isEqualTo("io.garrison.worker.WorkerLoop"));
    }

    @Test
    void anExceptionWhoseClassThisSideLacksIsStoodInForNamingIt(@TempDir Path dir) throws Exception {
        // An exception class the task loads in its worker, from a folder that is on no class path of the parent's.
        Path source = dir.resolve("Oddity.java");
        Files.writeString(source, "public class Oddity extends RuntimeException {"
                + " public Oddity(String message) { super(message); } }");
        assertThat(ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", dir.toString(), source.toString()))
                .isZero();
        String folder = dir.toUri().toString();
        pool = ProcessPool.create(1);

        Throwable thrown = catchThrowable(() -> pool.<Integer, Integer>applyAsync(x -> {
            URLClassLoader loader = new URLClassLoader(new URL[] {new URL(folder)});
            throw (RuntimeException) loader.loadClass("Oddity").getConstructor(String.class).newInstance("odd " + x);
        }, 3).get(20, TimeUnit.SECONDS));

        assertThat(thrown).isInstanceOf(TaskFailedException.class).hasMessage("task 0 failed: Oddity: odd 3");
        StandInTaskException standIn = (StandInTaskException) thrown.getCause();
        assertThat(standIn.className()).isEqualTo("Oddity");
        assertThat(standIn.originalMessage()).isEqualTo("odd 3");
        assertThat(standIn.whyStandIn()).contains("class not on this class path").contains("Oddity");
    }

    @Test
    void aTaskFailureKeepsItsReasonAsTheMessageAndIsTheCause(@TempDir Path dir) {
        pool = ProcessPool.create(1);
        TaskOptions exitWithTheInput = TaskOptions.builder().outputDir(dir).commandTemplate("sh -c 'exit $0' {}")
                .build();

        Throwable fromCommand = catchThrowable(() -> pool.map("command", exitWithTheInput, List.of("3"), 1));
        Throwable fromLambda = catchThrowable(() -> pool.map(x -> {
            throw TaskFailure.permanent("HTTP 404");
        }, List.of(1), 1));

        // The reason is what the CLI, its --json and the joblog print: it stays as it was.
        assertThat(fromCommand).hasMessage("task 0 failed: exit code 3");
        assertThat(fromCommand.getCause()).isInstanceOf(TaskFailure.class).hasMessage("exit code 3");
        assertThat(((TaskFailure) fromCommand.getCause()).exitValue()).isEqualTo(3);
        assertThat(fromLambda).hasMessage("task 0 failed: HTTP 404");
        assertThat(((TaskFailedException) fromLambda).failureCause()).isEqualTo(FailureCause.PERMANENT_ERROR);
        assertThat(((TaskFailure) fromLambda.getCause()).retry()).isEqualTo(TaskFailure.Retry.NEVER);
    }

    @Test
    void aResultWhoseSerializationThrowsFailsItsTaskAndLeavesTheWorkerAlive() throws Exception {
        pool = ProcessPool.builder().size(1).listener(events::add).build();
        long pid = pool.applyAsync(x -> ProcessHandle.current().pid(), 0).get();

        Throwable thrown = catchThrowable(() -> pool.map(x -> new BrokenResult(), List.of(1), 1));

        assertThat(thrown).isInstanceOf(TaskFailedException.class).hasMessageContaining("will not be written");
        assertThat(pool.applyAsync(x -> ProcessHandle.current().pid(), 0).get()).as("the same worker").isEqualTo(pid);
        assertThat(events).noneMatch(PoolEvent.WorkerExited.class::isInstance);
    }

    /** An exception whose own description fails, as a buggy {@code toString} or {@code getMessage} does. */
    static final class Unprintable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        @Override
        public String getMessage() {
            throw new IllegalStateException("getMessage is broken too");
        }

        @Override
        public String toString() {
            throw new IllegalStateException("toString is broken");
        }
    }

    @Test
    void anExceptionWhoseToStringThrowsFailsItsTaskAndLeavesTheWorkerAlive() throws Exception {
        pool = ProcessPool.builder().size(1).retries(2).listener(events::add).build();
        long pid = pool.applyAsync(x -> ProcessHandle.current().pid(), 0).get();

        Throwable thrown = catchThrowable(() -> pool.map(x -> {
            throw new Unprintable();
        }, List.of(1), 1));

        assertThat(thrown).isInstanceOf(TaskFailedException.class)
                .hasMessageContaining(Unprintable.class.getName()).hasMessageContaining("its toString failed");
        assertThat(((TaskFailedException) thrown).failureCause()).isEqualTo(FailureCause.TASK_ERROR);
        assertThat(pool.applyAsync(x -> ProcessHandle.current().pid(), 0).get()).as("the same worker").isEqualTo(pid);
        assertThat(events).noneMatch(PoolEvent.WorkerExited.class::isInstance);
        assertThat(events).filteredOn(PoolEvent.TaskFailed.class::isInstance).hasSize(3);
    }
}
