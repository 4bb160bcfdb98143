package shoptwin.store.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import shoptwin.store.copy.MirrorTable;
import shoptwin.store.journal.JournalEntry.Op;

/** The journal's public format (docs/outage.md): written as documented, read back the same, refused naming the field. */
class JournalFormatTest {
    private static final Instant T = Instant.parse("2026-11-30T10:15:30.123Z");

    static Document payment() {
        return new Document("_id", "1f0e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b").append("table", "payments").append("op", "insert")
                .append("row_id", "9a8b7c6d-5e4f-4321-9876-123456789abc")
                .append("fields", new Document("customer_id", "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d")
                        .append("amount", new Decimal128(new BigDecimal("10.50"))).append("method", "cash")
                        .append("reference", null).append("note", null).append("paid_at", Date.from(T)))
                .append("made_at", Date.from(T)).append("made_by", "Meera (till 1)").append("state", "pending");
    }

    @Test
    void aDocumentInTheDocumentedFormatIsReadAndWrittenBackTheSame() throws Exception {
        JournalEntry e = JournalFormat.read(payment());
        assertThat(e.table()).isEqualTo(MirrorTable.PAYMENTS);
        assertThat(e.op()).isEqualTo(Op.INSERT);
        assertThat(e.fields().get("amount")).isEqualTo(new BigDecimal("10.50"));
        assertThat(e.fields().get("paid_at")).isEqualTo(T);
        assertThat(e.fields()).containsEntry("note", null);
        assertThat(JournalFormat.write(e)).isEqualTo(payment());
    }

    @Test
    void anUpdateKeepsOnlyTheChangedFieldsWithWhatTheyWere() throws Exception {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("phone", "+91 98450 22222");
        Map<String, Object> before = new LinkedHashMap<>();
        before.put("phone", null);
        JournalEntry e = JournalEntry.pending(UUID.randomUUID().toString(), MirrorTable.CUSTOMERS, Op.UPDATE, UUID.randomUUID(),
                fields, before, 3L, T, "Ravi", List.of("5d1a6f38-0a52-4d3a-9d4e-7b0c1f2e3a4b"), null, null);
        Document d = JournalFormat.write(e);
        assertThat(d.get("fields")).isEqualTo(new Document("phone", "+91 98450 22222"));
        assertThat(d.get("before")).isEqualTo(new Document("phone", null));
        assertThat(d.get("base_version")).isEqualTo(3L);
        assertThat(JournalFormat.read(d)).isEqualTo(e);
    }

    static List<Object[]> malformed() {
        return List.of(
                new Object[] {payment().append("_id", "42"), "_id must be a UUID string made by the writer (it is '42')"},
                new Object[] {payment().append("table", "shop"), "table must be customers or payments, not 'shop'"},
                new Object[] {payment().append("op", "upsert"), "op must be insert, update or delete, not 'upsert'"},
                new Object[] {payment().append("state", "done"), "state must be pending, applied, conflict or invalid, not 'done'"},
                new Object[] {payment().append("made_at", "2026-11-30"), "made_at must be a date (BSON Date), not a String"},
                new Object[] {withField("amount", 10.5), "fields.amount must be a Decimal128 (an exact amount), not a double (10.5)"},
                new Object[] {withField("amount", null), "fields.amount is required for a new payment"},
                new Object[] {withField("colour", "red"), "fields.colour is not a field ShopTwin replays (it knows customer_id, amount,"
                        + " method, reference, note, paid_at)"},
                new Object[] {withField("customer_id", "asha"), "fields.customer_id must be a UUID string, not 'asha'"},
                new Object[] {payment().append("extra", 1), "'extra' is not a field of a journal entry"},
                // an update says what each changed field was
                new Object[] {payment().append("op", "update"), "before is missing"});
    }

    private static Document withField(String name, Object value) {
        Document d = payment();
        d.get("fields", Document.class).put(name, value);
        return d;
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void aDocumentThatDoesNotFollowTheFormatIsRefusedNamingTheField(Document d, String reason) {
        assertThatThrownBy(() -> JournalFormat.read(d)).isInstanceOf(JournalFormat.MalformedEntryException.class).hasMessage(reason);
    }

    @Test
    void anEntryComesAfterTheEntriesItFollowsWhateverTheClocksSaid() {
        UUID row = UUID.randomUUID();
        JournalEntry insert = JournalEntry.pending("b0000000-0000-4000-8000-000000000001", MirrorTable.CUSTOMERS, Op.INSERT, row,
                Map.of("name", "Kiran"), null, null, T, "till 1", List.of(), null, null);
        // till 2's clock is two minutes behind
        JournalEntry edit = JournalEntry.pending("a0000000-0000-4000-8000-000000000002", MirrorTable.CUSTOMERS, Op.UPDATE, row,
                Map.of("name", "Kiran S"), Map.of("name", "Kiran"), 1L, T.minusSeconds(120), "till 2", List.of(insert.id()), null, null);
        JournalEntry other = JournalEntry.pending("c0000000-0000-4000-8000-000000000003", MirrorTable.CUSTOMERS, Op.INSERT,
                UUID.randomUUID(), Map.of("name", "Early"), null, null, T.minusSeconds(300), "till 2", List.of(), null, null);
        assertThat(JournalOrder.sort(List.of(edit, insert, other))).containsExactly(other, insert, edit);
    }
}
