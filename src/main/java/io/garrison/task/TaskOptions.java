package io.garrison.task;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The settings that a run gives every task of a kind: output folder, command template, download timeouts.
 * Travels to workers as plain strings so the worker needs no JSON library.
 */
public final class TaskOptions {

    public static final String OUTPUT_DIR = "out";
    public static final String COMMAND_TEMPLATE = "command";
    public static final String REQUEST_TIMEOUT_MS = "requestTimeoutMs";
    public static final String USER_AGENT = "userAgent";
    /** Downloads whose file is already in the output folder are not fetched (wget's {@code --no-clobber}). */
    public static final String NO_CLOBBER = "noClobber";
    /** Parts that an interrupted earlier run left are continued (wget's {@code --continue}). */
    public static final String CONTINUE = "continue";
    /** A file already downloaded is fetched again only if its server says it changed (wget's {@code --timestamping}). */
    public static final String TIMESTAMPING = "timestamping";
    /** Downloads honour their host's robots.txt ({@link RobotsRules}). */
    public static final String ROBOTS = "robots";
    /** The derived file names that two or more URLs of the list share ({@link DownloadNames}). */
    public static final String NAME_CLASHES = "nameClashes";

    private final Map<String, String> values;

    public TaskOptions(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    public static TaskOptions none() {
        return new TaskOptions(Map.of());
    }

    public static Builder builder() {
        return new Builder();
    }

    public Map<String, String> asMap() {
        return values;
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** Whether a switch such as {@link #NO_CLOBBER} is on. */
    public boolean isOn(String key) {
        return Boolean.parseBoolean(values.get(key));
    }

    /** These options with {@code key} set to {@code value}. */
    public TaskOptions with(String key, String value) {
        Map<String, String> more = new HashMap<>(values);
        more.put(key, value);
        return new TaskOptions(more);
    }

    public Path outputDir() {
        return Path.of(values.getOrDefault(OUTPUT_DIR, ".")).toAbsolutePath().normalize();
    }

    /** Fluent builder; unset values are simply absent. */
    public static final class Builder {
        private final Map<String, String> values = new HashMap<>();

        public Builder outputDir(Path dir) {
            values.put(OUTPUT_DIR, dir.toAbsolutePath().normalize().toString());
            return this;
        }

        public Builder commandTemplate(String template) {
            values.put(COMMAND_TEMPLATE, template);
            return this;
        }

        /** The User-Agent of downloads; by default {@code Garrison/VERSION}. */
        public Builder userAgent(String agent) {
            values.put(USER_AGENT, agent);
            return this;
        }

        /** Turns on a switch such as {@link #NO_CLOBBER}. */
        public Builder on(String key) {
            values.put(key, "true");
            return this;
        }

        public Builder requestTimeoutMs(long millis) {
            values.put(REQUEST_TIMEOUT_MS, Long.toString(millis));
            return this;
        }

        public TaskOptions build() {
            return new TaskOptions(values);
        }
    }
}
