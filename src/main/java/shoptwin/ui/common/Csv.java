package shoptwin.ui.common;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * CSV files for spreadsheets, written by Apache Commons CSV (RFC 4180: CRLF, quoted where needed).
 * One rule is ours: a text cell that a spreadsheet would run as a formula (starting with = + - @, tab
 * or carriage return) gets a leading apostrophe, so an exported name like {@code =HYPERLINK(...)} stays
 * text (CSV formula injection). That is also why a phone "+91 98765" reads "'+91 98765" in the file.
 * Numbers we produce ourselves (amounts, counts) are written as they are: they must stay numbers.
 */
public final class Csv implements Closeable {
    private static final CSVFormat FORMAT = CSVFormat.RFC4180;
    private final CSVPrinter printer;

    private Csv(Writer out) throws IOException {
        this.printer = new CSVPrinter(out, FORMAT);
    }

    /** A new file (replaced if it exists), UTF-8. */
    public static Csv create(Path file) throws IOException {
        return new Csv(new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8)));
    }

    public static Csv on(Writer out) throws IOException {
        return new Csv(out);
    }

    /** One row: Strings are text (guarded), BigDecimal and integers numbers, null an empty cell. */
    public void row(Object... cells) throws IOException {
        List<String> out = new ArrayList<>(cells.length);
        for (Object c : cells) {
            out.add(c == null ? "" : c instanceof BigDecimal d ? d.toPlainString()
                    : c instanceof Long || c instanceof Integer ? c.toString() : text(c.toString()));
        }
        printer.printRecord(out);
    }

    /** The formula-injection guard for one text cell. */
    static String text(String value) {
        if (!value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0) {
            return "'" + value;
        }
        return value;
    }

    @Override
    public void close() throws IOException {
        printer.close(true);
    }
}
