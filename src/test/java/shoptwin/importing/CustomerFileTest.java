package shoptwin.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Reading a customers CSV exactly as a spreadsheet wrote it. */
class CustomerFileTest {
    private static CustomerFile read(String text) {
        return CustomerFile.read("customers.csv", new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void quotedFieldsWithCommasQuotesAndLineBreaksAreReadExactlyAndRowsNumberedAsASpreadsheetShowsThem() {
        CustomerFile f = read("\uFEFFName,Phone,E-mail,Address,Notes\r\n"
                + "\"Rao, Asha\",+91 98765 43210,asha@example.com,\"12 MG Road\r\nPune, 411001\",\"said \"\"hi\"\"\"\r\n"
                + "Bob,,,,\r\n");
        assertThat(f.columns()).containsExactly("name", "phone", "email", "address", "notes");
        assertThat(f.rows()).hasSize(2);
        CustomerFile.Row asha = f.rows().get(0);
        assertThat(asha.number()).isEqualTo(2);
        assertThat(asha.draft().name()).isEqualTo("Rao, Asha"); // the BOM did not end up in the first header
        assertThat(asha.draft().address()).isEqualTo("12 MG Road\r\nPune, 411001");
        assertThat(asha.draft().notes()).isEqualTo("said \"hi\"");
        // the two-line address is one spreadsheet row: Bob is row 3
        assertThat(f.rows().get(1).number()).isEqualTo(3);
        assertThat(f.rows().get(1).draft().name()).isEqualTo("Bob");
    }

    @Test
    void headersMatchWhateverTheirCaseAndSpacingAndOthersAreReportedAndIgnored() {
        CustomerFile f = read("  EMAIL address ,City,full_name,Mobile,,Date of birth\n"
                + "a@example.com,Pune,Asha,98765 43210,x,1990-01-01\n");
        assertThat(f.columns()).containsExactly("email", "name", "phone");
        assertThat(f.ignoredHeaders()).containsExactly("City", "Date of birth");
        assertThat(f.rows().get(0).draft().phone()).isEqualTo("98765 43210");
        assertThat(f.rows().get(0).draft().address()).isNull();
    }

    @Test
    void aFileWithoutANameColumnIsRefusedSayingWhatItHas() {
        assertThatThrownBy(() -> read("phone,email\n123456,a@b.example\n"))
                .isInstanceOf(ImportRefusedException.class)
                .hasMessageContaining("no 'name' column").hasMessageContaining("phone, email");
        assertThatThrownBy(() -> read("")).isInstanceOf(ImportRefusedException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> read("name,Name\nA,B\n")).isInstanceOf(ImportRefusedException.class)
                .hasMessageContaining("two 'name' columns (column A and column B)");
    }

    @Test
    void aFileThatIsNotUtf8IsRefusedNotImportedWithBrokenLetters() {
        byte[] latin1 = "name\nZo\u00eb\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> CustomerFile.read("old.csv", new ByteArrayInputStream(latin1)))
                .isInstanceOf(ImportRefusedException.class).hasMessageContaining("not UTF-8");
    }

    @Test
    void emptyRowsAreIgnoredAndOurOwnFormulaGuardIsTakenOff() {
        CustomerFile f = read("name,phone\n,\nAsha,'+91 98765 43210\n\n'=x,\n");
        assertThat(f.rows()).hasSize(2);
        assertThat(f.blankRows()).isEqualTo(1);
        assertThat(f.rows().get(0).draft().phone()).isEqualTo("+91 98765 43210");
        assertThat(f.rows().get(1).draft().name()).isEqualTo("=x");
    }
}
