package io.garrison.task;

import java.io.IOException;
import java.net.URI;
import java.util.Arrays;
import java.util.StringJoiner;

/**
 * The file name each URL of a download list is saved under (decision 0025). A URL keeps the name
 * {@link SafeFileNames#forUrl} derives from it unless another URL of the same list derives that name too; then
 * each of them gets the name with {@code __} and the first 8 hex digits of its {@link UrlKeys key} before the
 * extension of its last part ({@code 127.0.0.1_data__3f9a2c1b.bin}). The name is decided by the URL and its
 * list, never by which download ends first. A derived name never holds {@code __} (every run of other characters
 * becomes one {@code _}), so such a name never meets a derived one.
 *
 * <p>Which names are shared takes the whole list to know: {@link #in} reads it once for that, keeping two
 * numbers per URL meanwhile; the names found travel to the workers in the run's {@link TaskOptions}.
 */
public final class DownloadNames {

    private static final DownloadNames NONE = new DownloadNames(new long[0]);
    private static final String MARK = "__";
    private static final int DISTINCT_DIGITS = 8;

    /** The keys of the derived names that two or more different URLs of the list share, sorted. */
    private final long[] sharedNames;

    private DownloadNames(long[] sharedNames) {
        this.sharedNames = sharedNames;
    }

    /** The names of the URLs of {@code list}; its invalid lines have none. */
    public static DownloadNames in(TaskList list) {
        Finder finder = new Finder();
        finder.add(list);
        return finder.found();
    }

    /** The names of the URLs {@code reader} has still to read: the rest of its list, a block at a time. */
    public static DownloadNames in(TaskListReader reader) throws IOException {
        Finder finder = new Finder();
        while (!reader.ended()) {
            finder.add(reader.nextBlock(Finder.BLOCK_TASKS, Finder.BLOCK_BYTES));
        }
        return finder.found();
    }

    /** The names a run's options carry; every URL keeps its derived name when they carry none. */
    public static DownloadNames of(TaskOptions options) {
        String shared = options.get(TaskOptions.NAME_CLASHES).orElse("");
        if (shared.isEmpty()) {
            return NONE;
        }
        String[] keys = shared.split(",");
        long[] names = new long[keys.length];
        for (int i = 0; i < keys.length; i++) {
            names[i] = Long.parseUnsignedLong(keys[i], 16);
        }
        Arrays.sort(names);
        return new DownloadNames(names);
    }

    /** {@code options} carrying these names to the workers. */
    public TaskOptions addedTo(TaskOptions options) {
        StringJoiner keys = new StringJoiner(",");
        for (long name : sharedNames) {
            keys.add(Long.toHexString(name));
        }
        return options.with(TaskOptions.NAME_CLASHES, keys.toString());
    }

    /** The name the file of {@code url}, a URL the download kind takes, is saved under. */
    public String fileName(String url) {
        String derived = SafeFileNames.forUrl(URI.create(url));
        return Arrays.binarySearch(sharedNames, key(derived)) >= 0 ? distinct(derived, url) : derived;
    }

    /** {@code name} told apart as the name of {@code url}'s file. */
    static String distinct(String name, String url) {
        return SafeFileNames.beforeExtension(name, MARK + UrlKeys.of(url).substring(0, DISTINCT_DIGITS));
    }

    /** A 64-bit FNV-1a hash of the text: two numbers per URL stand for its name and itself while a list is read. */
    private static long key(String text) {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            hash ^= text.charAt(i);
            hash *= 0x100000001b3L;
        }
        return hash;
    }

    /** Collects the names of a list's URLs as it is read, and finds those that two different URLs share. */
    private static final class Finder {

        static final int BLOCK_TASKS = 1 << 16;
        static final int BLOCK_BYTES = 16 << 20;

        /** The key of each URL's derived name, and of the URL itself, in list order. */
        private long[] names = new long[1024];
        private long[] urls = new long[1024];
        private int size;

        void add(TaskList block) {
            boolean anyProblems = !block.problems().isEmpty();
            for (int i = 0; i < block.size(); i++) {
                if (!anyProblems || block.problem(i).isEmpty()) {
                    add(block.input(i));
                }
            }
        }

        private void add(String url) {
            if (size == names.length) {
                names = Arrays.copyOf(names, size * 2);
                urls = Arrays.copyOf(urls, size * 2);
            }
            names[size] = key(SafeFileNames.forUrl(URI.create(url)));
            urls[size] = key(url);
            size++;
        }

        DownloadNames found() {
            long[] sorted = Arrays.copyOf(names, size);
            Arrays.sort(sorted);
            // The names met more than once, by another URL or by the same one again: few, then checked one by one.
            int repeatedCount = 0;
            for (int i = 1; i < size; i++) {
                if (firstRepeat(sorted, i)) {
                    repeatedCount++;
                }
            }
            long[] repeated = new long[repeatedCount];
            for (int i = 1, next = 0; i < size; i++) {
                if (firstRepeat(sorted, i)) {
                    repeated[next++] = sorted[i];
                }
            }
            long[] firstUrl = new long[repeatedCount];
            boolean[] seen = new boolean[repeatedCount];
            boolean[] shared = new boolean[repeatedCount];
            int sharedCount = 0;
            for (int i = 0; i < size; i++) {
                int name = Arrays.binarySearch(repeated, names[i]);
                if (name < 0) {
                    continue;
                }
                if (!seen[name]) {
                    seen[name] = true;
                    firstUrl[name] = urls[i];
                } else if (!shared[name] && firstUrl[name] != urls[i]) {
                    shared[name] = true;
                    sharedCount++;
                }
            }
            if (sharedCount == 0) {
                return NONE;
            }
            long[] sharedNames = new long[sharedCount];
            for (int name = 0, next = 0; name < repeatedCount; name++) {
                if (shared[name]) {
                    sharedNames[next++] = repeated[name];
                }
            }
            return new DownloadNames(sharedNames);
        }

        /** Whether {@code sorted[i]} is the second of its value. */
        private static boolean firstRepeat(long[] sorted, int i) {
            return sorted[i] == sorted[i - 1] && (i == 1 || sorted[i - 2] != sorted[i]);
        }
    }
}
