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

        public Builder requestTimeoutMs(long millis) {
            values.put(REQUEST_TIMEOUT_MS, Long.toString(millis));
            return this;
        }

        public TaskOptions build() {
            return new TaskOptions(values);
        }
    }
}
