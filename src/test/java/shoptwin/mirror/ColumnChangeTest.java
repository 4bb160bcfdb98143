package shoptwin.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.model.Filters;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.Test;
import shoptwin.cli.StatusReport;
import shoptwin.store.copy.MirrorTable;

/**
 * Columns changed in Supabase Studio while the mirror runs, the way a shop owner does it: added with a
 * default (no row trigger fires), retyped, renamed, dropped. Each time the mirror notices before it maps the
 * next change, maps with the new type, brings every existing document up to date by itself, and verify ends
 * equal with no manual step; the status says what it is doing meanwhile.
 */
class ColumnChangeTest {
    private static final int ROWS = 300;

    /** {@code alter}: columns to add first; {@code columns}/{@code values}: theirs for each row ({@code g} = 1..ROWS). */
    private static MirrorFixture shopWithCustomers(String alter, String columns, String values) throws Exception {
        MirrorFixture f = new MirrorFixture();
        if (!alter.isEmpty()) {
            f.sql("alter table public.customers " + alter);
        }
        f.sql("insert into public.customers(name" + (columns.isEmpty() ? "" : ", " + columns) + ") "
                + "select 'Customer ' || g" + (values.isEmpty() ? "" : ", " + values) + " from generate_series(1, " + ROWS + ") g");
        return f;
    }

    private static void awaitEqual(MirrorFixture f, MirrorService mirror) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                f.backlog() == 0 && mirror.health().copyUpdate().isEmpty() && f.verify().isEqual());
        assertThat(f.count("select count(*) from shoptwin.parked_change")).as("nothing parked").isZero();
    }

    private static List<Document> customers(MirrorFixture f) {
        return f.mongo.getCollection("customers").find().into(new ArrayList<>());
    }

    @Test
    void aColumnAddedWithADefaultReachesEveryExistingDocumentAndTheStatusSaysSo() throws Exception {
        try (MirrorFixture f = shopWithCustomers("", "", "")) {
            List<String> seen = new CopyOnWriteArrayList<>();
            MirrorService mirror = f.start(f.builder().listener(new MirrorListener() {
                @Override
                public void healthChanged(MirrorHealth h) {
                    h.copyUpdate().ifPresent(u -> seen.add(u.sentence()));
                }
            }));
            awaitEqual(f, mirror);

            // a transaction open elsewhere (a till mid-sale): the table's update waits for it, as a resync does
            try (Connection till = f.db.dataSource().getConnection(); Statement s = till.createStatement()) {
                till.setAutoCommit(false);
                s.execute("select pg_current_xact_id()");
                f.sql("alter table public.customers add column loyalty_points int not null default 0");
                await().atMost(Duration.ofSeconds(30)).until(() -> mirror.health().copyUpdate().isPresent());
                assertThat(mirror.health().copyUpdate().get().sentence())
                        .startsWith("the customers table changed in Supabase: updating the copy");
                // another process (`shoptwin status`) reads it from PostgreSQL
                await().atMost(Duration.ofSeconds(30)).until(() -> MirrorService.observe(f.db).copyUpdate().isPresent());
                String status = StatusReport.collect(f.db, List.of()).toText();
                assertThat(status).contains("the customers table changed in Supabase: updating the copy");
                till.commit();
            }
            awaitEqual(f, mirror);
            assertThat(customers(f)).hasSize(ROWS).allSatisfy(d -> assertThat(d.get("loyalty_points")).isEqualTo(0));
            assertThat(seen).isNotEmpty().allMatch(s -> s.startsWith("the customers table changed in Supabase: updating the copy"));
            assertThat(MirrorService.observe(f.db).copyUpdate()).as("said until done, then no more").isEmpty();
            assertThat(StatusReport.collect(f.db, List.of()).toText()).doesNotContain("changed in Supabase");
        }
    }

    @Test
    void aColumnRetypedIsMappedWithItsNewTypeFromTheNextChangeOnAndEveryDocumentFollows() throws Exception {
        try (MirrorFixture f = shopWithCustomers("add column points int4, add column vip text", "points, vip",
                "g, case when g % 2 = 0 then 'true' else 'false' end")) {
            MirrorService mirror = f.start();
            awaitEqual(f, mirror);
            assertThat(customers(f).get(0).get("points")).isInstanceOf(Integer.class);

            // int4 → int8: 3000000000 is not wrapped around to -1294967296
            f.sql("alter table public.customers alter column points type int8",
                    "update public.customers set points = 3000000000 where name = 'Customer 7'");
            awaitEqual(f, mirror);
            assertThat(f.mongo.getCollection("customers").find(Filters.eq("name", "Customer 7")).first().get("points")).isEqualTo(3000000000L);
            assertThat(customers(f)).allSatisfy(d -> assertThat(d.get("points")).isInstanceOf(Long.class));

            // int8 → numeric: 9.75 is not cut to 9
            f.sql("alter table public.customers alter column points type numeric",
                    "update public.customers set points = 9.75 where name = 'Customer 8'");
            awaitEqual(f, mirror);
            assertThat(f.mongo.getCollection("customers").find(Filters.eq("name", "Customer 8")).first().get("points"))
                    .isEqualTo(new Decimal128(new BigDecimal("9.75")));
            assertThat(customers(f)).allSatisfy(d -> assertThat(d.get("points")).isInstanceOf(Decimal128.class));

            // text → boolean: true is not "true"
            f.sql("alter table public.customers alter column vip type boolean using vip::boolean",
                    "update public.customers set vip = true where name = 'Customer 9'");
            awaitEqual(f, mirror);
            assertThat(f.mongo.getCollection("customers").find(Filters.eq("name", "Customer 9")).first().get("vip")).isEqualTo(true);
            assertThat(customers(f)).allSatisfy(d -> assertThat(d.get("vip")).isInstanceOf(Boolean.class));
        }
    }

    @Test
    void changesCapturedBeforeARetypeAndStillWaitingAreNeitherParkedNorLeftWrong() throws Exception {
        try (MirrorFixture f = shopWithCustomers("add column vip text", "vip", "case when g % 2 = 0 then 'true' else 'false' end")) {
            MirrorService first = f.start();
            awaitEqual(f, first);
            first.close(); // the console is closed: changes wait in the log
            f.sql("update public.customers set vip = 'true' where name like 'Customer 1%'",
                    "alter table public.customers alter column vip type boolean using vip::boolean",
                    "update public.customers set vip = false where name = 'Customer 1'");
            MirrorService second = f.start();
            awaitEqual(f, second);
            assertThat(customers(f)).allSatisfy(d -> assertThat(d.get("vip")).isInstanceOf(Boolean.class));
            assertThat(f.mongo.getCollection("customers").find(Filters.eq("name", "Customer 1")).first().get("vip")).isEqualTo(false);
            assertThat(f.mongo.getCollection("customers").find(Filters.eq("name", "Customer 10")).first().get("vip")).isEqualTo(true);
        }
    }

    @Test
    void aRenamedColumnMovesToItsNewNameInEveryDocument() throws Exception {
        try (MirrorFixture f = shopWithCustomers("add column memo text", "memo", "'note ' || g")) {
            MirrorService mirror = f.start();
            awaitEqual(f, mirror);
            f.sql("alter table public.customers rename column memo to remark");
            awaitEqual(f, mirror);
            assertThat(customers(f)).hasSize(ROWS).allSatisfy(d -> {
                assertThat(d).doesNotContainKey("memo");
                assertThat(d.getString("remark")).startsWith("note ");
            });
        }
    }

    @Test
    void aDroppedColumnLeavesTheCopyAndAForcedRestoreAfterwardsWritesNoNullAnywhere() throws Exception {
        try (MirrorFixture f = shopWithCustomers("add column memo text, add column remark text", "memo, remark", "'memo ' || g, 'remark ' || g")) {
            MirrorService mirror = f.start();
            awaitEqual(f, mirror);
            f.sql("alter table public.customers drop column memo");
            awaitEqual(f, mirror);
            assertThat(customers(f)).allSatisfy(d -> assertThat(d).doesNotContainKey("memo"));
            List<String> before = rows(f);
            RestoreReport report = new Restore(f.db, f.mongo).force(true).run();
            assertThat(report.table(MirrorTable.CUSTOMERS).unknownFields()).isEmpty();
            assertThat(rows(f)).isEqualTo(before);
            assertThat(f.count("select count(*) from public.customers where remark is null")).isZero();
            awaitEqual(f, mirror);
        }
    }

    @Test
    void aColumnAddedWhileNoConsoleRanIsFollowedWhenTheNextOneLeads() throws Exception {
        try (MirrorFixture f = shopWithCustomers("", "", "")) {
            MirrorService first = f.start();
            awaitEqual(f, first);
            first.close();
            f.sql("alter table public.customers add column loyalty_points int not null default 5");
            MirrorService second = f.start();
            awaitEqual(f, second);
            assertThat(customers(f)).allSatisfy(d -> assertThat(d.get("loyalty_points")).isEqualTo(5));
        }
    }

    private static List<String> rows(MirrorFixture f) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = f.db.dataSource().getConnection(); Statement s = c.createStatement();
             var rs = s.executeQuery("select to_jsonb(t)::text from public.customers t order by id")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
