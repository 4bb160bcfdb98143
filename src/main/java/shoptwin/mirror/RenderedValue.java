package shoptwin.mirror;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import org.bson.BsonBinarySubType;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.Decimal128;

/**
 * Decodes PostgreSQL's own text rendering of a value (with the sessions settings verify pins: TimeZone UTC,
 * DateStyle ISO, IntervalStyle iso_8601, bytea_output hex) into the BSON value the copy must hold for it,
 * following the type mapping of docs/mirror.md. Written apart from the mirror's mapper on purpose, sharing
 * none of its code: verify compares the copy against this, so that a mistake in the mapper shows as a
 * difference instead of being repeated on both sides.
 */
final class RenderedValue {
    /** What a column's values become in the copy. */
    /** COMPOSITE: a composite type's value, which the copy holds as its JSON text (compact, keys in jsonb's order). */
    enum Kind { STRING, INT32, INT64, DECIMAL, FLOAT, BOOLEAN, DATE, TIMESTAMPTZ, TIMESTAMP, JSON, BINARY, ARRAY, COMPOSITE }

    /** A value the copy cannot hold (the mirror parks its change): never equal to anything a document holds. */
    record Unrepresentable(String why) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    private RenderedValue() {
    }

    /** {@code text} (not null) of a column of {@code kind}; {@code element} is the element's kind for arrays. */
    static Object decode(Kind kind, Kind element, String text) {
        return switch (kind) {
            case STRING -> text;
            case INT32 -> Integer.valueOf(text);
            case INT64 -> Long.valueOf(text);
            case DECIMAL -> decimal(text);
            case FLOAT -> Double.valueOf(text); // "NaN", "Infinity", "-Infinity" as Java reads them
            case BOOLEAN -> text.equals("t") || text.equals("true");
            case DATE -> date(text);
            case TIMESTAMPTZ -> timestamp(text, true);
            case TIMESTAMP -> timestamp(text, false);
            case JSON -> json(text);
            case BINARY -> new Binary(BsonBinarySubType.BINARY, HexFormat.of().parseHex(text.substring(2)));
            case ARRAY -> array(text, element);
            case COMPOSITE -> compactJson(text);
        };
    }

    static Object decimal(String text) {
        switch (text) {
            case "NaN" -> {
                return Decimal128.NaN;
            }
            case "Infinity" -> {
                return Decimal128.POSITIVE_INFINITY;
            }
            case "-Infinity" -> {
                return Decimal128.NEGATIVE_INFINITY;
            }
            default -> {
                BigDecimal d = new BigDecimal(text);
                try {
                    return new Decimal128(d);
                } catch (NumberFormatException e) {
                    return new Unrepresentable("numeric " + text + " has more digits than Decimal128 holds");
                }
            }
        }
    }

    /** "2026-11-01", "0044-03-15 BC", "infinity": a Date at 00:00 UTC of that (proleptic, astronomical) day. */
    static Object date(String text) {
        if (text.equals("infinity")) {
            return new Date(Long.MAX_VALUE);
        }
        if (text.equals("-infinity")) {
            return new Date(Long.MIN_VALUE);
        }
        boolean bc = text.endsWith(" BC");
        String t = bc ? text.substring(0, text.length() - 3) : text;
        int dash = t.indexOf('-', 1);
        int year = Integer.parseInt(t.substring(0, dash));
        LocalDate day = LocalDate.of(bc ? 1 - year : year, Integer.parseInt(t.substring(dash + 1, dash + 3)),
                Integer.parseInt(t.substring(dash + 4, dash + 6)));
        return Date.from(day.atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    /**
     * "2026-11-01 10:00:00.123+00" (timestamptz, TimeZone UTC) or "2026-11-01 10:00:00.123" (timestamp): a Date when
     * it is a whole millisecond, else the exact value as an ISO string (with Z for timestamptz), since a Date would cut it.
     */
    static Object timestamp(String text, boolean withZone) {
        if (text.equals("infinity")) {
            return new Date(Long.MAX_VALUE);
        }
        if (text.equals("-infinity")) {
            return new Date(Long.MIN_VALUE);
        }
        boolean bc = text.endsWith(" BC");
        String t = bc ? text.substring(0, text.length() - 3) : text;
        if (withZone) {
            int plus = Math.max(t.lastIndexOf('+'), t.lastIndexOf('-'));
            if (!t.substring(plus).equals("+00")) {
                throw new IllegalStateException("timestamptz read with TimeZone other than UTC: " + text);
            }
            t = t.substring(0, plus);
        }
        int space = t.indexOf(' ');
        int dash = t.indexOf('-', 1);
        int year = Integer.parseInt(t.substring(0, dash));
        String rest = t.substring(dash, space); // "-11-01"
        LocalDate day = LocalDate.of(bc ? 1 - year : year, Integer.parseInt(rest.substring(1, 3)), Integer.parseInt(rest.substring(4, 6)));
        String clock = t.substring(space + 1);
        int dot = clock.indexOf('.');
        String fraction = dot < 0 ? "" : clock.substring(dot + 1);
        String hms = dot < 0 ? clock : clock.substring(0, dot);
        int nanos = fraction.isEmpty() ? 0 : Integer.parseInt((fraction + "000000000").substring(0, 9));
        LocalDateTime at = day.atTime(Integer.parseInt(hms.substring(0, 2)), Integer.parseInt(hms.substring(3, 5)),
                Integer.parseInt(hms.substring(6, 8)), nanos);
        if (nanos % 1_000_000 == 0) {
            return Date.from(at.toInstant(ZoneOffset.UTC));
        }
        return withZone ? at.toInstant(ZoneOffset.UTC).toString() : at.toString();
    }

    /** A json/jsonb text: objects in the order the text has, integral numbers as Int32/Int64/Decimal128, others Decimal128. */
    /** jsonb's text ({"a": 1, "b": "x"}) without its spaces: how the copy keeps a composite value. */
    static String compactJson(String text) {
        try {
            return JSON.readTree(text).toString();
        } catch (IOException e) {
            throw new IllegalStateException("PostgreSQL rendered JSON that does not parse: " + e.getMessage(), e);
        }
    }

    static Object json(String text) {
        try (JsonParser p = JSON.createParser(text)) {
            p.nextToken();
            return jsonValue(p);
        } catch (IOException e) {
            throw new IllegalStateException("PostgreSQL rendered JSON that does not parse: " + e.getMessage(), e);
        }
    }

    private static Object jsonValue(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT -> {
                Document d = new Document();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    d.put(name, jsonValue(p));
                }
                return d;
            }
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    list.add(jsonValue(p));
                }
                return list;
            }
            case VALUE_STRING -> {
                return p.getText();
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return t == JsonToken.VALUE_TRUE;
            }
            case VALUE_NULL -> {
                return null;
            }
            case VALUE_NUMBER_INT -> {
                BigInteger big = new BigInteger(p.getText());
                if (big.bitLength() < 32) {
                    return big.intValue();
                }
                if (big.bitLength() < 64) {
                    return big.longValue();
                }
                return decimal(p.getText());
            }
            case VALUE_NUMBER_FLOAT -> {
                return decimal(p.getText()); // its own digits: 1.50 stays 1.50
            }
            default -> throw new IllegalStateException("unexpected JSON token " + t);
        }
    }

    /**
     * An array literal as PostgreSQL renders it ({@code {a,"b c",NULL}}, {@code {{1,2},{3,4}}}, perhaps preceded by its
     * bounds, {@code [0:1]={…}}, which the copy does not keep): nested lists of the elements' values.
     */
    static Object array(String text, Kind element) {
        int start = text.indexOf('{');
        int[] at = {start};
        return arrayAt(text, at, element);
    }

    private static List<Object> arrayAt(String s, int[] at, Kind element) {
        List<Object> out = new ArrayList<>();
        at[0]++; // past '{'
        if (s.charAt(at[0]) == '}') {
            at[0]++;
            return out;
        }
        while (true) {
            char c = s.charAt(at[0]);
            if (c == '{') {
                out.add(arrayAt(s, at, element));
            } else if (c == '"') {
                StringBuilder b = new StringBuilder();
                at[0]++;
                while (s.charAt(at[0]) != '"') {
                    if (s.charAt(at[0]) == '\\') {
                        at[0]++;
                    }
                    b.append(s.charAt(at[0]++));
                }
                at[0]++;
                out.add(decode(element, null, b.toString()));
            } else {
                int end = at[0];
                while (s.charAt(end) != ',' && s.charAt(end) != '}') {
                    end++;
                }
                String raw = s.substring(at[0], end);
                out.add(raw.equals("NULL") ? null : decode(element, null, raw));
                at[0] = end;
            }
            char next = s.charAt(at[0]++);
            if (next == '}') {
                return out;
            }
        }
    }
}
