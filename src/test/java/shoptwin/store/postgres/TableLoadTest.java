package shoptwin.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import shoptwin.store.copy.DocumentMapper;
import shoptwin.store.copy.MirrorTable;
import shoptwin.testing.Sql;
import shoptwin.testing.TestDatabases;

/**
 * The bulk load a restore into a new project uses: rows copied in exactly (every awkward character of COPY's text
 * format), nothing captured, the totals rebuilt, the triggers back on exactly as they were, or left on by a rollback;
 * only the tables' owner may do it.
 */
class TableLoadTest {
    @AutoClose
    private final Database source = ShopTables.migratedDatabase();
    @AutoClose
    private final Database target = ShopTables.migratedDatabase();

    private static final String AWKWARD = "tab\there, line\nend, cr\r, backslash \\ and \\N and \\t, a lone\n\\.\nline, quote \" ' , ünïcødé ₹";

    /** Every row of the source as the copy holds it. */
    private Map<MirrorTable, List<Document>> documents() throws SQLException {
        Map<MirrorTable, List<Document>> docs = new EnumMap<>(MirrorTable.class);
        try (Connection c = source.dataSource().getConnection(); Statement s = c.createStatement()) {
            DocumentMapper mapper = DocumentMapper.load(c);
            for (MirrorTable t : MirrorTable.IN_DEPENDENCY_ORDER) {
                List<Document> list = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("select to_jsonb(t)::text from " + t.qualifiedTableName() + " t")) {
                    while (rs.next()) {
                        list.add(mapper.toDocument(t, rs.getString(1)));
                    }
                }
                docs.put(t, list);
            }
        }
        return docs;
    }

    private void load(Map<MirrorTable, List<Document>> docs) throws SQLException {
        try (Connection c = target.dataSource().getConnection()) {
            c.setAutoCommit(false);
            DocumentMapper mapper = DocumentMapper.load(c);
            assertThat(TableLoad.possible(c, mapper, MirrorTable.IN_DEPENDENCY_ORDER)).isTrue();
            Map<MirrorTable, List<String>> off = new EnumMap<>(MirrorTable.class);
            for (MirrorTable t : MirrorTable.IN_DEPENDENCY_ORDER) {
                off.put(t, TableLoad.triggersOff(c, t));
            }
            for (MirrorTable t : MirrorTable.IN_DEPENDENCY_ORDER) {
                assertThat(TableLoad.copy(c, mapper, t, docs.get(t))).isEqualTo(docs.get(t).size());
            }
            for (MirrorTable t : MirrorTable.IN_DEPENDENCY_ORDER) {
                TableLoad.triggersOn(c, t, off.get(t));
            }
            TableLoad.rebuildTotals(c);
            c.commit();
        }
    }

    private static List<String> triggers(Database db) {
        return Sql.column(db.settings(), "select tgrelid::regclass::text || ' ' || tgname || ' ' || tgenabled::text from pg_trigger where not tgisinternal"
                + " and tgrelid in ('public.customers'::regclass, 'public.payments'::regclass, 'public.shop'::regclass) order by 1");
    }

    @Test
    void rowsComeInExactlyWithNothingCapturedAndTheTotalsRebuilt() throws Exception {
        ShopTables.execute(source, "insert into public.shop (name, currency) values ('Corner " + AWKWARD.replace("'", "''") + "', 'INR')");
        ShopTables.execute(source, "insert into public.customers (name, phone, notes, address) select 'Customer ' || i, null,"
                + " case when i % 3 = 0 then '" + AWKWARD.replace("'", "''") + "' when i % 3 = 1 then '' end, null"
                + " from generate_series(1, 30) i");
        ShopTables.execute(source, "insert into public.payments (customer_id, amount, method, paid_at, note) select id, 10.05 + length(name),"
                + " 'upi', '2026-11-01 10:00:00.123+00', E'a\\\\b' from public.customers where name <> 'Customer 7'");
        ShopTables.execute(source, "update public.customers set notes = notes || ' edited' where name like 'Customer 2%'");
        List<String> expected = Sql.shopDump(source.settings());

        load(documents());

        assertThat(Sql.shopDump(target.settings())).isEqualTo(expected);
        assertThat(ShopTables.queryLong(target, "select count(*) from shoptwin.change_log")).as("nothing captured").isZero();
        // the triggers are on again: the next write is stamped and captured
        ShopTables.execute(target, "update public.customers set notes = 'after' where name = 'Customer 3'");
        assertThat(ShopTables.queryLong(target, "select count(*) from shoptwin.change_log")).isEqualTo(1);
        assertThat(ShopTables.queryLong(target, "select version from public.customers where name = 'Customer 3'"))
                .isEqualTo(ShopTables.queryLong(source, "select version from public.customers where name = 'Customer 3'") + 1);
        assertThat(triggers(target)).isEqualTo(triggers(source));
    }

    @Test
    void triggersComeBackExactlyAsTheyWereAndARollbackLeavesThemOn() throws Exception {
        ShopTables.execute(target, "create function public.web_app_touch() returns trigger language plpgsql as $$ begin return new; end $$");
        ShopTables.execute(target, "create trigger web_always before update on public.customers for each row execute function public.web_app_touch()");
        ShopTables.execute(target, "create trigger web_replica before update on public.customers for each row execute function public.web_app_touch()");
        ShopTables.execute(target, "create trigger web_off before update on public.customers for each row execute function public.web_app_touch()");
        ShopTables.execute(target, "alter table public.customers enable always trigger web_always, enable replica trigger web_replica,"
                + " disable trigger web_off");
        List<String> before = triggers(target);
        assertThat(before).contains("customers web_always A", "customers web_replica R", "customers web_off D", "customers customers_capture O");

        try (Connection c = target.dataSource().getConnection()) {
            c.setAutoCommit(false);
            List<String> off = TableLoad.triggersOff(c, MirrorTable.CUSTOMERS);
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select count(*) from pg_trigger where not tgisinternal"
                    + " and tgrelid = 'public.customers'::regclass and tgenabled <> 'D'")) {
                rs.next();
                assertThat(rs.getLong(1)).as("every trigger off in the transaction").isZero();
            }
            TableLoad.triggersOn(c, MirrorTable.CUSTOMERS, off);
            c.commit();
        }
        assertThat(triggers(target)).isEqualTo(before);

        try (Connection c = target.dataSource().getConnection()) {
            c.setAutoCommit(false);
            TableLoad.triggersOff(c, MirrorTable.CUSTOMERS);
            c.rollback(); // a restore that fails half-way
        }
        assertThat(triggers(target)).isEqualTo(before);
    }

    @Test
    void aValueThatDoesNotFitNamesTheRowAndFieldAndAForeignKeyIsStillChecked() throws Exception {
        ShopTables.execute(source, "insert into public.customers (name) values ('Asha')");
        ShopTables.execute(source, "insert into public.payments (customer_id, amount, method) select id, 5, 'cash' from public.customers");
        Map<MirrorTable, List<Document>> docs = documents();
        Document payment = docs.get(MirrorTable.PAYMENTS).get(0);
        payment.put("amount", "not a number");
        assertThatThrownBy(() -> load(docs)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("payments " + payment.get("_id")).hasMessageContaining("field amount");
        assertThat(ShopTables.count(target, "public.customers")).as("nothing of it kept").isZero();

        docs.get(MirrorTable.CUSTOMERS).clear(); // a payment whose customer is not there
        payment.put("amount", "5.00");
        assertThatThrownBy(() -> load(docs)).isInstanceOf(SQLException.class).hasMessageContaining("payments_customer_id_fkey");
        assertThat(ShopTables.count(target, "public.payments")).isZero();
        assertThat(triggers(target)).isEqualTo(triggers(source));
    }

    @Test
    void onlyTheTablesOwnerMayLoadInBulkAndNotWhereRowLevelSecurityIsForcedOnIt() throws Exception {
        DocumentMapper mapper;
        try (Connection owner = target.dataSource().getConnection()) {
            mapper = DocumentMapper.load(owner);
            assertThat(TableLoad.possible(owner, mapper, MirrorTable.IN_DEPENDENCY_ORDER)).isTrue();
        }
        try (Connection c = Sql.connect(TestDatabases.as(target.settings(), "authenticator"))) {
            assertThat(TableLoad.possible(c, mapper, MirrorTable.IN_DEPENDENCY_ORDER)).isFalse();
        }
        // row-level security forced on the owner too: COPY FROM would refuse the table
        ShopTables.execute(target, "alter table public.payments force row level security");
        try (Connection owner = target.dataSource().getConnection()) {
            assertThat(TableLoad.possible(owner, mapper, MirrorTable.IN_DEPENDENCY_ORDER)).isFalse();
        }
    }
}
