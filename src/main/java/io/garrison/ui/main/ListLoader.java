package io.garrison.ui.main;

import io.garrison.task.TaskKinds;
import io.garrison.task.TaskList;
import io.garrison.task.TaskListParser;
import io.garrison.task.TaskOptions;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * Reads task lists off the FX thread, so a million lines leave the window live, and tells how far a file has
 * been read. Only the latest request answers: a list loaded while another was still being read wins.
 *
 * <p>Threading: {@link #load} and {@link #progress} on the FX thread; parsing on {@code background}; the answer
 * comes back through {@code fx}.
 */
final class ListLoader {

    private static final byte[] LINE_BREAK = {'\n'};

    private final Executor background;
    private final Executor fx;
    private final AtomicLong read = new AtomicLong();
    private long size;
    private long generation;

    ListLoader(Executor background, Executor fx) {
        this.background = background;
        this.fx = fx;
    }

    /**
     * Starts reading {@code from} for {@code kind}; one of the two callbacks follows on the FX thread. When
     * {@code kindFollowsList}, a list that fits another kind better is read for that kind (see {@link KindFit}),
     * and the answer says which kind it was read for.
     */
    void load(ListSource from, String kind, boolean kindFollowsList, TaskOptions options,
              BiConsumer<ListSource, ParsedList> onLoaded, BiConsumer<ListSource, Exception> onFailed) {
        long mine = ++generation;
        read.set(0);
        size = sizeOf(from);
        background.execute(() -> {
            try {
                ParsedList parsed = new ParsedList(kind, parse(from, kind, options));
                if (kindFollowsList) {
                    parsed = KindFit.bestFit(parsed, options, other -> parse(from, other, options));
                }
                ParsedList answer = parsed;
                fx.execute(() -> {
                    if (mine == generation) {
                        onLoaded.accept(from, answer);
                    }
                });
            } catch (IOException | RuntimeException e) {
                fx.execute(() -> {
                    if (mine == generation) {
                        onFailed.accept(from, e);
                    }
                });
            }
        });
    }

    /** 0..1 of the file read so far; -1 when unknown (text, or a size the OS would not tell). */
    double progress() {
        return size > 0 ? Math.min(1.0, read.get() / (double) size) : -1;
    }

    private TaskList parse(ListSource from, String kind, TaskOptions options) throws IOException {
        TaskListParser parser = new TaskListParser(TaskKinds.require(kind), options);
        if (from instanceof ListSource.FromText text) {
            return parser.parse(text.text());
        }
        // A second reading for another kind starts the progress again rather than running past the end.
        read.set(0);
        try (InputStream in = new CountingStream(open(from), read)) {
            return parser.parse(in);
        }
    }

    /**
     * The bytes of a list in files. Several files are read one after another with a line break between two, so the
     * last line of one that does not end in a line break is not joined to the first of the next.
     */
    private static InputStream open(ListSource from) throws IOException {
        if (from instanceof ListSource.FromFile file) {
            return Files.newInputStream(file.file());
        }
        List<Path> files = ((ListSource.FromFiles) from).files();
        List<InputStream> parts = new ArrayList<>();
        try {
            for (int i = 0; i < files.size(); i++) {
                if (i > 0) {
                    parts.add(new ByteArrayInputStream(LINE_BREAK));
                }
                parts.add(Files.newInputStream(files.get(i)));
            }
        } catch (IOException e) {
            for (InputStream part : parts) {
                part.close();
            }
            throw e;
        }
        return new SequenceInputStream(Collections.enumeration(parts));
    }

    private static long sizeOf(ListSource from) {
        List<Path> files = from instanceof ListSource.FromFile file ? List.of(file.file())
                : from instanceof ListSource.FromFiles several ? several.files() : List.of();
        long total = 0;
        for (Path file : files) {
            try {
                total += Files.size(file);
            } catch (IOException e) {
                // Reading will fail with the reason; until then the progress is simply unknown.
                return 0;
            }
        }
        return total;
    }

    /** Counts bytes read so a big list can show how far it has loaded. */
    private static final class CountingStream extends FilterInputStream {
        private final AtomicLong count;

        CountingStream(InputStream in, AtomicLong count) {
            super(in);
            this.count = count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count.incrementAndGet();
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int off, int len) throws IOException {
            int n = super.read(buffer, off, len);
            if (n > 0) {
                count.addAndGet(n);
            }
            return n;
        }
    }
}
