package io.garrison.cli;

import io.garrison.engine.PoolEvent;
import io.garrison.engine.PoolListener;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.function.BiConsumer;

/**
 * {@code --results DIR}, laid out as GNU parallel 20221122 lays out a plain folder: each task that reached a
 * worker gets {@code DIR/1/INPUT/} holding {@code stdout}, {@code stderr} and {@code seq} (the task's line, as
 * in the joblog's Seq, without a newline). {@code 1} is the input source, of which a list is the only one.
 * INPUT is quoted as parallel quotes it, so no input leaves its folder: {@code \} becomes {@code \\}, a TAB
 * {@code \t}, a NUL {@code \0} and {@code /} becomes {@code \_}. Garrison adds two rules of its own: an input
 * {@code .} or {@code ..} becomes {@code \.} or {@code \.\.}, which no other input quotes to (parallel writes
 * those two into {@code DIR/1} and {@code DIR} themselves), and a name longer than a file name may be is cut to
 * its first 255 bytes (parallel cuts to the longest its probe finds).
 *
 * <p>{@code stdout} holds what plain output prints for the task: a command's whole output (its stderr is
 * captured with its stdout as one stream, so the command's {@code stderr} file is empty), or another kind's
 * result as a line. For a failed task of another kind, {@code stderr} holds its reason. Each file is written
 * under a temporary name and renamed, so a file is whole once it has its name, and {@code seq} comes last: a
 * folder with a {@code seq} is complete. A task that ran again (a retry, a resumed run) replaces its files.
 *
 * <p>Threading: the pool's event thread. The first file that cannot be written is reported to the callback
 * given, and nothing more is written.
 */
final class ResultsDirectory implements PoolListener {

    /** The longest file name ext4, XFS and btrfs take, in bytes. */
    static final int MAX_NAME_BYTES = 255;

    private final Path sourceFolder;
    private final boolean printOutputs;
    private final BiConsumer<Path, Exception> onFailure;
    /** Makes the temporary names of this process unique. Event thread only, as is {@link #failed}. */
    private long written;
    private boolean failed;

    /**
     * @param printOutputs whether tasks print outputs (the command kind) rather than results
     * @param onFailure    told once, of the first file that cannot be written and why
     */
    ResultsDirectory(Path dir, boolean printOutputs, BiConsumer<Path, Exception> onFailure) {
        this.sourceFolder = dir.resolve("1");
        this.printOutputs = printOutputs;
        this.onFailure = onFailure;
    }

    @Override
    public boolean wantsTaskStarts() {
        return false;
    }

    @Override
    public void onEvent(PoolEvent event) {
        if (failed) {
            return;
        }
        if (event instanceof PoolEvent.TaskSucceeded done) {
            save(done.line(), done.input(), printOutputs ? done.output() : done.result() + "\n", "");
        } else if (event instanceof PoolEvent.TaskFailed f && !f.willRetry() && !f.notRun() && f.pid() != 0) {
            // A task that never reached a worker (an invalid line, one the run ended before) has no output.
            save(f.line(), f.input(), f.output(), printOutputs ? "" : f.error() + "\n");
        }
    }

    private void save(int line, String input, String stdout, String stderr) {
        Path folder = null;
        try {
            folder = sourceFolder.resolve(folderName(input));
            Files.createDirectories(folder);
            writeWhole(folder, "stdout", stdout);
            writeWhole(folder, "stderr", stderr);
            writeWhole(folder, "seq", Integer.toString(line));
        } catch (IOException | InvalidPathException e) {
            failed = true;
            onFailure.accept(folder == null ? sourceFolder : folder, e);
        }
    }

    private void writeWhole(Path folder, String name, String text) throws IOException {
        // Not Files.createTempFile: it makes files only their owner can read, and the rename would keep that.
        Path temporary = folder.resolve("." + name + "." + ProcessHandle.current().pid() + "." + written++ + ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(temporary, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                out.write(text.getBytes(StandardCharsets.UTF_8));
            }
            Files.move(temporary, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
    }

    /** The folder name of a task's input, quoted as described above. */
    static String folderName(String input) {
        if (input.equals(".") || input.equals("..")) {
            return input.replace(".", "\\.");
        }
        StringBuilder quoted = new StringBuilder(input.length() + 8);
        for (int i = 0; i < input.length(); i++) {
            char c = input.charAt(i);
            switch (c) {
                case '\\' -> quoted.append("\\\\");
                case '\t' -> quoted.append("\\t");
                case '\0' -> quoted.append("\\0");
                case '/' -> quoted.append("\\_");
                default -> quoted.append(c);
            }
        }
        return cut(quoted.toString());
    }

    /** {@code name}, or as many of its first characters as fit in {@link #MAX_NAME_BYTES} bytes of UTF-8. */
    private static String cut(String name) {
        if (name.length() * 3 <= MAX_NAME_BYTES || name.getBytes(StandardCharsets.UTF_8).length <= MAX_NAME_BYTES) {
            return name;
        }
        int bytes = 0;
        int end = 0;
        while (end < name.length()) {
            int codePoint = name.codePointAt(end);
            int size = codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
            if (bytes + size > MAX_NAME_BYTES) {
                break;
            }
            bytes += size;
            end += Character.charCount(codePoint);
        }
        return name.substring(0, end);
    }
}
