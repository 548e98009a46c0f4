package io.garrison.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The events that a {@code garrison run --json} still running has written to a file so far. */
final class RunEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RunEvents() {
    }

    /** Every whole line of {@code ndjson}: the run may be half-way through writing the last one. */
    static List<JsonNode> read(Path ndjson) {
        try {
            return parse(Files.readString(ndjson));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every whole line of a run's stdout. */
    static List<JsonNode> parse(String stdout) {
        List<JsonNode> events = new ArrayList<>();
        try {
            for (String line : stdout.lines().toList()) {
                if (line.endsWith("}")) {
                    events.add(JSON.readTree(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return events;
    }
}
