package shoptwin.store.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.Test;

/**
 * How each PostgreSQL type travels, line by line as docs/mirror.md's type table says: row image (as
 * {@code to_jsonb} renders it with the pinned settings) → document value, and document value → SQL text
 * (restore). A change to one type is a change to its line here and to its constant in {@link ColumnType}.
 * The same mapping end to end, through a real PostgreSQL, MongoDB and restore: TypeRoundTripTest.
 */
class ColumnTypeTest {

    @Test
    void numericKeepsItsScaleAndItsSpecialValuesAndIsNeverRounded() {
        Object doc = toDocument(ColumnType.NUMERIC, "10.50");
        assertThat(doc).isEqualTo(new Decimal128(new BigDecimal("10.50")));
        assertThat(ColumnType.NUMERIC.toSql(doc)).isEqualTo("10.50");
        assertThat(toDocument(ColumnType.NUMERIC, "\"NaN\"")).isEqualTo(Decimal128.NaN);
        assertThat(toDocument(ColumnType.NUMERIC, "\"Infinity\"")).isEqualTo(Decimal128.POSITIVE_INFINITY);
        assertThat(toDocument(ColumnType.NUMERIC, "\"-Infinity\"")).isEqualTo(Decimal128.NEGATIVE_INFINITY);
        assertThat(ColumnType.NUMERIC.toSql(Decimal128.NaN)).isEqualTo("NaN");
        assertThat(ColumnType.NUMERIC.toSql(Decimal128.NEGATIVE_INFINITY)).isEqualTo("-Infinity");
        assertThat(ColumnType.NUMERIC.toSql(toDocument(ColumnType.NUMERIC, "0.00000000000000000001"))).isEqualTo("0.00000000000000000001");
        String digits34 = "1234567890123456789012345678901.234";
        assertThat(ColumnType.NUMERIC.toSql(toDocument(ColumnType.NUMERIC, digits34))).isEqualTo(digits34);
        // 40 digits, trailing zeros: Decimal128 holds it exactly (with another exponent) and gives it back the same
        String tens = "1" + "0".repeat(39);
        assertThat(ColumnType.NUMERIC.toSql(toDocument(ColumnType.NUMERIC, tens))).isEqualTo(tens);
        assertThatThrownBy(() -> toDocument(ColumnType.NUMERIC, "12345678901234567890123456789012345"))
                .isInstanceOf(ColumnType.DoesNotFit.class)
                .hasMessage("numeric value of v has more digits than MongoDB's Decimal128 holds (34)");
        assertThatThrownBy(() -> toDocument(ColumnType.NUMERIC, "1.0000000000000000000000000000000000000"))
                .as("the scale is never cut: 1.000... with 37 decimals is not 1.000... with 33").isInstanceOf(ColumnType.DoesNotFit.class);
        assertThatThrownBy(() -> toDocument(ColumnType.NUMERIC, "0." + "0".repeat(7000) + "1")).isInstanceOf(ColumnType.DoesNotFit.class);
    }

    @Test
    void integersAreInt32OrInt64AndNeverWrappedAround() {
        assertThat(toDocument(ColumnType.INTEGER, "42")).isEqualTo(42);
        assertThat(toDocument(ColumnType.INTEGER, "-2147483648")).isEqualTo(Integer.MIN_VALUE);
        assertThat(toDocument(ColumnType.BIGINT, "9223372036854775807")).isEqualTo(Long.MAX_VALUE);
        assertThat(toDocument(ColumnType.BIGINT, "42")).isEqualTo(42L);
        assertThatThrownBy(() -> toDocument(ColumnType.INTEGER, "3000000000")).isInstanceOf(ColumnType.NotOfThisType.class);
        assertThat(ColumnType.BIGINT.toSql(9007199254740993L)).isEqualTo("9007199254740993");
        assertThat(ColumnType.INTEGER.toSql(-7)).isEqualTo("-7");
    }

    @Test
    void floatsAreDoublesWithTheirSpecialValuesAndComeBackAsTheirOwnShortestText() {
        assertThat(toDocument(ColumnType.DOUBLE, "1.5")).isEqualTo(1.5d);
        assertThat(toDocument(ColumnType.DOUBLE, "\"NaN\"")).isEqualTo(Double.NaN);
        assertThat(toDocument(ColumnType.DOUBLE, "\"-Infinity\"")).isEqualTo(Double.NEGATIVE_INFINITY);
        // PostgreSQL renders 1e-310 in plain notation inside JSON
        assertThat(toDocument(ColumnType.DOUBLE, "0." + "0".repeat(309) + "1")).isEqualTo(1e-310);
        assertThat(toDocument(ColumnType.DOUBLE, "340282350000000000000000000000000000000")).isEqualTo(3.4028235e38);
        assertThat(ColumnType.DOUBLE.toSql(0.1)).isEqualTo("0.1");
        assertThat(ColumnType.DOUBLE.toSql(Double.POSITIVE_INFINITY)).isEqualTo("Infinity");
        Object real = toDocument(ColumnType.REAL, "0.1");
        assertThat(real).as("float4 0.1 is the double 0.1 in the copy").isEqualTo(0.1d);
        assertThat(ColumnType.REAL.toSql(real)).isEqualTo("0.1");
        assertThat(ColumnType.REAL.toSql(toDocument(ColumnType.REAL, "0.000000000000000000000000000000000000011754944")))
                .isEqualTo(Float.toString(Float.MIN_NORMAL));
        assertThat(ColumnType.REAL.toSql(Double.NaN)).isEqualTo("NaN");
    }

    @Test
    void booleansTextUuidTimeIntervalAndEnumsAsThemselves() {
        assertThat(toDocument(ColumnType.BOOLEAN, "true")).isEqualTo(true);
        assertThat(ColumnType.BOOLEAN.toSql(false)).isEqualTo("false");
        assertThat(toDocument(ColumnType.TEXT, "\"ab   \"")).as("char(5) keeps its padding").isEqualTo("ab   ");
        assertThat(toDocument(ColumnType.UUID, "\"0b7f6c4e-2f7d-4a51-9d0e-3b6f0c1a2b3c\"")).isEqualTo("0b7f6c4e-2f7d-4a51-9d0e-3b6f0c1a2b3c");
        assertThat(toDocument(ColumnType.TIME, "\"10:00:00+05:30\"")).isEqualTo("10:00:00+05:30");
        assertThat(toDocument(ColumnType.INTERVAL, "\"P1Y2M3DT4H5M6.789S\"")).isEqualTo("P1Y2M3DT4H5M6.789S");
        assertThat(toDocument(ColumnType.ENUM, "\"gold\"")).isEqualTo("gold");
        assertThat(toDocument(ColumnType.OTHER, "\"192.168.0.1/24\"")).isEqualTo("192.168.0.1/24");
        assertThat(toDocument(ColumnType.COMPOSITE, "{\"a\": 1}")).as("a composite as its JSON text").isEqualTo("{\"a\":1}");
        assertThat(ColumnType.INTERVAL.toSql("P1Y")).isEqualTo("P1Y");
    }

    @Test
    void aDateIsMidnightUtcBcDatesAreProlepticAndInfinityIsTheLargestDate() {
        assertThat(toDocument(ColumnType.DATE, "\"2026-11-01\"")).isEqualTo(Date.from(Instant.parse("2026-11-01T00:00:00Z")));
        // 44 BC is astronomical year -43
        assertThat(toDocument(ColumnType.DATE, "\"0044-03-15 BC\"")).isEqualTo(Date.from(Instant.parse("-0043-03-15T00:00:00Z")));
        assertThat(toDocument(ColumnType.DATE, "\"0005-02-29 BC\"")).as("5 BC is a leap year").isEqualTo(Date.from(Instant.parse("-0004-02-29T00:00:00Z")));
        assertThat(toDocument(ColumnType.DATE, "\"infinity\"")).isEqualTo(new Date(Long.MAX_VALUE));
        assertThat(toDocument(ColumnType.DATE, "\"-infinity\"")).isEqualTo(new Date(Long.MIN_VALUE));
        assertThat(ColumnType.DATE.toSql(toDocument(ColumnType.DATE, "\"0044-03-15 BC\""))).isEqualTo("0044-03-15 BC");
        assertThat(ColumnType.DATE.toSql(toDocument(ColumnType.DATE, "\"5874897-12-31\""))).isEqualTo("5874897-12-31");
        assertThat(ColumnType.DATE.toSql(new Date(Long.MAX_VALUE))).isEqualTo("infinity");
    }

    @Test
    void aTimestamptzIsADateAtMillisecondsAndTextWithItsMicroseconds() {
        Object ms = toDocument(ColumnType.TIMESTAMPTZ, "\"2026-01-02T03:04:05.678+05:30\"");
        assertThat(ms).isEqualTo(Date.from(Instant.parse("2026-01-01T21:34:05.678Z")));
        assertThat(ColumnType.TIMESTAMPTZ.toSql(ms)).isEqualTo("2026-01-01 21:34:05.678000+00");
        Object micros = toDocument(ColumnType.TIMESTAMPTZ, "\"2026-11-01T10:00:00.123456+00:00\"");
        assertThat(micros).as("never cut to milliseconds").isEqualTo("2026-11-01T10:00:00.123456Z");
        assertThat(ColumnType.TIMESTAMPTZ.toSql(micros)).isEqualTo("2026-11-01 10:00:00.123456+00");
        assertThat(toDocument(ColumnType.TIMESTAMPTZ, "\"0044-03-15T10:00:00.5+00:00 BC\""))
                .isEqualTo(Date.from(Instant.parse("-0043-03-15T10:00:00.500Z")));
        assertThat(ColumnType.TIMESTAMPTZ.toSql(toDocument(ColumnType.TIMESTAMPTZ, "\"0044-03-15T10:00:00.000001+00:00 BC\"")))
                .isEqualTo("0044-03-15 10:00:00.000001+00 BC");
        assertThat(toDocument(ColumnType.TIMESTAMPTZ, "\"294276-12-31T23:59:59.999999+00:00\"")).isEqualTo("+294276-12-31T23:59:59.999999Z");
        assertThat(toDocument(ColumnType.TIMESTAMPTZ, "\"infinity\"")).isEqualTo(new Date(Long.MAX_VALUE));
        assertThat(ColumnType.TIMESTAMPTZ.toSql(new Date(Long.MIN_VALUE))).isEqualTo("-infinity");
        assertThat(toDocument(ColumnType.TIMESTAMPTZ, "\"1970-01-01T05:53:28+05:53:28\"")).as("an LMT offset").isEqualTo(new Date(0));
    }

    @Test
    void aTimestampIsItsWallClockReadAsUtc() {
        assertThat(toDocument(ColumnType.TIMESTAMP, "\"2026-11-01T10:00:00\"")).isEqualTo(Date.from(Instant.parse("2026-11-01T10:00:00Z")));
        Object micros = toDocument(ColumnType.TIMESTAMP, "\"2026-11-01T10:00:00.123456\"");
        assertThat(micros).isEqualTo("2026-11-01T10:00:00.123456");
        assertThat(ColumnType.TIMESTAMP.toSql(micros)).isEqualTo("2026-11-01 10:00:00.123456");
        assertThat(ColumnType.TIMESTAMP.toSql(Date.from(Instant.parse("2026-11-01T10:00:00Z")))).isEqualTo("2026-11-01 10:00:00.000000");
        assertThat(ColumnType.TIMESTAMP.toSql(toDocument(ColumnType.TIMESTAMP, "\"12026-11-01T10:00:00.123\""))).isEqualTo("12026-11-01 10:00:00.123000");
    }

    @Test
    void jsonbBecomesEmbeddedDocumentsAndArraysAndComesBackAsJsonTextInPlainNotation() {
        Object doc = toDocument(ColumnType.JSON, "{\"vip\": true, \"scores\": [1, 2.50, null], \"big\": 12345678901, \"huge\": 123456789012345678901}");
        assertThat(doc).isEqualTo(new Document("vip", true)
                .append("scores", Arrays.asList(1, new Decimal128(new BigDecimal("2.50")), null))
                .append("big", 12345678901L)
                .append("huge", new Decimal128(new BigDecimal("123456789012345678901"))));
        assertThat(ColumnType.JSON.toSql(doc)).isEqualTo("{\"vip\":true,\"scores\":[1,2.50,null],\"big\":12345678901,\"huge\":123456789012345678901}");
        assertThat(ColumnType.JSON.toSql(new Decimal128(new BigDecimal("1E+39")))).isEqualTo("1" + "0".repeat(39));
        assertThatThrownBy(() -> toDocument(ColumnType.JSON, "{\"x\": [0.12345678901234567890123456789012345]}"))
                .isInstanceOf(ColumnType.DoesNotFit.class).hasMessageContaining("numeric value of v");
    }

    @Test
    void byteaIsBinaryBothHexAndTheOlderEscapeFormat() {
        Object doc = toDocument(ColumnType.BYTEA, "\"\\\\x0102ff\"");
        assertThat(doc).isEqualTo(new Binary(new byte[] {1, 2, (byte) 0xff}));
        assertThat(((Binary) doc).getType()).isZero();
        assertThat(ColumnType.BYTEA.toSql(doc)).isEqualTo("\\x0102ff");
        assertThat(toDocument(ColumnType.BYTEA, "\"a\\\\\\\\b\\\\001\"")).isEqualTo(new Binary(new byte[] {'a', '\\', 'b', 1}));
        assertThat(ColumnType.BYTEA.toSql(toDocument(ColumnType.BYTEA, "\"\\\\x\""))).isEqualTo("\\x");
    }

    @Test
    void arraysOfAnyDimensionKeepNullElementsAndComeBackAsQuotedLiterals() {
        DocumentMapper.Column ints = new DocumentMapper.Column("v", ColumnType.INTEGER, 1, "pg_catalog.int4[]", "integer[]", false, false, ',');
        DocumentMapper.Column texts = new DocumentMapper.Column("v", ColumnType.TEXT, 1, "pg_catalog.text[]", "text[]", false, false, ',');
        DocumentMapper.Column jsons = new DocumentMapper.Column("v", ColumnType.JSON, 1, "pg_catalog.jsonb[]", "jsonb[]", false, false, ',');
        assertThat(DocumentMapper.toSqlText(ints, List.of(List.of(1, 2), Arrays.asList(3, null)))).isEqualTo("{{\"1\",\"2\"},{\"3\",NULL}}");
        assertThat(DocumentMapper.toSqlText(ints, List.of())).isEqualTo("{}");
        assertThat(DocumentMapper.toSqlText(texts, Arrays.asList("a\"b", null, "NULL", "c\\d", "{,}")))
                .isEqualTo("{\"a\\\"b\",NULL,\"NULL\",\"c\\\\d\",\"{,}\"}");
        assertThat(DocumentMapper.toSqlText(jsons, List.of(List.of(1, 2), new Document("a", 1))))
                .as("a json element that is an array stays one element").isEqualTo("{\"[1,2]\",\"{\\\"a\\\":1}\"}");
        assertThatThrownBy(() -> DocumentMapper.toSqlText(ints, "[1]")).hasMessage("field v cannot be written as pg_catalog.int4[]");
    }

    @Test
    void eachBaseTypeHasOneMapping() {
        assertThat(ColumnType.of("pg_catalog", "varchar", 'b')).isEqualTo(ColumnType.TEXT);
        assertThat(ColumnType.of("pg_catalog", "bpchar", 'b')).isEqualTo(ColumnType.TEXT);
        assertThat(ColumnType.of("extensions", "citext", 'b')).isEqualTo(ColumnType.TEXT);
        assertThat(ColumnType.of("pg_catalog", "int2", 'b')).isEqualTo(ColumnType.INTEGER);
        assertThat(ColumnType.of("pg_catalog", "int8", 'b')).isEqualTo(ColumnType.BIGINT);
        assertThat(ColumnType.of("pg_catalog", "float4", 'b')).isEqualTo(ColumnType.REAL);
        assertThat(ColumnType.of("pg_catalog", "json", 'b')).isEqualTo(ColumnType.JSON);
        assertThat(ColumnType.of("pg_catalog", "timetz", 'b')).isEqualTo(ColumnType.TIME);
        assertThat(ColumnType.of("pg_catalog", "interval", 'b')).isEqualTo(ColumnType.INTERVAL);
        assertThat(ColumnType.of("public", "mood", 'e')).isEqualTo(ColumnType.ENUM);
        assertThat(ColumnType.of("public", "address", 'c')).isEqualTo(ColumnType.COMPOSITE);
        assertThat(ColumnType.of("pg_catalog", "inet", 'b')).isEqualTo(ColumnType.OTHER);
        assertThat(ColumnType.of("public", "date", 'b')).as("a type of the same name elsewhere is not the built-in").isEqualTo(ColumnType.OTHER);
    }

    @Test
    void aValueThatDoesNotFitItsColumnIsRefusedNamingTheField() {
        DocumentMapper.Column amount = new DocumentMapper.Column("amount", ColumnType.NUMERIC, "numeric", false);
        assertThatThrownBy(() -> DocumentMapper.toSqlText(amount, "ten"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("field amount cannot be written as numeric");
        assertThat(DocumentMapper.toSqlText(amount, null)).isNull();
    }

    @Test
    void theDocumentsIdIsTheIdColumnForARestore() {
        DocumentMapper.Column id = new DocumentMapper.Column("id", ColumnType.UUID, "uuid", false);
        Document doc = new Document(CopyFormat.ID, "0b7f").append(CopyFormat.VERSION, 7L);
        assertThat(DocumentMapper.sqlText(doc, id)).isEqualTo("0b7f");
        assertThat(DocumentMapper.hasField(doc, id)).isTrue();
        assertThat(CopyFormat.canonical(doc)).isEqualTo(new Document(CopyFormat.ID, "0b7f"));
        assertThat(CopyFormat.versionOf(doc)).isEqualTo(7L);
        assertThat(CopyFormat.versionOf(new Document(CopyFormat.ID, "x"))).as("written by someone else").isZero();
    }

    @Test
    void aTombstoneIdNamesItsCollectionAndRow() {
        String id = CopyFormat.tombstoneId(MirrorTable.CUSTOMERS, "0b7f");
        assertThat(id).isEqualTo("customers:0b7f");
        assertThat(CopyFormat.rowIdOfTombstone(MirrorTable.CUSTOMERS, id)).isEqualTo("0b7f");
        assertThat(CopyFormat.tombstone(MirrorTable.SHOP, "s1", 3, new Date(0)).get(CopyFormat.ID)).isEqualTo("shops:s1");
    }

    private static Object toDocument(ColumnType type, String json) {
        JsonNode value = DocumentMapper.parse("{\"v\": " + json + "}").get("v");
        return type.toDocument(value, "v");
    }
}
