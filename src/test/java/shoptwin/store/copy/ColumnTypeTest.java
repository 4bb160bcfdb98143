package shoptwin.store.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.Test;

/**
 * How each PostgreSQL type travels: row image → document (the mirror, resync, verify) and document →
 * SQL text (restore). Pins today's mapping, type by type, so that a change to one type is a change to
 * its line here and to its constant in {@link ColumnType}.
 */
class ColumnTypeTest {

    @Test
    void numericKeepsItsScaleBothWays() {
        Object doc = toDocument(ColumnType.NUMERIC, "10.50");
        assertThat(doc).isEqualTo(new Decimal128(new BigDecimal("10.50")));
        assertThat(doc.toString()).isEqualTo("10.50");
        assertThat(ColumnType.NUMERIC.toSql(doc)).isEqualTo("10.50");
        // today a numeric NaN cannot be copied: the mirror parks that change with this reason
        assertThatThrownBy(() -> toDocument(ColumnType.NUMERIC, "\"NaN\"")).isInstanceOf(NumberFormatException.class);
    }

    @Test
    void timestamptzBecomesADateInUtcMillisecondsAndComesBackAsAnInstant() {
        Object doc = toDocument(ColumnType.TIMESTAMPTZ, "\"2026-01-02T03:04:05.678+05:30\"");
        assertThat(doc).isEqualTo(Date.from(Instant.parse("2026-01-01T21:34:05.678Z")));
        assertThat(ColumnType.TIMESTAMPTZ.toSql(doc)).isEqualTo("2026-01-01T21:34:05.678Z");
    }

    @Test
    void integersBooleansAndDoublesKeepTheirBsonTypes() {
        assertThat(toDocument(ColumnType.BIGINT, "9007199254740993")).isEqualTo(9007199254740993L);
        assertThat(toDocument(ColumnType.INTEGER, "42")).isEqualTo(42);
        assertThat(toDocument(ColumnType.BOOLEAN, "true")).isEqualTo(true);
        assertThat(toDocument(ColumnType.DOUBLE, "1.5")).isEqualTo(1.5d);
        assertThat(ColumnType.BIGINT.toSql(9007199254740993L)).isEqualTo("9007199254740993");
        assertThat(ColumnType.BOOLEAN.toSql(true)).isEqualTo("true");
    }

    @Test
    void jsonbBecomesEmbeddedDocumentsAndArraysAndComesBackAsJsonText() {
        Object doc = toDocument(ColumnType.JSON, "{\"vip\": true, \"scores\": [1, 2.50, null], \"big\": 12345678901}");
        assertThat(doc).isEqualTo(new Document("vip", true)
                .append("scores", java.util.Arrays.asList(1, new Decimal128(new BigDecimal("2.50")), null))
                .append("big", 12345678901L));
        assertThat(ColumnType.JSON.toSql(doc)).isEqualTo("{\"vip\":true,\"scores\":[1,2.50,null],\"big\":12345678901}");
    }

    @Test
    void textLikeTypesAreCopiedAsTheirText() {
        for (ColumnType t : List.of(ColumnType.UUID, ColumnType.TEXT, ColumnType.DATE, ColumnType.TIMESTAMP, ColumnType.OTHER)) {
            assertThat(toDocument(t, "\"2026-05-06\"")).as(t.name()).isEqualTo("2026-05-06");
            assertThat(t.toSql("2026-05-06")).as(t.name()).isEqualTo("2026-05-06");
        }
        assertThat(toDocument(ColumnType.OTHER, "[1, 2]")).isEqualTo("[1,2]");
    }

    @Test
    void eachUdtNameHasOneType() {
        assertThat(ColumnType.ofUdtName("varchar")).isEqualTo(ColumnType.TEXT);
        assertThat(ColumnType.ofUdtName("int2")).isEqualTo(ColumnType.INTEGER);
        assertThat(ColumnType.ofUdtName("int8")).isEqualTo(ColumnType.BIGINT);
        assertThat(ColumnType.ofUdtName("jsonb")).isEqualTo(ColumnType.JSON);
        assertThat(ColumnType.ofUdtName("interval")).isEqualTo(ColumnType.OTHER);
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
        return type.toDocument(value);
    }
}
