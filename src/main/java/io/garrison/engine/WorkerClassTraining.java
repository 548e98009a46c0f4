package io.garrison.engine;

import io.garrison.protocol.FrameInput;
import io.garrison.protocol.FrameOutput;
import io.garrison.protocol.LambdaReference;
import io.garrison.protocol.MessageType;
import io.garrison.protocol.WireValues;
import io.garrison.task.TaskOptions;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One recording of the worker class archive: a worker started with {@code -XX:ArchiveClassesAtExit} runs
 * one task of every kind whose classes are costly to load (a square, a lambda rebuilt from its names, a
 * download from a loopback server of our own, a command, a lambda revived from serialized bytes), then exits,
 * and the JVM writes what it loaded.
 *
 * <p>Downloads and commands are part of it because their classes (HttpURLConnection and the process
 * machinery) cost a fresh worker more than everything else it loads, and the CLI's download and command
 * runs are the short ones where start-up shows most.
 */
final class WorkerClassTraining {

    private static final long TRAINING_LIMIT_MS = 60_000;
    private static final String TRAINING_PAGE = "garrison";
    private static final int TASKS = 5;

    private final Path javaExecutable;
    private final List<String> jvmFlags;
    private final String classPath;
    private final Path archive;
    private final Path temp;
    private volatile Process trainer;

    WorkerClassTraining(Path javaExecutable, List<String> jvmFlags, String classPath, Path archive) {
        this.javaExecutable = javaExecutable;
        this.jvmFlags = List.copyOf(jvmFlags);
        this.classPath = classPath;
        this.archive = archive;
        this.temp = archive.resolveSibling(archive.getFileName() + "." + io.garrison.task.OwnPid.get() + ".tmp");
    }

    /** Records the archive; true when it was published under its final name. */
    boolean record() {
        Path scratch = null;
        try (ServerSocket web = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            scratch = Files.createTempDirectory("garrison-cds-");
            List<String> command = new ArrayList<>();
            command.add(javaExecutable.toString());
            command.addAll(jvmFlags);
            command.add("-XX:ArchiveClassesAtExit=" + temp);
            command.add("-D" + MessageType.EXIT_NORMALLY_PROPERTY + "=true");
            command.add("-cp");
            command.add(classPath);
            command.add(WorkerLauncher.WORKER_MAIN);
            Process process = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            trainer = process;
            Thread watchdog = watchdog(process);
            // Stdin closes only once every task has reported: the worker exits at end-of-file, and the JVM
            // records only the classes loaded by then. A parent that dies meanwhile closes it too, so the
            // worker never lingers.
            Thread server = serveOnePage(web);
            try (OutputStream stdin = process.getOutputStream()) {
                program(web.getLocalPort(), scratch).writeTo(stdin);
                stdin.flush();
                awaitOutcomes(process.getInputStream(), TASKS);
            }
            // The download may have failed without ever connecting (a proxy, say): stop waiting for it.
            web.close();
            server.join(1000);
            boolean exited = process.waitFor(TRAINING_LIMIT_MS, TimeUnit.MILLISECONDS);
            watchdog.interrupt();
            if (exited && process.exitValue() == 0 && Files.size(temp) > 0) {
                Files.move(temp, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                return true;
            }
            return false;
        } catch (IOException | InterruptedException | RuntimeException e) {
            // Without an archive workers start a little slower; nothing else changes.
            return false;
        } finally {
            stop();
            deleteQuietly(temp);
            if (scratch != null) {
                deleteTree(scratch);
            }
        }
    }

    /** Kills the training worker, if it still runs: nothing of ours outlives the wait for it. */
    void stop() {
        Process process = trainer;
        if (process != null) {
            process.destroyForcibly();
        }
    }

    /** Ends a training that hangs; its stdout then ends, and so does the wait for its outcomes. */
    private static Thread watchdog(Process process) {
        Thread watchdog = new Thread(() -> {
            try {
                if (!process.waitFor(TRAINING_LIMIT_MS, TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException done) {
                // the training ended in time
            }
        }, "garrison-cds-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        return watchdog;
    }

    /** Reads the worker's messages until {@code tasks} outcomes came, or its stdout ended. */
    private static void awaitOutcomes(InputStream stdout, int tasks) throws IOException {
        FrameInput in = new FrameInput(stdout, 1 << 12);
        int outcomes = 0;
        try {
            while (outcomes < tasks) {
                byte type = in.readByte();
                switch (type) {
                    case MessageType.HELLO -> in.readLong();
                    case MessageType.PROGRESS -> {
                        in.readInt();
                        in.readLong();
                        in.readLong();
                    }
                    case MessageType.SUCCEEDED_BATCH -> {
                        in.readInt();
                        int count = in.readInt();
                        in.readLong();
                        for (int i = 0; i < count; i++) {
                            in.readValue();
                        }
                        outcomes += count;
                    }
                    case MessageType.SUCCEEDED -> {
                        in.readInt();
                        in.readLong();
                        in.readInt();
                        in.readValue();
                        in.readString();
                        outcomes++;
                    }
                    case MessageType.FAILED -> {
                        in.readInt();
                        in.readLong();
                        in.readInt();
                        in.readString();
                        in.readString();
                        outcomes++;
                    }
                    default -> throw new IOException("unknown message type " + type + " from the training worker");
                }
            }
        } catch (EOFException workerEnded) {
            // it exited early; whatever it recorded is checked by its exit status below
        }
    }

    private FrameOutput program(int port, Path scratch) throws IOException {
        FrameOutput out = new FrameOutput(1024);
        FunctionRef.ofKind(1, "square", TaskOptions.none()).writeDefinition(out);
        runOne(out, 1, 0, "7");
        TaskFunction<Integer, Integer> increment = x -> x + 1;
        FunctionRef.ofLambda(2, LambdaReference.of(increment).orElseThrow()).writeDefinition(out);
        runOne(out, 2, 1, 7);
        FunctionRef.ofKind(3, "download", TaskOptions.builder().outputDir(scratch).requestTimeoutMs(10_000).build())
                .writeDefinition(out);
        runOne(out, 3, 2, "http://127.0.0.1:" + port + "/" + TRAINING_PAGE + ".html");
        // The runtime's own java is the one program known to exist on every OS; -version is quick.
        String java = "\"" + javaExecutable + "\" -Xshare:auto -XX:TieredStopAtLevel=1 -XX:-UsePerfData {} -version";
        FunctionRef.ofKind(4, "command", TaskOptions.builder().outputDir(scratch).commandTemplate(java).build())
                .writeDefinition(out);
        runOne(out, 4, 3, "-Dgarrison.training=true");
        // A lambda that captures a value still travels serialized.
        int step = port;
        TaskFunction<Integer, Integer> capturing = x -> x + step;
        FunctionRef.ofSerialized(5, WireValues.serialize(capturing)).writeDefinition(out);
        runOne(out, 5, 4, 7);
        return out;
    }

    private static void runOne(FrameOutput out, int functionId, int taskId, Object input) throws IOException {
        out.writeByte(MessageType.RUN);
        out.writeInt(functionId);
        out.writeInt(1);
        out.writeInt(taskId);
        out.writeInt(1);
        out.writeInt(taskId + 1);
        out.writeValue(input);
    }

    /** Answers the training download from a thread of its own, until the page is served or the socket closes. */
    private static Thread serveOnePage(ServerSocket web) {
        Thread server = new Thread(() -> {
            try (Socket client = web.accept()) {
                client.setSoTimeout(10_000);
                readRequestHead(client.getInputStream());
                byte[] body = "<p>garrison</p>\n".getBytes(StandardCharsets.US_ASCII);
                String head = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: " + body.length
                        + "\r\nConnection: close\r\n\r\n";
                OutputStream out = client.getOutputStream();
                out.write(head.getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
            } catch (IOException closedOrBroken) {
                // the training goes on without its download
            }
        }, "garrison-cds-web");
        server.setDaemon(true);
        server.start();
        return server;
    }

    private static void readRequestHead(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        for (int b; matched < end.length && (b = in.read()) >= 0; ) {
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
    }

    private static void deleteTree(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(WorkerClassTraining::deleteQuietly);
        } catch (IOException | RuntimeException e) {
            // a temporary folder left in the system's temporary space
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // removed by the next start's clean-up of abandoned trainings
        }
    }
}
