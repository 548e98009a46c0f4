package io.garrison.worker;

import io.garrison.protocol.FrameInput;
import io.garrison.protocol.MessageType;
import io.garrison.task.ProcessGroups;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import sun.misc.Signal;
import sun.misc.SignalHandler;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The main class of a worker process.
 *
 * <p>Stdout belongs to the protocol, so {@code System.out} is redirected into the running task's captured
 * output. A reader thread owns stdin: end-of-file means the parent closed the pipe or died, and the worker
 * then kills its own descendants and halts at once, even in the middle of a task. That is what guarantees
 * that no worker outlives its parent. A worker started with {@link MessageType#HEARTBEAT_PROPERTY} (one on
 * another host) also leaves when its parent falls silent ({@link ParentSilence}). Kept to JDK classes only so it
 * starts fast.
 */
public final class WorkerMain {

    /** Set once the worker is on its way out; see {@link #haltWithDescendants}. */
    private static volatile boolean leaving;

    private WorkerMain() {
    }

    public static void main(String[] args) throws Exception {
        ignoreInterrupts();
        PrintStream stderr = System.err;
        FileOutputStream protocolOut = new FileOutputStream(FileDescriptor.out);
        TaskOutputCapture capture = new TaskOutputCapture(stderr);
        System.setOut(new PrintStream(capture, true));

        BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
        WorkerLoop loop = new WorkerLoop(protocolOut, capture, inbox);
        InputStream stdin = watchedForSilence(new FileInputStream(FileDescriptor.in), stderr);
        // An anonymous class, not a lambda: bootstrapping the first lambda costs a worker milliseconds at start.
        Thread reader = new Thread("garrison-worker-stdin") {
            @Override
            public void run() {
                readStdin(stdin, inbox, loop, stderr);
            }
        };
        reader.setDaemon(true);
        reader.start();

        loop.run();
    }

    /**
     * A terminal's Ctrl-C reaches its whole foreground process group, the workers with their parent. The parent
     * decides what it means (the first lets running tasks finish, the second kills the workers), so a worker
     * does not die of it. Its commands run in sessions of their own and never hear it.
     */
    private static void ignoreInterrupts() {
        try {
            Signal.handle(new Signal("INT"), SignalHandler.SIG_IGN);
        } catch (IllegalArgumentException | UnsupportedOperationException noSignals) {
            // No SIGINT here (Windows without a console); nothing to ignore.
        }
    }

    /** Stdin as it is, or watched for the parent's silence when the worker was started with a heartbeat. */
    private static InputStream watchedForSilence(InputStream stdin, PrintStream stderr) {
        long limitMillis = Long.getLong(MessageType.HEARTBEAT_PROPERTY, 0);
        if (limitMillis <= 0) {
            return stdin;
        }
        ParentSilence silence = new ParentSilence(limitMillis, stderr);
        silence.start();
        return silence.listenTo(stdin);
    }

    private static void readStdin(InputStream stdin, BlockingQueue<Object> inbox, WorkerLoop loop, PrintStream stderr) {
        InboundMessages messages = new InboundMessages(new FrameInput(stdin, 1 << 16));
        try {
            while (true) {
                Object message = messages.next();
                if (message == InboundMessages.PING) {
                    // Nothing to do: it is sent only to be heard, which ParentSilence, if any, has done.
                } else if (message instanceof InboundMessages.StatsAsk ask) {
                    // Here too: the answer must not wait for a task that may run for hours.
                    loop.reportStats(ask.request());
                } else if (message instanceof InboundMessages.Recall recall) {
                    // Here, not on the loop: the loop is busy with the task the recalled one waits behind.
                    loop.giveBack(recall.taskId());
                } else {
                    inbox.put(message);
                }
            }
        } catch (EOFException parentGone) {
            if (Boolean.getBoolean(MessageType.EXIT_NORMALLY_PROPERTY)) {
                // A class-data-sharing training run: the JVM writes its archive only on a normal exit.
                System.exit(0);
            }
            haltWithDescendants(0);
        } catch (IOException | RuntimeException e) {
            stderr.println("garrison worker: unreadable message from the parent: " + e);
            haltWithDescendants(3);
        } catch (InterruptedException e) {
            haltWithDescendants(3);
        }
    }

    /**
     * Programs a task started (a curl, a shell) must not outlive the worker either. A task whose program dies
     * of this is lost with the worker, not failed on its own: the parent would retry it once for the failure and
     * again for the exit, so the loop reports nothing more once the worker is leaving.
     */
    static void haltWithDescendants(int status) {
        leaving = true;
        if (mayHaveChildren()) {
            // First the running command's group, which holds what the command started and left to init.
            ProcessGroups.get().killRunning();
            ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
        }
        Runtime.getRuntime().halt(status);
    }

    /** Whether {@link #haltWithDescendants} has begun: nothing the worker has still to say reaches its parent. */
    static boolean isLeaving() {
        return leaving;
    }

    /**
     * False only when Linux says that no thread of this process has a child, so none has descendants either.
     * Finding descendants reads every process on the machine and starts the JDK's process machinery, tens of
     * milliseconds on the way out of a worker that never started a program; the pool waits for that exit.
     */
    static boolean mayHaveChildren() {
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path thread : threads) {
                if (Files.readAllBytes(thread.resolve("children")).length > 0) {
                    return true;
                }
            }
            return false;
        } catch (IOException | RuntimeException cannotTell) {
            // not Linux, or a kernel without the children lists
            return true;
        }
    }
}
