package org.mincard.application.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CsvTest {

    @Test
    void quotesUserIdsInCsv_andNeverLetsThemStartAFormula() {
        assertThat(Csv.cell("clerk-a")).isEqualTo("clerk-a");
        assertThat(Csv.cell("=cmd")).isEqualTo("\"'=cmd\"");
        assertThat(Csv.cell("a,b\"c")).isEqualTo("\"a,b\"\"c\"");
    }

    @Test
    void leavesPlainValuesAlone_andWritesNullAsEmpty() {
        assertThat(Csv.cell("<3")).isEqualTo("<3");
        assertThat(Csv.cell(null)).isEmpty();
        assertThat(Csv.cell("\tcmd")).isEqualTo("\"'\tcmd\"");
    }
}
