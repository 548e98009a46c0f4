package io.garrison.task;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code --timestamping} keeps of a downloaded file to ask its server whether it changed: the {@code ETag}
 * and {@code Last-Modified} the file came with, and the file's name, size and modification time as it was
 * saved, in a hidden file beside it, {@code .garrison-stamp-<key of the URL>} (decision 0025). A stamp speaks
 * only for a file still as it was saved: one changed or replaced since is fetched whole again.
 */
final class DownloadStamps {

    private static final String PREFIX = ".garrison-stamp-";

    private DownloadStamps() {
    }

    /**
     * The validators a saved file came with, to ask with {@code If-None-Match} and {@code If-Modified-Since}; one of
     * them may be null, not both.
     */
    record Stamp(String etag, String lastModified) {
    }

    /** The stamp of {@code url}'s file {@code name}, if it has one and the file is still as it was saved. */
    static Optional<Stamp> of(Path dir, String url, String name) {
        Map<String, String> fields = fields(dir.resolve(PREFIX + UrlKeys.of(url)));
        if (!name.equals(fields.get("name"))) {
            return Optional.empty();
        }
        try {
            BasicFileAttributes saved = Files.readAttributes(dir.resolve(name), BasicFileAttributes.class);
            if (!saved.isRegularFile() || !String.valueOf(saved.size()).equals(fields.get("size"))
                    || !String.valueOf(saved.lastModifiedTime().toMillis()).equals(fields.get("modified"))) {
                return Optional.empty();
            }
        } catch (IOException gone) {
            return Optional.empty();
        }
        Stamp stamp = new Stamp(fields.get("etag"), fields.get("last-modified"));
        return stamp.etag() != null || stamp.lastModified() != null ? Optional.of(stamp) : Optional.empty();
    }

    /**
     * Stamps {@code saved}, the file just saved for {@code url}, with the validators it came with; a file that came
     * with neither has nothing to ask with, and loses any stamp it had.
     */
    static void record(Path dir, String url, Path saved, String etag, String lastModified) throws IOException {
        Path stamp = dir.resolve(PREFIX + UrlKeys.of(url));
        if (etag == null && lastModified == null) {
            Files.deleteIfExists(stamp);
            return;
        }
        BasicFileAttributes attributes = Files.readAttributes(saved, BasicFileAttributes.class);
        StringBuilder text = new StringBuilder()
                .append("name ").append(saved.getFileName()).append('\n')
                .append("size ").append(attributes.size()).append('\n')
                .append("modified ").append(attributes.lastModifiedTime().toMillis()).append('\n');
        if (etag != null) {
            text.append("etag ").append(etag).append('\n');
        }
        if (lastModified != null) {
            text.append("last-modified ").append(lastModified).append('\n');
        }
        Files.writeString(stamp, text, StandardCharsets.UTF_8);
    }

    /** A stamp's fields by name; none when it is missing or unreadable. */
    private static Map<String, String> fields(Path stamp) {
        Map<String, String> fields = new HashMap<>();
        try {
            for (String line : Files.readAllLines(stamp, StandardCharsets.UTF_8)) {
                int space = line.indexOf(' ');
                if (space > 0) {
                    fields.put(line.substring(0, space), line.substring(space + 1));
                }
            }
        } catch (IOException unreadable) {
            fields.clear();
        }
        return fields;
    }
}
