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
import org.bson.Document;
import org.junit.jupiter.api.Test;
import shoptwin.store.copy.MirrorTable;
import shoptwin.store.postgres.Database;
import shoptwin.testing.TestDatabases;

/**
 * Restore keeps the copy's versions comparable: into a new project (whose change log starts again at 1), and
 * forced over the live database; and it refuses to lose what the copy does not have yet.
 */
class RestoreKeepsVersionsComparableTest {

    @Test
    void afterARestoreIntoANewProjectEditsDeletesAndInsertsMirrorExactly() throws Exception {
        try (MirrorFixture f = new MirrorFixture()) {
            MirrorService old = f.start();
            f.sql("insert into public.shop(name) values ('Corner Shop')");
            f.tx(c -> MirrorFixture.insertCustomers(c, 100, "Regular"));
            f.sql("update public.customers set phone = '555 0100'", "update public.customers set notes = 'twice'",
                    "insert into public.payments(customer_id, amount, method) select id, 12.30, 'card' from public.customers");
            await().atMost(Duration.ofSeconds(30)).until(() -> f.backlog() == 0 && old.health().lastSuccessAt() != null);
            long highestVersion = f.mongo.getCollection("customers").find().sort(new Document("_v", -1)).first().getLong("_v");
            assertThat(highestVersion).as("the copy's _v reaches a few hundred").isGreaterThan(300);
            old.close();

            try (Database fresh = new Database(TestDatabases.freshPostgres())) {
                fresh.migrate();
                RestoreReport restored = new Restore(fresh, f.mongo).run();
                assertThat(restored.table(MirrorTable.CUSTOMERS).restored()).isEqualTo(100);
                MirrorService mirror = f.start(new MirrorBuilder().database(fresh).mongo(f.mongoSettings)
                        .pollInterval(Duration.ofMillis(300)).standbyRetry(Duration.ofMillis(300)));
                await().atMost(Duration.ofSeconds(30)).until(() -> backlog(fresh) == 0 && mirror.health().lastSuccessAt() != null);
                assertThat(mirror.health().state()).isNotEqualTo(MirrorHealth.State.DIVERGED);

                // carry on working: the new project's change-log ids must be newer than the copy's versions
                List<String> renamed = ids(fresh, "select id from public.customers where name like 'Regular 1%'");
                List<String> deleted = ids(fresh, "select id from public.customers where name like 'Regular 2%'");
                sql(fresh, "update public.customers set name = name || ' (moved)' where name like 'Regular 1%'",
                        "delete from public.customers where name like 'Regular 2%'",
                        "insert into public.customers(name) values ('Brand new')");
                await().atMost(Duration.ofSeconds(30)).until(() -> backlog(fresh) == 0);
                for (String id : renamed) {
                    assertThat(f.mongo.getCollection("customers").find(Filters.eq("_id", id)).first().getString("name")).endsWith("(moved)");
                }
                for (String id : deleted) {
                    assertThat(f.mongo.getCollection("customers").countDocuments(Filters.eq("_id", id))).isZero();
                }
                assertThat(f.mongo.getCollection("customers").countDocuments(Filters.eq("name", "Brand new"))).isEqualTo(1);
                VerifyReport verify = new Verify(fresh, f.mongo).run();
                assertThat(verify.isEqual()).as(verify.describe()).isTrue();
                // and resync works there too (its position is above every _v)
                new Resync(fresh, f.mongo).run();
                assertThat(new Verify(fresh, f.mongo).run().isEqual()).isTrue();
                mirror.close();
            }
        }
    }

    @Test
    void aForcedOrExactRestoreWithChangesStillWaitingRefusesAndChangesNothing() throws Exception {
        try (MirrorFixture f = new MirrorFixture()) {
            MirrorService mirror = f.start();
            f.sql("insert into public.shop(name) values ('Corner Shop')");
            f.tx(c -> MirrorFixture.insertCustomers(c, 20, "Mirrored"));
            await().atMost(Duration.ofSeconds(30)).until(() -> f.backlog() == 0 && mirror.health().lastSuccessAt() != null);
            mirror.close(); // MongoDB away, as far as the copy is concerned: changes wait in the change log
            f.sql("update public.customers set name = 'Renamed while MongoDB was away' where name = 'Mirrored 3'",
                    "insert into public.customers(name) values ('Created while MongoDB was away')",
                    "insert into public.payments(customer_id, amount, method) select id, 5.00, 'cash' from public.customers limit 2");
            List<String> before = rows(f.db);
            long backlogBefore = f.backlog();

            for (Restore restore : List.of(new Restore(f.db, f.mongo).force(true), new Restore(f.db, f.mongo).exact(true))) {
                assertThatThrownBy(restore::run).isInstanceOf(RestoreRefusedException.class)
                        .hasMessageContaining("customers: 2 waiting").hasMessageContaining("payments: 2 waiting")
                        .hasMessageContaining("shoptwin mirror --once").hasMessageContaining("--discard-pending")
                        .hasMessageContaining("Nothing was written");
            }
            assertThat(rows(f.db)).isEqualTo(before);
            assertThat(f.backlog()).isEqualTo(backlogBefore);

            // the preview says the same and what an exact restore would do; it writes nothing either
            RestorePlan plan = new Restore(f.db, f.mongo).exact(true).plan();
            assertThat(plan.wouldRefuse()).isTrue();
            assertThat(plan.table(MirrorTable.CUSTOMERS).update()).isEqualTo(1);
            assertThat(plan.table(MirrorTable.CUSTOMERS).delete()).isEqualTo(1);
            assertThat(plan.table(MirrorTable.PAYMENTS).delete()).isEqualTo(2);
            assertThat(plan.table(MirrorTable.CUSTOMERS).waiting()).isEqualTo(2);
            assertThat(plan.describe()).contains("1 to update, 1 to delete").contains("Restore refuses");
            assertThat(rows(f.db)).isEqualTo(before);

            // once mirrored, nothing is in the way and a forced restore changes nothing in content
            MirrorService again = f.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> f.backlog() == 0);
            assertThat(new Restore(f.db, f.mongo).force(true).plan().wouldRefuse()).isFalse();
            new Restore(f.db, f.mongo).force(true).run();
            assertThat(rows(f.db)).isEqualTo(rowsAfterMirroring(before, f));
            again.close();
        }
    }

    @Test
    void aRestoreMovesTheChangeLogAboveEveryVersionInTheCopyIncludingTombstones() throws Exception {
        try (MirrorFixture f = new MirrorFixture()) {
            MirrorService mirror = f.start();
            f.tx(c -> MirrorFixture.insertCustomers(c, 50, "Tombstoned"));
            f.sql("delete from public.customers where name like 'Tombstoned 4%'");
            await().atMost(Duration.ofSeconds(30)).until(() -> f.backlog() == 0 && mirror.health().lastSuccessAt() != null);
            mirror.close();
            long highestTombstone = f.mongo.getCollection("shoptwin_tombstones").find().sort(new Document("_v", -1)).first().getLong("_v");
            try (Database fresh = new Database(TestDatabases.freshPostgres())) {
                fresh.migrate();
                new Restore(fresh, f.mongo).run();
                sql(fresh, "insert into public.customers(name) values ('First in the new project')");
                long firstNewId = ids(fresh, "select max(id)::text from shoptwin.change_log").stream().mapToLong(Long::parseLong).max().orElseThrow();
                assertThat(firstNewId).isGreaterThan(highestTombstone);
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    private static List<String> rowsAfterMirroring(List<String> before, MirrorFixture f) throws Exception {
        return rows(f.db); // content is what it was: the copy has exactly these rows now
    }

    static long backlog(Database db) throws Exception {
        return Long.parseLong(ids(db, "select count(*)::text from shoptwin.change_log").get(0));
    }

    static void sql(Database db, String... statements) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String st : statements) {
                s.execute(st);
            }
        }
    }

    static List<String> ids(Database db, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** Every row of every mirrored table as its JSON text, in id order. */
    static List<String> rows(Database db) throws Exception {
        List<String> out = new ArrayList<>();
        for (MirrorTable t : MirrorTable.IN_DEPENDENCY_ORDER) {
            out.addAll(ids(db, "select to_jsonb(t)::text from " + t.qualifiedTableName() + " t order by id"));
        }
        return out;
    }
}
