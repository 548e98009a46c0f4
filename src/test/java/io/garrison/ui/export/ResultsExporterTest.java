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
}
