package shoptwin.store.copy;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.HexFormat;
import java.util.Set;
import org.bson.types.Binary;
import org.bson.types.Decimal128;

/**
 * How each PostgreSQL type is copied (docs/mirror.md, "Types", the coordinator's decided table), both
 * directions side by side: the value of a row image ({@code to_jsonb(row)}, rendered with the settings
 * {@link RowImages} pins) as the document holds it, and the document's value as SQL text for a restore (a
 * parameter cast to the column's type). To change how a type is copied, change its constant here, both
 * directions, and its line in ColumnTypeTest; {@link DocumentMapper} walks the columns (arrays, domains,
 * NULLs) and never looks at a value itself. Values are never null here (NULL is null both ways).
 */
public enum ColumnType {
    /** text, varchar, char(n) (padded as stored), citext, name: the string. */
    TEXT {
        @Override
        Object toDocument(JsonNode value, String column) {
            return text(value);
        }
    },
    /** Lower case, 8-4-4-4-12, as PostgreSQL renders it. */
    UUID {
        @Override
        Object toDocument(JsonNode value, String column) {
            return text(value);
        }
    },
    /** int2, int4: Int32. */
    INTEGER {
        @Override
        Object toDocument(JsonNode value, String column) {
            if (value.isIntegralNumber() && value.canConvertToInt()) {
                return value.intValue();
            }
            throw new NotOfThisType(); // never wrapped around: 3000000000 is not an int4
        }
    },
    /** int8: Int64. */
    BIGINT {
        @Override
        Object toDocument(JsonNode value, String column) {
            if (value.isIntegralNumber() && value.canConvertToLong()) {
                return value.longValue();
            }
            throw new NotOfThisType();
        }
    },
    /** Decimal128 with its scale (10.50 stays 10.50); NaN and ±Infinity as Decimal128's own; never rounded. */
    NUMERIC {
        @Override
        Object toDocument(JsonNode value, String column) {
            if (value.isNumber()) {
                return exactDecimal(value.isIntegralNumber() ? new BigDecimal(value.bigIntegerValue()) : value.decimalValue(), column);
            }
            if (value.isTextual()) {
                switch (value.textValue()) {
                    case "NaN": return Decimal128.NaN;
                    case "Infinity": return Decimal128.POSITIVE_INFINITY;
                    case "-Infinity": return Decimal128.NEGATIVE_INFINITY;
                    default: break;
                }
            }
            throw new NotOfThisType();
        }

        @Override
        String toSql(Object value) {
            if (value instanceof Decimal128 d) {
                if (d.isNaN()) {
                    return "NaN";
                }
                if (d.isInfinite()) {
                    return d.isNegative() ? "-Infinity" : "Infinity";
                }
                try {
                    return d.bigDecimalValue().toPlainString();
                } catch (ArithmeticException negativeZero) {
                    return d.toString(); // "-0.00": numeric has no negative zero and reads it as 0.00
                }
            }
            return value instanceof Number || value instanceof String ? new BigDecimal(value.toString()).toPlainString() : value.toString();
        }
    },
    /** float8: Double, NaN and ±Infinity kept. */
    DOUBLE {
        @Override
        Object toDocument(JsonNode value, String column) {
            return floatingPoint(value);
        }

        @Override
        String toSql(Object value) {
            return value instanceof Double d ? doubleText(d) : value.toString();
        }
    },
    /** float4: Double (the double of its shortest decimal text: 0.1 is 0.1); back as that float's own text. */
    REAL {
        @Override
        Object toDocument(JsonNode value, String column) {
            return floatingPoint(value);
        }

        @Override
        String toSql(Object value) {
            if (value instanceof Number n) {
                float f = n.floatValue();
                return Float.isNaN(f) ? "NaN" : Float.isInfinite(f) ? (f > 0 ? "Infinity" : "-Infinity") : Float.toString(f);
            }
            return value.toString();
        }
    },
    BOOLEAN {
        @Override
        Object toDocument(JsonNode value, String column) {
            if (value.isBoolean()) {
                return value.booleanValue();
            }
            throw new NotOfThisType();
        }
    },
    /** A Date at 00:00:00 UTC of that day; infinity as the largest Date, -infinity the smallest. */
    DATE {
        @Override
        Object toDocument(JsonNode value, String column) {
            return PgDateTime.date(text(value));
        }

        @Override
        String toSql(Object value) {
            return PgDateTime.dateText(value);
        }
    },
    /** A Date when a whole millisecond, else the exact UTC instant as text with its microseconds ({@link PgDateTime}). */
    TIMESTAMPTZ {
        @Override
        Object toDocument(JsonNode value, String column) {
            return PgDateTime.timestamptz(text(value));
        }

        @Override
        String toSql(Object value) {
            return PgDateTime.timestamptzText(value);
        }
    },
    /** As timestamptz, the wall-clock value read as if UTC; microsecond values as text without a zone. */
    TIMESTAMP {
        @Override
        Object toDocument(JsonNode value, String column) {
            return PgDateTime.timestamp(text(value));
        }

        @Override
        String toSql(Object value) {
            return PgDateTime.timestampText(value);
        }
    },
    /** time, timetz: as PostgreSQL renders them ({@code 10:00:00.123456}, {@code 10:00:00+05:30}). */
    TIME {
        @Override
        Object toDocument(JsonNode value, String column) {
            return text(value);
        }
    },
    /** ISO 8601 as PostgreSQL renders it with IntervalStyle iso_8601 ({@code P1Y2M3DT4H5M6.789S}). */
    INTERVAL {
        @Override
        Object toDocument(JsonNode value, String column) {
            return text(value);
        }
    },
    /** jsonb and json: embedded documents, arrays and values; numbers as Int32, Int64 or Decimal128 keeping their digits. */
    JSON {
        @Override
        Object toDocument(JsonNode value, String column) {
            return JsonValues.jsonToBson(value, column);
        }

        @Override
        String toSql(Object value) {
            return JsonValues.jsonText(value);
        }
    },
    /** Binary, subtype 0. */
    BYTEA {
        @Override
        Object toDocument(JsonNode value, String column) {
            return new Binary(Bytea.decode(text(value)));
        }

        @Override
        String toSql(Object value) {
            if (value instanceof Binary b) {
                return "\\x" + HexFormat.of().formatHex(b.getData());
            }
            return value instanceof byte[] bytes ? "\\x" + HexFormat.of().formatHex(bytes) : value.toString();
        }
    },
    /** An enum: its label. */
    ENUM {
        @Override
        Object toDocument(JsonNode value, String column) {
            return text(value);
        }
    },
    /** A composite type: to_jsonb gives it as a JSON object; the copy holds that object's JSON text. */
    COMPOSITE,
    /** Anything else (inet, money, point, tsvector, ranges, xml, bit...): PostgreSQL's own text form, as to_jsonb gives it. */
    OTHER;

    private static final Set<String> TEXT_TYPES = Set.of("text", "varchar", "bpchar", "name");

    /**
     * The type of a base type (domains and arrays are resolved by the mapper): by its name in
     * {@code pg_catalog} ({@code citext} wherever its extension is), or its kind ({@code pg_type.typtype}).
     */
    public static ColumnType of(String schema, String typeName, char typtype) {
        if (typtype == 'e') {
            return ENUM;
        }
        if (typtype == 'c') {
            return COMPOSITE;
        }
        if (typeName.equals("citext")) {
            return TEXT;
        }
        if (!schema.equals("pg_catalog")) {
            return OTHER;
        }
        if (TEXT_TYPES.contains(typeName)) {
            return TEXT;
        }
        return switch (typeName) {
            case "uuid" -> UUID;
            case "int2", "int4" -> INTEGER;
            case "int8" -> BIGINT;
            case "numeric" -> NUMERIC;
            case "float8" -> DOUBLE;
            case "float4" -> REAL;
            case "bool" -> BOOLEAN;
            case "date" -> DATE;
            case "timestamptz" -> TIMESTAMPTZ;
            case "timestamp" -> TIMESTAMP;
            case "time", "timetz" -> TIME;
            case "interval" -> INTERVAL;
            case "jsonb", "json" -> JSON;
            case "bytea" -> BYTEA;
            default -> OTHER;
        };
    }

    /**
     * The row image's value (not JSON null) as the document holds it. Throws {@link NotOfThisType} when the
     * value is not what this type renders (a change captured before its column was retyped), and
     * {@link DoesNotFit} when the copy cannot hold it exactly (more digits than Decimal128).
     * By default: its text; JSON that is not a string (a composite, an extension's type with a cast to
     * json) as its JSON text.
     */
    Object toDocument(JsonNode value, String column) {
        return value.isTextual() ? value.textValue() : value.toString();
    }

    /** The document's value (not null) as SQL text for a parameter cast to the column's type. By default: its text. */
    String toSql(Object value) {
        return value.toString();
    }

    /** A value of another type than its column's: a change captured before the column was retyped. */
    static final class NotOfThisType extends IllegalArgumentException {
        NotOfThisType() {
            super("a value of another type than its column's");
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this; // thrown only around a column change, and caught at once: no stack trace needed
        }
    }

    /** A value the copy cannot hold exactly: the change is parked with this reason. */
    public static final class DoesNotFit extends IllegalArgumentException {
        DoesNotFit(String message) {
            super(message);
        }
    }

    private static String text(JsonNode value) {
        if (!value.isTextual()) {
            throw new NotOfThisType();
        }
        return value.textValue();
    }

    /** Decimal128 when it holds {@code value} exactly, digits and scale; otherwise the change is parked, never rounded. */
    static Decimal128 exactDecimal(BigDecimal value, String column) {
        if (value.precision() <= 34 && value.scale() <= 6176 && -value.scale() <= 6111) {
            return new Decimal128(value);
        }
        try {
            Decimal128 d = new Decimal128(value);
            // Decimal128 may store 1000...0 with fewer digits and another exponent: fine if it comes back the same
            if (d.bigDecimalValue().toPlainString().equals(value.toPlainString())) {
                return d;
            }
        } catch (NumberFormatException | AssertionError e) {
            // out of Decimal128's range: said below
        }
        throw new DoesNotFit("numeric value of " + column + " has more digits than MongoDB's Decimal128 holds (34)");
    }

    private static Double floatingPoint(JsonNode value) {
        if (value.isNumber()) {
            // the shortest decimal text PostgreSQL wrote, parsed with correct rounding
            return Double.parseDouble(value.isIntegralNumber() ? value.bigIntegerValue().toString() : value.decimalValue().toString());
        }
        if (value.isTextual()) {
            switch (value.textValue()) {
                case "NaN": return Double.NaN;
                case "Infinity": return Double.POSITIVE_INFINITY;
                case "-Infinity": return Double.NEGATIVE_INFINITY;
                default: break;
            }
        }
        throw new NotOfThisType();
    }

    private static String doubleText(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        return Double.toString(d);
    }

    /** bytea's renderings: hex ({@code \x0102}, what the pinned bytea_output gives) and the older escape format. */
    static final class Bytea {
        private Bytea() {
        }

        static byte[] decode(String text) {
            if (text.startsWith("\\x")) {
                try {
                    return HexFormat.of().parseHex(text, 2, text.length());
                } catch (IllegalArgumentException e) {
                    throw new NotOfThisType();
                }
            }
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(text.length());
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c != '\\') {
                    if (c > 0x7e) {
                        throw new NotOfThisType(); // the escape format is ASCII
                    }
                    out.write(c);
                } else if (i + 1 < text.length() && text.charAt(i + 1) == '\\') {
                    out.write('\\');
                    i++;
                } else if (i + 3 < text.length()) {
                    out.write(Integer.parseInt(text, i + 1, i + 4, 8));
                    i += 3;
                } else {
                    throw new NotOfThisType();
                }
            }
            return out.toByteArray();
        }
    }
}
