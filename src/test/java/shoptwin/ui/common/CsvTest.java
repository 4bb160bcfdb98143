package shoptwin.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class CsvTest {
    private static String row(Object... cells) throws Exception {
        StringWriter out = new StringWriter();
        try (Csv csv = Csv.on(out)) {
            csv.row(cells);
        }
        return out.toString();
    }

    @Test
    void plainTextStaysAsItIsAndRowsEndInCrLf() throws Exception {
        assertThat(row("Asha Rao", null, 3L)).isEqualTo("Asha Rao,,3\r\n");
    }

    @Test
    void commasQuotesAndLineBreaksAreQuoted() throws Exception {
        assertThat(row("Rao, Asha")).isEqualTo("\"Rao, Asha\"\r\n");
        assertThat(row("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"\r\n");
        assertThat(row("line\nbreak")).isEqualTo("\"line\nbreak\"\r\n");
    }

    @Test
    void cellsASpreadsheetWouldRunAsFormulasAreDefused() throws Exception {
        assertThat(row("=1+1")).isEqualTo("'=1+1\r\n");
        assertThat(row("+91 98765")).isEqualTo("'+91 98765\r\n");
        assertThat(row("-5")).isEqualTo("'-5\r\n");
        assertThat(row("@SUM(A1)")).isEqualTo("'@SUM(A1)\r\n");
        assertThat(row("\tx")).contains("'\tx").doesNotStartWith("\t");
        assertThat(row("=HYPERLINK(\"x\",\"y\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"\r\n");
    }

    @Test
    void ourNumbersStayNumbers() throws Exception {
        assertThat(row(new BigDecimal("-12.50"), new BigDecimal("120.50"))).isEqualTo("-12.50,120.50\r\n");
    }
}
