package io.garrison.ui.export;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResultsExporterTest {

    @Test
    void csvFieldsWithCommasQuotesOrNewlinesAreQuoted() {
        assertThat(ResultsExporter.csv(null)).isEmpty();
        assertThat(ResultsExporter.csv("plain")).isEqualTo("plain");
        assertThat(ResultsExporter.csv("a,b")).isEqualTo("\"a,b\"");
        assertThat(ResultsExporter.csv("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(ResultsExporter.csv("two\nlines")).isEqualTo("\"two\nlines\"");
    }

    /** OWASP's CSV injection advice: a cell a spreadsheet would run is written as text. */
    @Test
    void aCellThatWouldStartAFormulaIsWrittenAsText() {
        assertThat(ResultsExporter.csv("=HYPERLINK(\"http://x\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\")\"");
        assertThat(ResultsExporter.csv("+1+cmd|' /C calc'!A0")).isEqualTo("\"'+1+cmd|' /C calc'!A0\"");
        assertThat(ResultsExporter.csv("-2+3")).isEqualTo("\"'-2+3\"");
        assertThat(ResultsExporter.csv("@SUM(A1:A9)")).isEqualTo("\"'@SUM(A1:A9)\"");
        assertThat(ResultsExporter.csv("\t=1")).isEqualTo("\"'\t=1\"");
        assertThat(ResultsExporter.csv("\r=1")).isEqualTo("\"'\r=1\"");
        assertThat(ResultsExporter.csv("a=b")).as("only the first character counts").isEqualTo("a=b");
    }

    @Test
    void aPlainNumberKeepsItsSign() {
        assertThat(ResultsExporter.csv("-5")).isEqualTo("-5");
        assertThat(ResultsExporter.csv("+5")).isEqualTo("+5");
        assertThat(ResultsExporter.csv("-1.5e3")).isEqualTo("-1.5e3");
    }
}
