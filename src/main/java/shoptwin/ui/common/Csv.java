package shoptwin.ui.common;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * RFC 4180 CSV for spreadsheets. Cells that a spreadsheet would run as a formula (starting with
 * = + - @, tab or carriage return) get a leading apostrophe, so an exported name like
 * {@code =HYPERLINK(...)} stays text (CSV formula injection).
 */
public final class Csv {
    private Csv() {
    }

    public static String cell(String value) {
        if (value == null) {
            return "";
        }
        String v = value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0
                || v.startsWith(" ") || v.endsWith(" ")) {
            v = '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }

    /** Numbers we produce ourselves (amounts) are written as they are: they must stay numbers. */
    public static String number(String plain) {
        return plain == null ? "" : plain;
    }

    public static void writeRow(Writer out, List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(cells.get(i));
        }
        out.write("\r\n");
    }
}
