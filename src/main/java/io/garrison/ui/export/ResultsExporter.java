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
import java.util.regex.Pattern;

/**
 * Writes the results of a run: CSV (RFC 4180 quoting, a header row) or JSON (an array of objects), one entry
 * per task in list order, with the same fields as the table. Streams, so a million rows need no extra memory.
 * Threading: the rows must not change while writing (call it on the FX thread, or after the run).
 *
 * <p>A CSV file is made to be opened in a spreadsheet, whose users never meant a task's input or output to run
 * there: a cell that a spreadsheet would take for a formula (CSV injection) is written as text, as OWASP
 * recommends, by a {@code '} before it ({@link #csv}). It may start with a UTF-8 byte-order mark, which is how a
 * spreadsheet tells that the file is UTF-8 rather than the system's legacy code page.
 */
public final class ResultsExporter {

    static final List<String> COLUMNS = List.of("task", "line", "input", "status", "pid", "start_ms",
            "duration_ms", "attempt", "result", "error", "host");

    private ResultsExporter() {
    }

    /** The UTF-8 byte-order mark, U+FEFF, as the first character of a file. */
    static final char BYTE_ORDER_MARK = '\uFEFF';
    /** How a spreadsheet begins a formula: with these first, a cell is not text to it (OWASP's list). */
    private static final String FORMULA_STARTS = "=+-@\t\r";
    /** A plain number: a spreadsheet reads it as the number it is, never as a formula, even with a sign. */
    private static final Pattern NUMBER = Pattern.compile("[+-]?\\d+(\\.\\d+)?([eE][+-]?\\d+)?");

    public static void writeCsv(List<TaskRow> rows, Path file) throws IOException {
        writeCsv(rows, file, false);
    }

    /** @param byteOrderMark whether the file starts with a UTF-8 byte-order mark */
    public static void writeCsv(List<TaskRow> rows, Path file, boolean byteOrderMark) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            if (byteOrderMark) {
                out.write(BYTE_ORDER_MARK);
            }
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

    /**
     * One text cell: quoted as RFC 4180 asks when it holds a comma, a quote or a line break, and, when a spreadsheet
     * would take it for a formula, made text with a {@code '} before it and quoted. A plain number such as
     * {@code -5} is left as it is: it cannot run, and a {@code '} would turn a result into text.
     */
    static String csv(String value) {
        if (value == null) {
            return "";
        }
        if (!value.isEmpty() && FORMULA_STARTS.indexOf(value.charAt(0)) >= 0 && !NUMBER.matcher(value).matches()) {
            return '"' + "'" + value.replace("\"", "\"\"") + '"';
        }
        boolean quote = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0;
        return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }
}
