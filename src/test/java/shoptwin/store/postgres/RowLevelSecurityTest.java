package shoptwin.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import shoptwin.config.PostgresSettings;
import shoptwin.testing.Sql;
import shoptwin.testing.TestDatabases;

/**
 * What ShopTwin creates in a Supabase project is closed to the Data API roles: logged in as PostgREST
 * logs in ({@code authenticator}, then {@code set role anon} or {@code authenticated} with the request's
 * JWT claims), nobody reads a customer, a payment or the shop, writes one, or reaches ShopTwin's schema.
 */
class RowLevelSecurityTest {
    private static final String CLAIMS = "{\"sub\": \"2b7c9a52-3c1e-4f6a-9d0b-8e4f1a2c3d4e\", \"role\": \"authenticated\","
            + " \"aud\": \"authenticated\"}";
    private static PostgresSettings owner;

    @BeforeAll
    static void migrateAShopWithData() {
        owner = TestDatabases.freshPostgres();
        try (Database db = new Database(owner, 2)) {
            db.migrate();
        }
        Sql.run(owner,
                "insert into public.shop (name) values ('Corner Shop')",
                "insert into public.customers (id, name, phone) values ('9f8e7d6c-5b4a-4321-8fed-cba987654321', 'Meera Iyer', '+91 98450 00000')",
                "insert into public.payments (customer_id, amount, method) values ('9f8e7d6c-5b4a-4321-8fed-cba987654321', 250.00, 'upi')");
    }

    /** A connection as the Data API makes it: authenticator, then the request's role (and claims) in a transaction. */
    private static Connection asDataApi(String role) throws SQLException {
        return asDataApi(owner, role);
    }

    private static Connection asDataApi(PostgresSettings db, String role) throws SQLException {
        Connection c = Sql.connect(TestDatabases.as(db, "authenticator"));
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("set local role " + role);
            if (role.equals("authenticated")) {
                s.execute("select set_config('request.jwt.claims', '" + CLAIMS + "', true)");
            }
        }
        return c;
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"anon", "authenticated"})
    void theDataApiRolesReadNoCustomerNoPaymentAndNoShop(String role) throws SQLException {
        try (Connection c = asDataApi(role)) {
            if (role.equals("authenticated")) {
                assertThat(count(c, "select count(*) from (select auth.uid()) x where auth.uid() is not null"))
                        .as("a signed-in user's request").isEqualTo(1);
            }
            assertThat(count(c, "select count(*) from public.customers")).isZero();
            assertThat(count(c, "select count(*) from public.payments")).isZero();
            assertThat(count(c, "select count(*) from public.shop")).isZero();
            c.rollback();
        }
        assertThat(Sql.count(owner, "select count(*) from public.customers")).as("the rows are there").isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"anon", "authenticated"})
    void theDataApiRolesWriteNothing(String role) throws SQLException {
        for (String write : List.of(
                "insert into public.customers (name) values ('Mallory')",
                "insert into public.payments (customer_id, amount, method) values ('9f8e7d6c-5b4a-4321-8fed-cba987654321', 1, 'cash')",
                "insert into public.shop (name) values ('Not my shop')")) {
            try (Connection c = asDataApi(role); Statement s = c.createStatement()) {
                assertThatThrownBy(() -> s.execute(write)).as(write).isInstanceOf(SQLException.class)
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"))
                        .hasMessageContaining("row-level security");
            }
        }
        try (Connection c = asDataApi(role); Statement s = c.createStatement()) {
            assertThat(s.executeUpdate("update public.customers set notes = 'owned'")).isZero();
            assertThat(s.executeUpdate("delete from public.payments")).isZero();
            assertThat(s.executeUpdate("delete from public.customers")).isZero();
            c.commit();
        }
        assertThat(Sql.one(owner, "select coalesce(notes, 'untouched') from public.customers")).isEqualTo("untouched");
        assertThat(Sql.count(owner, "select count(*) from public.payments")).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "select count(*) from shoptwin.change_log",
            "select count(*) from shoptwin.parked_change",
            "select count(*) from shoptwin.flyway_schema_history",
            "select shoptwin.retry_parked_changes(null)",
            "select nextval('shoptwin.copy_epoch')",
    })
    void shopTwinsOwnSchemaIsClosedToTheDataApiRoles(String sql) throws SQLException {
        for (String role : List.of("anon", "authenticated")) {
            try (Connection c = asDataApi(role); Statement s = c.createStatement()) {
                assertThatThrownBy(() -> s.execute(sql)).as("%s: %s", role, sql)
                        .hasMessageContaining("permission denied for schema shoptwin");
            }
        }
    }

    @Test
    void serviceRoleAndTheOwnerStillSeeEverything() throws SQLException {
        try (Connection c = asDataApi("service_role")) {
            assertThat(count(c, "select count(*) from public.customers")).isEqualTo(1);
            assertThat(count(c, "select count(*) from public.payments")).isEqualTo(1);
            c.rollback();
        }
        assertThat(Sql.count(owner, "select count(*) from public.payments")).isEqualTo(1);
    }

    @Test
    void everyTableShopTwinCreatesHasRowLevelSecurityAndNoPolicyForTheDataApiRoles() {
        List<String> withoutRls = Sql.column(owner, "select n.nspname || '.' || c.relname from pg_class c"
                + " join pg_namespace n on n.oid = c.relnamespace where c.relkind in ('r', 'p') and not c.relrowsecurity"
                + " and ((n.nspname = 'public' and c.relname in ('customers', 'payments', 'shop'))"
                + "      or (n.nspname = 'shoptwin' and c.relname <> 'flyway_schema_history'))");
        assertThat(withoutRls).isEmpty();
        assertThat(Sql.count(owner, "select count(*) from pg_policies where schemaname in ('public', 'shoptwin')"
                + " and roles && array['anon', 'authenticated', 'public']::name[]")).isZero();
    }

    @Test
    void anOwnerOpensATableToSignedInUsersWithAPolicyAndTheirWritesAreCaptured() throws SQLException {
        PostgresSettings db = TestDatabases.freshPostgres();
        try (Database database = new Database(db, 2)) {
            database.migrate();
        }
        // the README's example
        Sql.run(db, "create policy \"signed-in users read customers\" on public.customers for select to authenticated using (true)",
                "create policy \"signed-in users add customers\" on public.customers for insert to authenticated with check (true)",
                "insert into public.customers (name) values ('Ravi Kumar')");
        try (Connection c = asDataApi(db, "authenticated"); Statement s = c.createStatement()) {
            s.execute("insert into public.customers (name) values ('Added through the web app')");
            assertThat(count(c, "select count(*) from public.customers")).isEqualTo(2);
            c.commit();
        }
        try (Connection c = asDataApi(db, "anon")) {
            assertThat(count(c, "select count(*) from public.customers")).as("anon is still closed out").isZero();
            c.rollback();
        }
        assertThat(Sql.column(db, "select row_data->>'name' from shoptwin.change_log order by id"))
                .containsExactly("Ravi Kumar", "Added through the web app");
        assertThat(Sql.one(db, "select version || ' ' || (updated_at = date_trunc('milliseconds', updated_at))"
                + " from public.customers where name = 'Added through the web app'")).as("stamped").isEqualTo("1 true");
    }
}
