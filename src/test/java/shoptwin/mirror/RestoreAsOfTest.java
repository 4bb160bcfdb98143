package shoptwin.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import shoptwin.config.PostgresSettings;
import shoptwin.store.copy.MirrorTable;
import shoptwin.store.mongo.HistoryCoverage;
import shoptwin.store.postgres.Database;
import shoptwin.testing.Sql;
import shoptwin.testing.TestDatabases;

/**
 * {@code restore --as-of}: the shop's tables exactly as they were at a moment, compared in PostgreSQL itself
 * (row_to_json of every row) with a dump taken at that moment; into an empty database, and with --force into the
 * live one, where the copy follows.
 */
class RestoreAsOfTest {
    @AutoClose
    private final MirrorFixture f = new MirrorFixture();

    private void mirrored() {
        await().atMost(Duration.ofSeconds(30)).until(() -> f.backlog() == 0);
    }

    /** A moment with nothing captured at it: a few milliseconds of quiet on both sides. */
    private static Instant quietMoment() {
        Instant before = Instant.now();
        await().pollDelay(Duration.ofMillis(5)).atMost(Duration.ofSeconds(1)).until(() -> Instant.now().isAfter(before.plusMillis(5)));
        Instant moment = Instant.now();
        await().pollDelay(Duration.ofMillis(5)).atMost(Duration.ofSeconds(1)).until(() -> Instant.now().isAfter(moment.plusMillis(5)));
        return moment;
    }

    private void aShopAtWork() {
        f.sql("insert into public.shop (name, currency, timezone) values ('Corner Shop', 'INR', 'Asia/Kolkata')",
                "insert into public.customers (name, phone, email) select 'Customer ' || i, '+91 98765 ' || lpad(i::text, 5, '0'),"
                        + " 'c' || i || '@shop.example' from generate_series(1, 40) i",
                "insert into public.payments (customer_id, amount, method, paid_at) select id, 10.50 + length(name), 'cash',"
                        + " '2026-11-01 10:00:00.123+00' from public.customers",
                "update public.customers set notes = 'regular' where name like 'Customer 1%'");
    }

    private void theMistakesAfterIt() {
        f.sql("update public.payments set amount = 1.00", // the update without a where
                "delete from public.customers where name = 'Customer 7'",
                "update public.customers set phone = null where name like 'Customer 2%'",
                "insert into public.customers (name) values ('Added after the moment')",
                "update public.shop set name = 'Renamed shop'");
    }

    @Test
    void intoAnEmptyDatabaseTheTablesAreExactlyAsTheyWereAtThatMoment() throws Exception {
        f.start();
        aShopAtWork();
        mirrored();
        Instant moment = quietMoment();
        List<String> atThatMoment = Sql.shopDump(f.pgSettings);
        theMistakesAfterIt();
        mirrored();
        assertThat(Sql.shopDump(f.pgSettings)).isNotEqualTo(atThatMoment);

        PostgresSettings newProject = TestDatabases.freshPostgres();
        try (Database db = new Database(newProject, 2)) {
            db.migrate();
            RestoreAsOfReport report = new RestoreAsOf(db, f.mongo, moment).run(RestoreAsOf.Mode.INTO_EMPTY);
            assertThat(report.table(MirrorTable.CUSTOMERS).rowsAtThatMoment()).isEqualTo(40);
            assertThat(report.table(MirrorTable.PAYMENTS).rowsAtThatMoment()).isEqualTo(40);
            assertThat(report.describe()).contains("run `shoptwin resync --rebase`");
            assertThat(Sql.shopDump(newProject)).isEqualTo(atThatMoment);
            // the tables' triggers are on again after the bulk load: the next write in the new project is captured
            long logged = Sql.count(newProject, "select count(*) from shoptwin.change_log");
            Sql.run(newProject, "update public.customers set notes = 'after the restore' where name = 'Customer 3'");
            assertThat(Sql.count(newProject, "select count(*) from shoptwin.change_log")).isEqualTo(logged + 1);

            assertThatThrownBy(() -> new RestoreAsOf(db, f.mongo, moment).run(RestoreAsOf.Mode.INTO_EMPTY))
                    .isInstanceOf(RestoreRefusedException.class).hasMessageContaining("this one is not (public.shop has 1 row(s)");
        }
    }

    @Test
    void aCompositeColumnAddedInStudioIsRestoredRowByRowExactlyToo() throws Exception {
        String[] studio = {"create type public.place as (city text, pin int)", "alter table public.customers add column place public.place"};
        Sql.run(f.pgSettings, studio);
        f.start();
        aShopAtWork();
        f.sql("update public.customers set place = row('Pune, \"East\"', 411001) where name like 'Customer 3%'");
        mirrored();
        Instant moment = quietMoment();
        List<String> atThatMoment = Sql.shopDump(f.pgSettings);
        theMistakesAfterIt();
        f.sql("update public.customers set place = null");
        mirrored();

        PostgresSettings newProject = TestDatabases.freshPostgres();
        try (Database db = new Database(newProject, 2)) {
            db.migrate();
            Sql.run(newProject, studio);
            new RestoreAsOf(db, f.mongo, moment).run(RestoreAsOf.Mode.INTO_EMPTY); // COPY cannot write a composite's JSON: row by row
            assertThat(Sql.shopDump(newProject)).isEqualTo(atThatMoment);
        }
    }

    @Test
    void intoTheLiveDatabaseADryRunCountsThenForceTurnsItBackAndTheCopyFollows() throws Exception {
        f.start();
        aShopAtWork();
        mirrored();
        Instant moment = quietMoment();
        List<String> atThatMoment = Sql.shopDump(f.pgSettings);
        theMistakesAfterIt();
        mirrored();

        RestoreAsOfReport dry = new RestoreAsOf(f.db, f.mongo, moment).run(RestoreAsOf.Mode.DRY_RUN);
        assertThat(dry.table(MirrorTable.CUSTOMERS)).isEqualTo(new RestoreAsOfReport.TableResult(MirrorTable.CUSTOMERS, 40, 1, 11, 1));
        assertThat(dry.table(MirrorTable.PAYMENTS)).isEqualTo(new RestoreAsOfReport.TableResult(MirrorTable.PAYMENTS, 40, 1, 39, 0));
        assertThat(dry.table(MirrorTable.SHOP)).isEqualTo(new RestoreAsOfReport.TableResult(MirrorTable.SHOP, 1, 0, 1, 0));
        assertThat(dry.describe()).contains("1 to recreate, 11 to change back, 1 to remove", "Run it again with --force");
        assertThat(Sql.shopDump(f.pgSettings)).as("a dry run writes nothing").isNotEqualTo(atThatMoment);

        new RestoreAsOf(f.db, f.mongo, moment).run(RestoreAsOf.Mode.FORCE);
        assertThat(Sql.shopDump(f.pgSettings)).isEqualTo(atThatMoment);
        mirrored();
        VerifyReport verify = f.verify();
        assertThat(verify.isEqual()).as(verify.describe()).isTrue();
        assertThat(Sql.one(f.pgSettings, "select count(*) from shoptwin.change_log")).isEqualTo("0");
    }

    @Test
    void aMomentBeforeTheHistoryStartsIsRefusedWithTheEarliestThatCanBeRestored() throws Exception {
        Instant beforeAnything = Instant.now().minus(Duration.ofDays(1));
        f.start();
        aShopAtWork();
        mirrored();
        Instant earliest = HistoryCoverage.completeSince(f.mongo).orElseThrow();
        assertThatThrownBy(() -> new RestoreAsOf(f.db, f.mongo, beforeAnything).run(RestoreAsOf.Mode.DRY_RUN))
                .isInstanceOf(RestoreRefusedException.class)
                .hasMessageEndingWith("The earliest moment that can be restored is " + earliest + ".");
        assertThatThrownBy(() -> new RestoreAsOf(f.db, f.mongo, Instant.now().plus(Duration.ofHours(1))).run(RestoreAsOf.Mode.DRY_RUN))
                .isInstanceOf(RestoreRefusedException.class).hasMessageContaining("is in the future");
    }

    @Test
    void intoTheLiveDatabaseItWaitsUntilEveryChangeIsMirrored() throws Exception {
        MirrorService mirror = f.start();
        aShopAtWork();
        mirrored();
        Instant moment = quietMoment();
        mirror.close();
        f.sql("update public.customers set notes = 'not mirrored yet'");
        assertThatThrownBy(() -> new RestoreAsOf(f.db, f.mongo, moment).run(RestoreAsOf.Mode.FORCE))
                .isInstanceOf(RestoreRefusedException.class).hasMessageStartingWith("40 change(s) wait to be mirrored");
    }
}
