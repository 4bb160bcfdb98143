package shoptwin.importing;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import shoptwin.domain.CustomerDraft;

/**
 * A customers CSV file as read by Apache Commons CSV (RFC 4180: quoted fields may hold commas, quotes
 * and line breaks; CRLF or LF line ends; a UTF-8 byte order mark is skipped). Columns are matched by
 * their header, ignoring case, spaces, '-' and '_': name (also "full name"), phone (also "mobile",
 * "phone number"), email (also "e-mail", "email address"), address, notes (also "note"). Other headers
 * are reported and ignored. Rows are numbered as a spreadsheet shows them: the header is row 1, and a
 * row whose quoted cell spans several lines is still one row.
 */
public record CustomerFile(String name, List<String> columns, List<String> ignoredHeaders, List<Row> rows, int blankRows) {
    public static final List<String> FIELDS = List.of("name", "phone", "email", "address", "notes");
    private static final Map<String, String> HEADERS = Map.ofEntries(
            Map.entry("name", "name"), Map.entry("fullname", "name"), Map.entry("customer", "name"),
            Map.entry("customername", "name"),
            Map.entry("phone", "phone"), Map.entry("phonenumber", "phone"), Map.entry("mobile", "phone"),
            Map.entry("telephone", "phone"),
            Map.entry("email", "email"), Map.entry("emailaddress", "email"),
            Map.entry("address", "address"),
            Map.entry("notes", "notes"), Map.entry("note", "notes"));

    public CustomerFile {
        columns = List.copyOf(columns);
        ignoredHeaders = List.copyOf(ignoredHeaders);
        rows = List.copyOf(rows);
    }

    /** One data row: its number as a spreadsheet shows it, and what it says for a customer. */
    public record Row(long number, CustomerDraft draft) {
    }

    public static CustomerFile read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(file.getFileName().toString(), in);
        } catch (NoSuchFileException e) {
            throw new ImportRefusedException("There is no file " + file + ".");
        } catch (IOException e) {
            throw new ImportRefusedException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public static CustomerFile read(String name, InputStream in) {
        // strict UTF-8: a file saved in another encoding is refused, never imported with broken letters
        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
        try (PushbackReader r = new PushbackReader(reader, 1);
             CSVParser parser = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get().parse(skipBom(r))) {
            List<String> columns = new ArrayList<>();
            List<String> ignored = new ArrayList<>();
            Map<String, Integer> at = new LinkedHashMap<>();
            List<Row> rows = new ArrayList<>();
            int blank = 0;
            boolean header = true;
            for (CSVRecord record : parser) {
                if (header) {
                    header = false;
                    readHeader(record, columns, ignored, at);
                    continue;
                }
                List<String> values = new ArrayList<>();
                for (String field : FIELDS) {
                    Integer i = at.get(field);
                    values.add(i == null || i >= record.size() ? null : unguard(record.get(i)));
                }
                if (values.stream().allMatch(v -> v == null || v.isBlank())) {
                    blank++;
                    continue;
                }
                rows.add(new Row(record.getRecordNumber(), new CustomerDraft(values.get(0), values.get(1), values.get(2),
                        values.get(3), values.get(4))));
            }
            if (header) {
                throw new ImportRefusedException(name + " is empty: the first row must name the columns (name, phone, email,"
                        + " address, notes).");
            }
            return new CustomerFile(name, columns, ignored, rows, blank);
        } catch (UncheckedIOException e) {
            throw refusal(name, e.getCause());
        } catch (IOException e) {
            throw refusal(name, e);
        } catch (IllegalStateException e) {
            throw new ImportRefusedException(name + " is not a CSV file Commons CSV can read: " + e.getMessage(), e);
        }
    }

    private static ImportRefusedException refusal(String name, IOException e) {
        if (e instanceof CharacterCodingException) {
            return new ImportRefusedException(name + " is not UTF-8 text: save it from the spreadsheet as \"CSV UTF-8\".", e);
        }
        return new ImportRefusedException(name + " could not be read as CSV: " + e.getMessage(), e);
    }

    private static void readHeader(CSVRecord record, List<String> columns, List<String> ignored, Map<String, Integer> at) {
        for (int i = 0; i < record.size(); i++) {
            String raw = record.get(i).strip();
            String field = HEADERS.get(raw.toLowerCase(Locale.ROOT).replaceAll("[\\s_-]", ""));
            if (field == null) {
                if (!raw.isEmpty()) {
                    ignored.add(raw);
                }
                continue;
            }
            if (at.containsKey(field)) {
                throw new ImportRefusedException("The file has two '" + field + "' columns (column " + column(at.get(field))
                        + " and column " + column(i) + "): keep one.");
            }
            at.put(field, i);
            columns.add(field);
        }
        if (!at.containsKey("name")) {
            throw new ImportRefusedException("The file has no 'name' column: the first row must name the columns, one of them"
                    + " 'name' (also accepted: phone, email, address, notes). It has: "
                    + (record.size() == 0 ? "nothing" : String.join(", ", record.toList())) + ".");
        }
    }

    /** Spreadsheet column letters: 0 → A, 26 → AA. */
    static String column(int index) {
        StringBuilder b = new StringBuilder();
        for (int i = index + 1; i > 0; i = (i - 1) / 26) {
            b.insert(0, (char) ('A' + (i - 1) % 26));
        }
        return b.toString();
    }

    /** Our own exports put ' before a cell a spreadsheet would run as a formula: an import takes it off again. */
    static String unguard(String value) {
        if (value.length() > 1 && value.charAt(0) == '\'' && "=+-@\t\r".indexOf(value.charAt(1)) >= 0) {
            return value.substring(1);
        }
        return value;
    }

    private static Reader skipBom(PushbackReader r) throws IOException {
        int first = r.read();
        if (first != -1 && first != '\uFEFF') {
            r.unread(first);
        }
        return r;
    }
}
