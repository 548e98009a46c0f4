package io.garrison.ui;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The desktop app's own arguments: {@code --demo NAME}, {@code --screenshot FILE.png}, {@code --quit-after SEC},
 * {@code --lang en|zh}, {@code --screenshot-after SEC} (the picture that many seconds after the demo starts,
 * instead of mid-run), {@code --tab tasks|timeline|throughput|log} (the bottom tab shown), {@code --open FILE} (the
 * task list to load instead of the tutorial's), {@code --workers N} (the pool's size), {@code --start} (start the
 * list once the soldiers stand ready), {@code --hosts FILE} (the hosts file the pools run on, instead of the user's;
 * Run → Hosts… edits it), {@code --ssh CMD} (how those hosts are reached, as the command line's {@code --ssh}).
 * {@code --watch FILE|-} draws a saved {@code --json} stream played back (or standard input, live) instead of the
 * window's own pool, at {@code --speed N} times (1 to 100); {@code --watch-port N} draws a running
 * {@code garrison run --watch-port}; {@code --python SCRIPT [ARGS...]} runs a Python script and draws its
 * {@code multiprocessing} pool (every argument after the script is the script's), stopping it {@code --patience SEC}
 * after its pool lost a task.
 * Every other argument that is not an option names a task list to open, as a file manager's "Open with" passes
 * them ({@code Exec=garrison %F}); several are opened together ({@link #lists()}). Unknown options are ignored,
 * so the launcher can pass its arguments through.
 */
public record AppArguments(Optional<String> demo, Optional<Path> screenshot, Optional<Double> quitAfterSeconds,
                           Optional<String> language, Optional<Double> screenshotAfterSeconds, Optional<String> tab,
                           Optional<Path> open, Optional<Integer> workers, boolean start, Optional<Path> hosts,
                           Optional<String> ssh, List<Path> files, Optional<String> watch, Optional<Double> speed,
                           Optional<Integer> watchPort, List<String> python, Optional<Double> patienceSeconds) {

    public AppArguments {
        files = List.copyOf(files);
        python = List.copyOf(python);
    }

    /** Whether the window draws a stream (a saved run, standard input, a running run, a script) instead of its pool. */
    public boolean watches() {
        return watch.isPresent() || watchPort.isPresent() || !python.isEmpty();
    }

    public AppArguments(Optional<String> demo, Optional<Path> screenshot, Optional<Double> quitAfterSeconds,
                        Optional<String> language, Optional<Double> screenshotAfterSeconds, Optional<String> tab) {
        this(demo, screenshot, quitAfterSeconds, language, screenshotAfterSeconds, tab, Optional.empty(),
                Optional.empty(), false, Optional.empty(), Optional.empty(), List.of(), Optional.empty(),
                Optional.empty(), Optional.empty(), List.of(), Optional.empty());
    }

    /** The task lists to open at start: {@code --open FILE} first, then the file arguments, in their order. */
    public List<Path> lists() {
        List<Path> lists = new ArrayList<>();
        open.ifPresent(lists::add);
        lists.addAll(files);
        return List.copyOf(lists);
    }

    public static AppArguments parse(List<String> raw) {
        Optional<String> demo = Optional.empty();
        Optional<Path> screenshot = Optional.empty();
        Optional<Double> quitAfter = Optional.empty();
        Optional<String> language = Optional.empty();
        Optional<Double> screenshotAfter = Optional.empty();
        Optional<String> tab = Optional.empty();
        Optional<Path> open = Optional.empty();
        Optional<Integer> workers = Optional.empty();
        boolean start = false;
        Optional<Path> hosts = Optional.empty();
        Optional<String> ssh = Optional.empty();
        List<Path> files = new ArrayList<>();
        Optional<String> watch = Optional.empty();
        Optional<Double> speed = Optional.empty();
        Optional<Integer> watchPort = Optional.empty();
        List<String> python = List.of();
        Optional<Double> patience = Optional.empty();
        for (int i = 0; i < raw.size(); i++) {
            String arg = raw.get(i);
            if ("--python".equals(arg)) {
                // The script and everything after it are the script's own: it may take options of the same names.
                python = List.copyOf(raw.subList(i + 1, raw.size()));
                break;
            }
            String value = i + 1 < raw.size() ? raw.get(i + 1) : null;
            switch (arg) {
                case "--demo" -> demo = Optional.ofNullable(value);
                case "--screenshot" -> screenshot = Optional.ofNullable(value).map(Path::of);
                case "--quit-after" -> quitAfter = parseSeconds(value);
                case "--lang" -> language = Optional.ofNullable(value);
                case "--screenshot-after" -> screenshotAfter = parseSeconds(value);
                case "--tab" -> tab = Optional.ofNullable(value);
                case "--open" -> open = Optional.ofNullable(value).map(Path::of);
                case "--workers" -> workers = parseWorkers(value);
                case "--hosts" -> hosts = Optional.ofNullable(value).map(Path::of);
                case "--ssh" -> ssh = Optional.ofNullable(value);
                case "--watch" -> watch = Optional.ofNullable(value);
                case "--speed" -> speed = parseSeconds(value);
                case "--watch-port" -> watchPort = parseWorkers(value);
                case "--patience" -> patience = parseSeconds(value);
                case "--start" -> {
                    start = true;
                    continue;
                }
                default -> {
                    if (!arg.startsWith("-") && !arg.isBlank()) {
                        files.add(fileOf(arg));
                    }
                    continue;
                }
            }
            i++;
        }
        return new AppArguments(demo, screenshot, quitAfter, language, screenshotAfter, tab, open, workers, start,
                hosts, ssh, files, watch, speed, watchPort, python, patience);
    }

    /** A path, or a {@code file:} URI as some launchers pass even for {@code %F}. */
    private static Path fileOf(String arg) {
        if (arg.startsWith("file:")) {
            try {
                return Path.of(URI.create(arg));
            } catch (IllegalArgumentException e) {
                // Not a URI after all: a file whose name starts with "file:", read as a path below.
            }
        }
        return Path.of(arg);
    }

    private static Optional<Integer> parseWorkers(String value) {
        try {
            return value == null ? Optional.empty() : Optional.of(Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Double> parseSeconds(String value) {
        try {
            return value == null ? Optional.empty() : Optional.of(Double.parseDouble(value));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
