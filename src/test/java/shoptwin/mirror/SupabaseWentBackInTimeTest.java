package shoptwin.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.mongodb.client.model.Filters;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import shoptwin.store.copy.MirrorTable;
import shoptwin.testing.DatabaseSnapshots;

/**
 * A shop's Supabase project goes back in time (a point-in-time restore, a daily backup, an older dump restored
 * over it) while the mirror runs: the copy holds changes Supabase no longer has, and the change log hands out
 * again ids the copy already carries. The mirror notices, writes nothing, says so, and each of the two ways out
 * ends with verify equal and the mirror going on.
 */
class SupabaseWentBackInTimeTest {
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void listen() {
        logged.start();
        ((Logger) LoggerFactory.getLogger(MirrorService.class)).addAppender(logged);
    }

    @AfterEach
    void stopListening() {
        ((Logger) LoggerFactory.getLogger(MirrorService.class)).detachAppender(logged);
    }

    /** The shop as it was at the backup, the changes after it (mirrored), then the rollback and new changes. */
    private static final class Story {
        List<String> renamedAfterBackup;
        List<String> deletedAfterBackup;
        List<String> createdAfterBackup;
        List<String> changedAfterRollback;
        long copyCustomersBefore;
    }

    private Story rollBack(MirrorFixture f, MirrorService mirror) {
        f.sql("insert into public.shop(name) values ('Corner Shop')");
        f.tx(c -> MirrorFixture.insertCustomers(c, 30, "Kept"));
        f.sql("insert into public.payments(customer_id, amount, method) select id, 10.50, 'cash' from public.customers");
        await().atMost(Duration.ofSeconds(30)).until(() -> f.backlog() == 0 && mirror.health().lastSuccessAt() != null);
        String backup = DatabaseSnapshots.take(f.pgSettings);
        reconnect(f);

        Story s = new Story();
        s.renamedAfterBackup = ids(f, "select id from public.customers where name like 'Kept 1%' order by id");
        f.sql("update public.customers set name = name || ' (renamed)' where name like 'Kept 1%'");
        s.deletedAfterBackup = ids(f, "select id from public.customers where name like 'Kept 2%' order by id");
        f.sql("delete from public.customers where name like 'Kept 2%'");
        f.tx(c -> MirrorFixture.insertCustomers(c, 5, "After backup"));
        s.createdAfterBackup = ids(f, "select id from public.customers where name like 'After backup%' order by id");
        await().atMost(Duration.ofSeconds(30)).until(() -> f.backlog() == 0);
        s.copyCustomersBefore = f.mongo.getCollection("customers").countDocuments();

        DatabaseSnapshots.restoreOver(f.pgSettings, backup);
        reconnect(f);
        // the shop goes on working on the restored project, more changes than the rollback erased
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
            f.tx(c -> MirrorFixture.insertCustomers(c, 40, "After rollback"));
            return true;
        });
        s.changedAfterRollback = ids(f, "select id from public.customers where name in ('Kept 3', 'Kept 4') order by id");
        f.sql("update public.customers set phone = '555 0101' where name in ('Kept 3', 'Kept 4')");
        return s;
    }

    @Test
    void aRollbackIsNoticedAndNothingIsWrittenUntilAPersonChooses() throws Exception {
        try (MirrorFixture f = new MirrorFixture()) {
            MirrorService mirror = f.start(f.builder().divergedRecheck(Duration.ofMillis(200)));
            Story s = rollBack(f, mirror);

            await().atMost(Duration.ofSeconds(30)).until(() -> mirror.health().state() == MirrorHealth.State.DIVERGED);
            MirrorHealth h = mirror.health();
            assertThat(h.divergence().kind()).isEqualTo(Divergence.Kind.BEHIND);
            assertThat(h.divergence().sentence()).startsWith("Supabase has gone back in time").contains("bring them back into Supabase")
                    .contains("rebase the backup");
            // the copy is left exactly as it was: none of the 40 new customers, the lost changes still there
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                    .until(() -> f.mongo.getCollection("customers").countDocuments() == s.copyCustomersBefore);
            assertThat(f.mongo.getCollection("customers").countDocuments(Filters.regex("name", "^After rollback"))).isZero();
            assertThat(f.backlog()).as("the changes made after the rollback wait in the change log").isGreaterThanOrEqualTo(42);
            // said in the log, in shoptwin status (from PostgreSQL, as another console sees it) and in the health
            assertThat(logged.list).anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("Supabase has gone back in time")
                    .contains("shoptwin recover --dry-run").contains("shoptwin resync --rebase"));
            await().atMost(Duration.ofSeconds(10)).until(() -> MirrorService.observe(f.db).divergence() != null);
            var status = shoptwin.cli.StatusReport.collect(f.db, List.of());
            assertThat(status.toText()).contains("STOPPED COPYING: Supabase has gone back in time").contains("shoptwin recover");
            // a plain resync refuses: its versions would be compared across two histories
            assertThatThrownBy(() -> new Resync(f.db, f.mongo).run()).isInstanceOf(CopyDivergedException.class)
                    .hasMessageContaining("gone back in time");
        }
    }

    @Test
    void bringingTheNewerDataBackIntoSupabaseEndsEqualAndTheMirrorGoesOn() throws Exception {
        try (MirrorFixture f = new MirrorFixture()) {
            MirrorService mirror = f.start(f.builder().divergedRecheck(Duration.ofMillis(200)));
            Story s = rollBack(f, mirror);
            await().atMost(Duration.ofSeconds(30)).until(() -> mirror.health().state() == MirrorHealth.State.DIVERGED);

            Recovery recovery = new Recovery(f.db, f.mongo);
            RecoveryPlan plan = recovery.plan();
            assertThat(plan.table(MirrorTable.CUSTOMERS).recreate()).as(plan.describe()).isEqualTo(s.createdAfterBackup.size());
            assertThat(plan.table(MirrorTable.CUSTOMERS).changeBack()).as(plan.describe()).isEqualTo(s.renamedAfterBackup.size());
            assertThat(plan.table(MirrorTable.CUSTOMERS).delete()).as(plan.describe()).isEqualTo(s.deletedAfterBackup.size());
            assertThat(plan.table(MirrorTable.PAYMENTS).delete()).as("their payments went with them").isEqualTo(s.deletedAfterBackup.size());
            assertThat(plan.table(MirrorTable.CUSTOMERS).conflicts()).as("changed in Supabase since: kept").isEqualTo(2);
            assertThat(f.count("select count(*) from public.customers where name like 'Kept 1%(renamed)'")).as("a preview writes nothing").isZero();

            Recovery.Outcome outcome = recovery.apply();
            assertThat(outcome.verify().isEqual()).as(outcome.describe()).isTrue();
            assertThat(f.count("select count(*) from public.customers where name like 'Kept 1%(renamed)'")).isEqualTo(s.renamedAfterBackup.size());
            assertThat(f.count("select count(*) from public.customers where name like 'Kept 2%'")).isZero();
            assertThat(f.count("select count(*) from public.customers where name like 'After backup%'")).isEqualTo(5);
            assertThat(f.count("select count(*) from public.customers where name like 'After rollback%'")).isEqualTo(40);
            assertThat(f.count("select count(*) from public.customers where phone = '555 0101'")).as("Supabase's own changes kept").isEqualTo(2);

            // the mirror goes on, with versions of this history
            await().atMost(Duration.ofSeconds(30)).until(() -> mirror.health().state() != MirrorHealth.State.DIVERGED);
            f.sql("update public.customers set notes = 'after the recovery' where name = 'Kept 5'");
            f.sql("delete from public.customers where name = 'Kept 6'");
            await().atMost(Duration.ofSeconds(30)).until(() -> f.backlog() == 0);
            assertThat(f.mongo.getCollection("customers").find(Filters.eq("name", "Kept 5")).first().getString("notes"))
                    .isEqualTo("after the recovery");
            assertThat(f.mongo.getCollection("customers").countDocuments(Filters.eq("name", "Kept 6"))).isZero();
            VerifyReport verify = f.verify();
            assertThat(verify.isEqual()).as(verify.describe()).isTrue();
        }
    }

    @Test
    void rebasingTheBackupOnSupabaseAsItIsEndsEqualAndTheMirrorGoesOn() throws Exception {
        try (MirrorFixture f = new MirrorFixture()) {
            MirrorService mirror = f.start(f.builder().divergedRecheck(Duration.ofMillis(200)));
            Story s = rollBack(f, mirror);
            await().atMost(Duration.ofSeconds(30)).until(() -> mirror.health().state() == MirrorHealth.State.DIVERGED);

            ResyncReport rebase = new Resync(f.db, f.mongo).rebase(true).run();
            assertThat(rebase.cancelled()).isFalse();
            VerifyReport verify = f.verify();
            assertThat(verify.isEqual()).as(verify.describe()).isTrue();
            assertThat(f.mongo.getCollection("shoptwin_tombstones").countDocuments(Filters.regex("_id", "^customers:")))
                    .as("the replaced history's tombstones are gone").isZero();
            for (String id : s.deletedAfterBackup) {
                assertThat(f.mongo.getCollection("customers").countDocuments(Filters.eq("_id", id))).as("back, as Supabase has it").isEqualTo(1);
            }
            for (String id : s.createdAfterBackup) {
                assertThat(f.mongo.getCollection("customers").countDocuments(Filters.eq("_id", id))).as("gone, as from Supabase").isZero();
            }

            await().atMost(Duration.ofSeconds(30)).until(() -> mirror.health().state() != MirrorHealth.State.DIVERGED);
            // a row the rollback brought back and whose old document had a larger _v: its edits are not "already newer"
            String back = s.deletedAfterBackup.get(0);
            f.sql("update public.customers set notes = 'edited after the rebase' where id = '" + back + "'");
            f.sql("delete from public.customers where id = '" + s.deletedAfterBackup.get(1) + "'");
            await().atMost(Duration.ofSeconds(30)).until(() -> f.backlog() == 0);
            assertThat(f.mongo.getCollection("customers").find(Filters.eq("_id", back)).first().getString("notes")).isEqualTo("edited after the rebase");
            assertThat(f.mongo.getCollection("customers").countDocuments(Filters.eq("_id", s.deletedAfterBackup.get(1)))).isZero();
            VerifyReport after = f.verify();
            assertThat(after.isEqual()).as(after.describe()).isTrue();
            assertThat(logged.list).anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("mirroring resumes"));
        }
    }

    @Test
    void aCopyMadeFromAnotherDatabaseIsNoticedToo() throws Exception {
        try (MirrorFixture f = new MirrorFixture()) {
            MirrorService first = f.start(f.builder().divergedRecheck(Duration.ofMillis(200)));
            f.tx(c -> MirrorFixture.insertCustomers(c, 10, "Old project"));
            await().atMost(Duration.ofSeconds(30)).until(() -> f.backlog() == 0 && first.health().lastSuccessAt() != null);
            first.close();

            // a new project, migrated, pointed at the old project's backup, without a restore
            try (shoptwin.store.postgres.Database fresh = new shoptwin.store.postgres.Database(shoptwin.testing.TestDatabases.freshPostgres())) {
                fresh.migrate();
                try (Connection c = fresh.dataSource().getConnection(); Statement st = c.createStatement()) {
                    st.execute("insert into public.customers(name) values ('New project')");
                }
                MirrorService second = f.start(new MirrorBuilder().database(fresh).mongo(f.mongoSettings)
                        .pollInterval(Duration.ofMillis(300)).standbyRetry(Duration.ofMillis(300)).divergedRecheck(Duration.ofMillis(200)));
                await().atMost(Duration.ofSeconds(30)).until(() -> second.health().state() == MirrorHealth.State.DIVERGED);
                assertThat(second.health().divergence().kind()).isEqualTo(Divergence.Kind.DIFFERENT_DATABASE);
                assertThat(second.health().divergence().sentence()).contains("made from a different Supabase database");
                assertThat(f.mongo.getCollection("customers").countDocuments(Filters.eq("name", "New project"))).isZero();
                second.close();
            }
        }
    }

    /** The test's own pool: connections cut by the backup or the restore are dropped (the mirror reconnects by itself). */
    static void reconnect(MirrorFixture f) {
        try {
            f.db.dataSource().unwrap(com.zaxxer.hikari.HikariDataSource.class).getHikariPoolMXBean().softEvictConnections();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> ids(MirrorFixture f, String sql) {
        List<String> out = new ArrayList<>();
        try (Connection c = f.db.dataSource().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    @SuppressWarnings("unused")
    private static Document doc(MirrorFixture f, String id) {
        return f.mongo.getCollection("customers").find(Filters.eq("_id", id)).first();
    }
}
