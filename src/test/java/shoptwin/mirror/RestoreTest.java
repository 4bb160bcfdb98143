package shoptwin.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.model.Filters;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import shoptwin.store.copy.MirrorTable;
import shoptwin.store.postgres.Database;
import shoptwin.testing.TestDatabases;

class RestoreTest {

    @Test
    void restoreIntoAnEmptyDatabaseReproducesEveryRowAndFieldAndRefusesANonEmptyOne() throws Exception {
        try (MirrorFixture f = new MirrorFixture(); Database target = new Database(TestDatabases.freshPostgres())) {
            target.migrate();
            f.start();
            f.sql("insert into public.shop(name, owner_name, currency, timezone, receipt_footer) "
                    + "values ('Corner ✨', 'Zoë', 'INR', 'Asia/Kolkata', E'Thanks!\\nCome again \"soon\"')");
            f.tx(c -> MirrorFixture.insertCustomers(c, 120, "Restore"));
            f.sql("update public.customers set notes = E'{\"$gt\": \"\"}\\n🙂', address = 'O''Street' where name like 'Restore 1%'",
                    "update public.customers set phone = '555' where name like 'Restore 2%'",
                    "insert into public.payments(customer_id, amount, method, reference, paid_at) "
                            + "select id, 1234567890.05, 'upi', 'ref ' || name, '2025-03-04 05:06:07.891+00' from public.customers",
                    "insert into public.payments(customer_id, amount, method) select id, 0.10, 'cash' from public.customers limit 7");
            await().atMost(Duration.ofSeconds(30)).until(() -> f.backlog() == 0);
            assertThat(f.verify().isEqual()).isTrue();

            List<String> progress = new ArrayList<>();
            RestoreReport report = new Restore(target, f.mongo).onProgress((t, d, n) -> progress.add(t + " " + d + "/" + n)).run();
            assertThat(report.table(MirrorTable.CUSTOMERS).restored()).isEqualTo(120);
            assertThat(report.table(MirrorTable.PAYMENTS).restored()).isEqualTo(127);
            assertThat(report.table(MirrorTable.SHOP).restored()).isEqualTo(1);
            assertThat(progress).contains("CUSTOMERS 120/120");
            for (MirrorTable t : MirrorTable.values()) {
                assertThat(rows(target, t)).as(t.tableName()).isEqualTo(rows(f.db, t)).isNotEmpty();
            }

            assertThatThrownBy(() -> new Restore(target, f.mongo).run())
                    .isInstanceOf(RestoreRefusedException.class).hasMessageContaining("public.customers has 120 row(s)")
                    .hasMessageContaining("--force");

            // forced and exact: rows the copy does not have go, the others are overwritten as they were
            try (Connection c = target.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("update public.customers set name = 'Changed locally' where name = 'Restore 5'");
                s.execute("insert into public.customers(name) values ('Only in the target')");
            }
            String dropped = (String) f.mongo.getCollection("customers").find(Filters.eq("name", "Restore 9")).first().get("_id");
            f.mongo.getCollection("customers").deleteOne(Filters.eq("_id", dropped));
            f.mongo.getCollection("payments").deleteMany(Filters.eq("customer_id", dropped));
            // the target's own changes (and the first restore's) were never mirrored from it: refused until told
            assertThatThrownBy(() -> new Restore(target, f.mongo).exact(true).run())
                    .isInstanceOf(RestoreRefusedException.class).hasMessageContaining("customers: 122 waiting")
                    .hasMessageContaining("--discard-pending").hasMessageContaining("mirror --once");
            RestoreReport exact = new Restore(target, f.mongo).exact(true).discardPending(true).run();
            assertThat(exact.table(MirrorTable.CUSTOMERS).deleted()).isEqualTo(2);
            List<String> expected = rows(f.db, MirrorTable.CUSTOMERS);
            expected.removeIf(r -> r.contains(dropped));
            assertThat(rows(target, MirrorTable.CUSTOMERS)).isEqualTo(expected);
        }
    }

    @Test
    void restoreQuotesNamesLeavesAbsentFieldsToTheirDefaultsAndNeverWritesAFieldWithNoColumn() throws Exception {
        String columns = "alter table public.customers add column \"loyaltyPoints\" int not null default 7, add column memo text";
        try (MirrorFixture f = new MirrorFixture(); Database target = new Database(TestDatabases.freshPostgres())) {
            f.sql(columns);
            f.start();
            f.sql("insert into public.customers(name, \"loyaltyPoints\", memo) select 'Old ' || g, 1, 'keep me' from generate_series(1, 3) g");
            await().atMost(Duration.ofSeconds(30)).until(() -> f.backlog() == 0 && f.mongo.getCollection("customers").countDocuments() == 3);
            // documents as an older ShopTwin left them: written before "loyaltyPoints" existed, with a field whose column is gone
            f.mongo.getCollection("customers").updateMany(new org.bson.Document(), new org.bson.Document("$unset",
                    new org.bson.Document("loyaltyPoints", "")).append("$set", new org.bson.Document("retired_note", "from a dropped column")));
            target.migrate();
            try (Connection c = target.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute(columns);
            }

            RestoreReport report = new Restore(target, f.mongo).run();
            assertThat(report.table(MirrorTable.CUSTOMERS).restored()).isEqualTo(3);
            assertThat(report.table(MirrorTable.CUSTOMERS).unknownFields()).containsExactly(java.util.Map.entry("retired_note", 3L));
            assertThat(report.describe()).contains("field retired_note (in 3 document(s)) has no column in public.customers "
                    + "(dropped or renamed in Supabase?): not restored");
            try (Connection c = target.dataSource().getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select count(*) filter (where \"loyaltyPoints\" = 7), count(*) filter (where memo = 'keep me') "
                         + "from public.customers")) {
                rs.next();
                assertThat(rs.getLong(1)).as("the column's default, for a document that lacks the field").isEqualTo(3);
                assertThat(rs.getLong(2)).isEqualTo(3);
            }

            // forced over rows that exist: a field the document lacks keeps the row's value; one present with null writes NULL
            f.mongo.getCollection("customers").updateOne(new org.bson.Document("name", "Old 1"),
                    new org.bson.Document("$set", new org.bson.Document("memo", null)));
            new Restore(f.db, f.mongo).force(true).run();
            assertThat(f.count("select count(*) from public.customers where \"loyaltyPoints\" = 1")).isEqualTo(3);
            assertThat(f.count("select count(*) from public.customers where memo is null")).isEqualTo(1);
        }
    }

    /** Every row of a table as its JSON text, in id order. */
    private static List<String> rows(Database db, MirrorTable table) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("select to_jsonb(t)::text from " + table.qualifiedTableName() + " t order by id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
