package shoptwin.mirror.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import shoptwin.store.copy.MirrorTable;
import shoptwin.store.postgres.Database;
import shoptwin.testing.TestDatabases;

/**
 * A chunk of replayed entries is one PostgreSQL transaction, tried whole in one savepoint and, when an entry of it
 * fails, entry by entry with a savepoint each (R__apply_journal_entries.sql): an entry that PostgreSQL refuses or whose row changed since the replay read it
 * leaves nothing of itself (no row, no recorded id, no captured change), while the entries around it apply with
 * their ids recorded; sent again, the applied ones are "already" and nothing doubles.
 */
class ReplayChunkTransactionTest {

    private static ReplaySql.Write insertCustomer(String entry, UUID id, String name) {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("id", id.toString());
        row.put("name", name);
        row.put("phone", "+49 30 1234567");
        return new ReplaySql.Write(entry, MirrorTable.CUSTOMERS, "insert", id, row, null, null, Set.of(), "meera (console on SHOP-PC)",
                "replayed");
    }

    @Test
    void aRefusedAndAChangedEntryRollBackToTheirSavepointsWhileTheOthersOfTheChunkApplyOnce() throws Exception {
        try (Database db = new Database(TestDatabases.freshPostgres())) {
            db.migrate();
            UUID kept = UUID.randomUUID();
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("insert into public.customers (id, name) values ('" + kept + "', 'Asha Rao')");
            }
            UUID ravi = UUID.randomUUID();
            UUID blank = UUID.randomUUID();
            UUID payment = UUID.randomUUID();
            Map<String, String> paymentRow = new LinkedHashMap<>();
            paymentRow.put("id", payment.toString());
            paymentRow.put("customer_id", ravi.toString());
            paymentRow.put("amount", "12.50");
            paymentRow.put("method", "cash");
            paymentRow.put("paid_at", "2026-11-25T09:00:00.123Z");
            List<ReplaySql.Write> chunk = List.of(
                    insertCustomer("e1", ravi, "Ravi Kumar"),
                    insertCustomer("e2", blank, "   "), // the name's check refuses it
                    new ReplaySql.Write("e3", MirrorTable.CUSTOMERS, "update", kept, Map.of("name", "Asha R."), 7L, null, Set.of(),
                            "meera (console on SHOP-PC)", "replayed"), // version 7 was never the row's: changed meanwhile
                    new ReplaySql.Write("e4", MirrorTable.PAYMENTS, "insert", payment, paymentRow, null, null,
                            Set.of("customers:" + ravi), "meera (console on SHOP-PC)", "replayed"));

            Map<String, ReplaySql.Outcome> first;
            try (Connection c = db.dataSource().getConnection()) {
                first = ReplaySql.apply(c, chunk);
            }

            assertThat(first.get("e1").outcome()).isEqualTo("applied");
            assertThat(first.get("e2").outcome()).isEqualTo("refused");
            assertThat(first.get("e2").reason()).contains("customers_name_check");
            assertThat(first.get("e3").outcome()).isEqualTo("changed");
            assertThat(first.get("e4").outcome()).isEqualTo("applied");
            assertThat(strings(db, "select entry_id from shoptwin.journal_applied order by entry_id")).containsExactly("e1", "e4");
            assertThat(strings(db, "select name from public.customers order by name")).containsExactly("Asha Rao", "Ravi Kumar");
            assertThat(strings(db, "select amount::text || ' ' || customer_id from public.payments"))
                    .containsExactly("12.50 " + ravi);
            assertThat(strings(db, "select table_name || ' ' || op || ' ' || row_id from shoptwin.change_log order by id"))
                    .as("the refused and the changed entry were captured nowhere")
                    .containsExactly("customers INSERT " + kept, "customers INSERT " + ravi, "payments INSERT " + payment);

            Map<String, ReplaySql.Outcome> again;
            try (Connection c = db.dataSource().getConnection()) {
                again = ReplaySql.apply(c, List.of(chunk.get(0), chunk.get(3)));
            }
            assertThat(again.get("e1").outcome()).isEqualTo("already");
            assertThat(again.get("e4").outcome()).isEqualTo("already");
            assertThat(strings(db, "select count(*)::text from public.payments")).containsExactly("1");
            assertThat(strings(db, "select count(*)::text from shoptwin.change_log")).containsExactly("3");
        }
    }

    private static List<String> strings(Database db, String sql) throws Exception {
        List<String> out = new java.util.ArrayList<>();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
