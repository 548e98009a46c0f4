package io.garrison.ui.export;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.garrison.ui.tasks.TaskRow;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the results of a run: CSV (RFC 4180 quoting, a header row) or JSON (an array of objects), one entry
 * per task in list order, with the same fields as the table. Streams, so a million rows need no extra memory.
 * Threading: the rows must not change while writing (call it on the FX thread, or after the run).
 */
public final class ResultsExporter {

    static final List<String> COLUMNS = List.of("task", "line", "input", "status", "pid", "start_ms",
            "duration_ms", "attempt", "result", "error", "host");

    private ResultsExporter() {
    }

    public static void writeCsv(List<TaskRow> rows, Path file) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(String.join(",", COLUMNS));
            out.write("\r\n");
            for (TaskRow row : rows) {
                out.write(row.getIndex() + "," + row.getLine() + "," + csv(row.getInput()) + ","
                        + row.getStatus().name().toLowerCase() + "," + row.getPid() + "," + row.getStartMs() + ","
                        + row.getDurationMs() + "," + row.getAttempt() + "," + csv(row.getResult()) + ","
                        + csv(row.getError()) + "," + csv(row.getHost()));
                out.write("\r\n");
            }
        }
    }

    public static void writeJson(List<TaskRow> rows, Path file) throws IOException {
        try (OutputStream stream = Files.newOutputStream(file);
             JsonGenerator json = new JsonFactory().createGenerator(stream, JsonEncoding.UTF8)) {
            json.useDefaultPrettyPrinter();
            json.writeStartArray();
            for (TaskRow row : rows) {
                json.writeStartObject();
                json.writeNumberField("task", row.getIndex());
                json.writeNumberField("line", row.getLine());
                json.writeStringField("input", row.getInput());
                json.writeStringField("status", row.getStatus().name().toLowerCase());
                json.writeNumberField("pid", row.getPid());
                json.writeNumberField("start_ms", row.getStartMs());
                json.writeNumberField("duration_ms", row.getDurationMs());
                json.writeNumberField("attempt", row.getAttempt());
                json.writeStringField("result", row.getResult());
                json.writeStringField("error", row.getError());
                json.writeStringField("host", row.getHost());
                json.writeEndObject();
            }
            json.writeEndArray();
        }
    }

    static String csv(String value) {
        if (value == null) {
            return "";
        }
        boolean quote = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0;
        return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }
}
